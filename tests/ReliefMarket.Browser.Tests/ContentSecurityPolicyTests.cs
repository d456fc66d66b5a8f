namespace ReliefMarket.Browser.Tests;

public class ContentSecurityPolicyTests(BrowserShop shop) : BrowserTests(shop)
{
    [Fact]
    public async Task Injected_inline_script_and_style_are_blocked_and_reported()
    {
        var page = await Shop.NewPageAsync(BrowserShop.Desktop);
        await page.GotoAsync("/products/weining-potatoes");

        await page.EvaluateAsync("""
            () => {
              const script = document.createElement('script');
              script.textContent = 'window.injected = true';
              document.body.append(script);
              document.body.setAttribute('style', 'background: red');
            }
            """);

        Assert.Null(await page.EvaluateAsync<bool?>("() => window.injected"));
        var violations = await Shop.TakeCspViolationsAsync();
        Assert.Contains(violations, v => v.Contains("script-src"));
        Assert.Contains(violations, v => v.Contains("style-src"));
    }

    [Fact]
    public async Task The_product_page_with_its_structured_data_and_share_bars_violates_nothing()
    {
        var page = await Shop.NewPageAsync(BrowserShop.Phone);
        await page.GotoAsync("/products/weining-potatoes");
        var widths = await page.Locator(".share-bar rect").EvaluateAllAsync<double[]>("rects => rects.map(r => r.getBoundingClientRect().width)");
        var bar = await page.Locator(".share-bar").First.BoundingBoxAsync();
        // 60% and 40% of the bar, drawn without any inline style.
        Assert.Equal(0.6 * bar!.Width, widths[0], 1);
        Assert.Equal(0.4 * bar.Width, widths[1], 1);
        Assert.Empty(await Shop.TakeCspViolationsAsync());
    }
}
