namespace ReliefMarket.Browser.Tests;

/// <summary>
/// The storefront paints with the phone's own CJK font: no web font is fetched, and the Chinese text is drawn with
/// a system font (here Debian's Noto Sans CJK SC, as on an Android phone). Screenshots: phone-first-paint-*.png.
/// </summary>
public class FirstPaintTests(BrowserShop shop) : BrowserTests(shop)
{
    [Theory]
    [InlineData("/", "home")]
    [InlineData("/products", "products")]
    public async Task Chinese_text_renders_with_the_system_font_and_no_font_is_downloaded(string url, string name)
    {
        var page = await Shop.NewPageAsync(BrowserShop.Phone);
        var fetched = new List<string>();
        page.Request += (_, request) => { if (request.ResourceType == "font") fetched.Add(request.Url); };

        await page.GotoAsync(url);
        await BrowserShop.ScreenshotAsync(page, $"phone-first-paint-{name}");

        Assert.Empty(fetched);
        Assert.StartsWith("\"PingFang SC\"", await page.EvaluateAsync<string>("getComputedStyle(document.body).fontFamily"));
        // What chromium really drew the heading with, glyph by glyph.
        var cdp = await page.Context.NewCDPSessionAsync(page);
        await cdp.SendAsync("DOM.enable");
        await cdp.SendAsync("CSS.enable");
        var root = await cdp.SendAsync("DOM.getDocument");
        var h1 = await cdp.SendAsync("DOM.querySelector", new() { ["nodeId"] = root!.Value.GetProperty("root").GetProperty("nodeId").GetInt32(), ["selector"] = "h1" });
        var fonts = await cdp.SendAsync("CSS.getPlatformFontsForNode", new() { ["nodeId"] = h1!.Value.GetProperty("nodeId").GetInt32() });
        var used = fonts!.Value.GetProperty("fonts").EnumerateArray().Select(f => f.GetProperty("familyName").GetString()!).ToList();
        Assert.Contains(used, f => f.Contains("CJK SC") || f.Contains("PingFang"));
        Assert.All(used, f => Assert.DoesNotContain("Noto Sans SC", f));
    }
}
