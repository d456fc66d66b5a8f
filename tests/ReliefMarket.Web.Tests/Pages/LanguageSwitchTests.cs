using System.Net;

namespace ReliefMarket.Web.Tests.Pages;

public class LanguageSwitchTests(SqliteShop shop) : IClassFixture<SqliteShop>
{
    [Fact]
    public async Task The_switch_remembers_English_in_a_cookie_and_returns_to_the_page()
    {
        var client = shop.Client();
        var page = await client.GetPageAsync("/products");
        var form = page.QuerySelector("form.lang-switch")!;
        var token = form.QuerySelector("input[name=__RequestVerificationToken]")!.GetAttribute("value")!;

        var response = await client.PostAsync("/culture", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["culture"] = "en", ["returnUrl"] = "/products", ["__RequestVerificationToken"] = token,
        }));

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/products", response.Headers.Location!.OriginalString);
        var english = await client.GetPageAsync("/products");
        Assert.Contains("Weining potatoes", english.Texts(".card-title"));
        Assert.Equal("中文", english.QuerySelector("form.lang-switch button")!.TextContent);
    }

    [Fact]
    public async Task The_switch_refuses_a_missing_antiforgery_token_and_foreign_return_urls()
    {
        var client = shop.Client();
        var forged = await client.PostAsync("/culture", new FormUrlEncodedContent(new Dictionary<string, string> { ["culture"] = "en" }));
        Assert.Equal(HttpStatusCode.BadRequest, forged.StatusCode);

        var page = await client.GetPageAsync("/");
        var token = page.QuerySelector("form.lang-switch input[name=__RequestVerificationToken]")!.GetAttribute("value")!;
        var offsite = await client.PostAsync("/culture", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["culture"] = "en", ["returnUrl"] = "//evil.example/", ["__RequestVerificationToken"] = token,
        }));
        Assert.Equal("/", offsite.Headers.Location!.OriginalString);

        var unknown = await client.PostAsync("/culture", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["culture"] = "fr", ["__RequestVerificationToken"] = token,
        }));
        Assert.Equal(HttpStatusCode.BadRequest, unknown.StatusCode);
    }
}
