using Deque.AxeCore.Playwright;

namespace ReliefMarket.Browser.Tests;

/// <summary>axe-core (WCAG 2 A and AA rules, contrast included) on the storefront pages, in both languages, on a phone.</summary>
public class AccessibilityTests(BrowserShop shop) : BrowserTests(shop)
{
    [Theory]
    [InlineData("zh-CN")]
    [InlineData("en-US")]
    public async Task Storefront_pages_have_no_accessibility_violations(string locale)
    {
        var page = await Shop.NewPageAsync(BrowserShop.Phone, locale);
        var problems = new List<string>();
        foreach (var url in new[] { "/", "/products", "/products?county=hezhang&sort=price-asc", "/products/weining-potatoes", "/origins",
                     "/origins/hezhang", "/origins/weining/pingshan", "/impact", "/cart", "/account/login", "/account/register", "/no-such-page" })
        {
            await page.GotoAsync(url);
            var result = await page.RunAxe(new Deque.AxeCore.Commons.AxeRunOptions
            {
                RunOnly = new Deque.AxeCore.Commons.RunOnlyOptions { Type = "tag", Values = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"] },
            });
            problems.AddRange(result.Violations.Select(v => $"{url}: {v.Id} ({v.Impact}) {v.Help} — {string.Join(" | ", v.Nodes.Take(3).Select(n => n.Html))}"));
        }
        Assert.True(problems.Count == 0, string.Join("\n", problems));
    }
}
