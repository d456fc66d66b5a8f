using System.Net;

namespace ReliefMarket.Web.Tests.Pages;

public abstract class LanguageSwitchTests<TShop>(TShop shop) : IClassFixture<TShop> where TShop : ShopFactory
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

    private async Task<string> StoredLanguageOf(string userId)
    {
        await using var scope = shop.Scope(out var db);
        return await db.Users.Where(u => u.Id == userId).Select(u => u.PreferredCulture).SingleAsync();
    }

    [Fact]
    public async Task A_link_changes_only_the_cookie_never_the_stored_language_of_a_signed_in_person()
    {
        var shopper = await Shopper.Anonymous(shop).SignUpAndSignInAsync();
        // Any page could embed this as an image; it must not change what the account's emails are written in.
        var response = await shopper.Client.GetAsync("/culture/en?returnUrl=/");
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("en", (await shopper.PageAsync("/")).DocumentElement.GetAttribute("lang"));
        Assert.Equal("zh-CN", await StoredLanguageOf(shopper.UserId!));
    }

    [Fact]
    public async Task A_signed_in_person_switches_with_a_form_that_also_stores_the_language()
    {
        var shopper = await Shopper.Anonymous(shop).SignUpAndSignInAsync();
        var page = await shopper.PageAsync("/products?county=hezhang");
        Assert.Null(page.QuerySelector("a.lang-switch"));
        Assert.Equal("English", page.QuerySelector("form.lang-switch-form button")!.TextContent.Trim());

        var response = await shopper.SubmitAsync("/products?county=hezhang", "form.lang-switch-form", []);
        Assert.Equal("/products?county=hezhang", response.Headers.Location!.OriginalString);
        Assert.Equal("en", await StoredLanguageOf(shopper.UserId!));
        Assert.Equal("en", (await shopper.PageAsync("/")).DocumentElement.GetAttribute("lang"));

        // The header is cached for every signed-in shopper, so the form has no token; a post from another site is refused.
        var forged = new HttpRequestMessage(HttpMethod.Post, "/culture/zh-CN?returnUrl=/") { Content = new FormUrlEncodedContent([]) };
        forged.Headers.Add("Sec-Fetch-Site", "cross-site");
        Assert.Equal(HttpStatusCode.Forbidden, (await shopper.Client.SendAsync(forged)).StatusCode);
        Assert.Equal("en", await StoredLanguageOf(shopper.UserId!));
    }
}

public sealed class LanguageSwitchOnSqlite(SqliteShop shop) : LanguageSwitchTests<SqliteShop>(shop);
public sealed class LanguageSwitchOnPostgres(PostgresShop shop) : LanguageSwitchTests<PostgresShop>(shop);
