using System.Net;

namespace ReliefMarket.Web.Tests.Pages;

public class LanguageSwitchTests(SqliteShop shop) : IClassFixture<SqliteShop>
{
    [Fact]
    public async Task The_switch_remembers_English_in_a_cookie_and_returns_to_the_page()
    {
        var client = shop.Client();
        var page = await client.GetPageAsync("/products?county=hezhang");
        var link = page.QuerySelector("a.lang-switch")!;
        Assert.Equal("English", link.TextContent);

        var response = await client.GetAsync(link.GetAttribute("href"));

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/products?county=hezhang", response.Headers.Location!.OriginalString);
        var english = await client.GetPageAsync("/products?county=hezhang");
        Assert.Contains("Hezhang eggs", english.Texts(".card-title"));
        Assert.Equal("中文", english.QuerySelector("a.lang-switch")!.TextContent);

        // The cookie outranks the browser's language, and switching back works the same way.
        await client.GetAsync("/culture/zh-CN?returnUrl=/");
        var chinese = await client.GetPageAsync("/");
        Assert.Equal("zh-CN", chinese.DocumentElement.GetAttribute("lang"));
    }

    [Fact]
    public async Task The_switch_refuses_unknown_languages_and_foreign_return_urls()
    {
        var client = shop.Client();
        var offsite = await client.GetAsync("/culture/en?returnUrl=//evil.example/");
        Assert.Equal("/", offsite.Headers.Location!.OriginalString);
        var absolute = await client.GetAsync("/culture/en?returnUrl=https://evil.example/");
        Assert.Equal("/", absolute.Headers.Location!.OriginalString);
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync("/culture/fr")).StatusCode);
    }
}
