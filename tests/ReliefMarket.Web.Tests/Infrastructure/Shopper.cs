using System.Net;
using AngleSharp.Dom;
using Microsoft.AspNetCore.Identity;

namespace ReliefMarket.Web.Tests.Infrastructure;

/// <summary>A person using the shop through HTTP: keeps cookies, fills forms with their antiforgery tokens.</summary>
public sealed class Shopper(ShopFactory shop, HttpClient client)
{
    public const string Password = "Relief-test-2026";
    public HttpClient Client { get; } = client;
    public string? UserId { get; private set; }
    public string? Email { get; private set; }

    public static Shopper Anonymous(ShopFactory shop, string? language = null) => new(shop, shop.Client(language));

    /// <summary>Creates a confirmed consumer account and signs in through the login page.</summary>
    public async Task<Shopper> SignUpAndSignInAsync(string? email = null, string role = Roles.Consumer)
    {
        email ??= $"buyer-{Guid.NewGuid():N}@example.test";
        UserId = await CreateAccountAsync(shop, email, confirmed: true, role);
        Email = email;
        var response = await SubmitAsync("/account/login", "form", new() { ["Email"] = email, ["Password"] = Password });
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        return this;
    }

    /// <summary>Creates an account with <see cref="Password"/> directly in the database; returns its id.</summary>
    public static async Task<string> CreateAccountAsync(ShopFactory shop, string email, bool confirmed = true, string role = Roles.Consumer)
    {
        await using var scope = shop.Scope(out _);
        var users = scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>();
        var user = new AppUser { UserName = email, Email = email, EmailConfirmed = confirmed };
        Assert.True((await users.CreateAsync(user, Password)).Succeeded);
        await users.AddToRoleAsync(user, role);
        return user.Id;
    }

    public Task<IDocument> PageAsync(string url, HttpStatusCode expected = HttpStatusCode.OK) => Client.GetPageAsync(url, expected);

    /// <summary>A signed-in person's antiforgery token, from a page that always has a form (catalog and read-only pages carry none).</summary>
    public async Task<string> AntiforgeryTokenAsync() =>
        (await PageAsync("/account/password")).QuerySelector("input[name=__RequestVerificationToken]")!.GetAttribute("value")!;

    /// <summary>Opens <paramref name="url"/>, fills the form matched by <paramref name="selector"/> and submits it as a browser would.</summary>
    public async Task<HttpResponseMessage> SubmitAsync(string url, string selector, Dictionary<string, string> values)
    {
        var (action, content) = await FillAsync(url, selector, values);
        return await Client.PostAsync(action, content);
    }

    /// <summary>Opens and fills a form without sending it: where it posts to, and what (for timing the post alone).</summary>
    public async Task<(string Action, FormUrlEncodedContent Content)> FillAsync(string url, string selector, Dictionary<string, string> values)
    {
        var page = await PageAsync(url);
        var form = page.QuerySelector(selector) ?? throw new InvalidOperationException($"No form {selector} on {url}");
        var fields = form.QuerySelectorAll("input[name]").Where(i => i.GetAttribute("type") is not ("checkbox" or "submit"))
            .ToDictionary(i => i.GetAttribute("name")!, i => i.GetAttribute("value") ?? "");
        foreach (var (k, v) in values) fields[k] = v;
        var action = form.GetAttribute("action");
        return (string.IsNullOrEmpty(action) ? url : action, new FormUrlEncodedContent(fields));
    }

    /// <summary>Switches a signed-in shopper's language with the header's form, which also stores it for their emails.</summary>
    public async Task SwitchLanguageAsync(string culture)
    {
        var (_, content) = await FillAsync("/", "form.lang-switch-form", []);
        var response = await Client.PostAsync($"/culture/{culture}?returnUrl=/", content);
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
    }

    public Task<HttpResponseMessage> AddToCartAsync(string slug, int quantity = 1) =>
        Client.PostAsync("/cart/add", new FormUrlEncodedContent(new Dictionary<string, string> { ["slug"] = slug, ["quantity"] = quantity.ToString() }));

    public static readonly Dictionary<string, string> Address = new()
    {
        ["Address.Recipient"] = "陈小梅", ["Address.Mobile"] = "13812345678", ["Address.Province"] = "广东省",
        ["Address.City"] = "广州市", ["Address.District"] = "番禺区", ["Address.Street"] = "市桥街道光明北路 88 号",
    };

    /// <summary>Places an order from the cart with a valid address; returns the order id from the redirect.</summary>
    public async Task<Guid> CheckoutAsync()
    {
        var response = await SubmitAsync("/checkout", "form.checkout", Address);
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var location = response.Headers.Location!.OriginalString;
        var id = System.Text.RegularExpressions.Regex.Match(location, "[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}").Value;
        return Guid.Parse(id);
    }
}

/// <summary>A clock tests can move: the app's TimeProvider in every <see cref="ShopFactory"/>.</summary>
public sealed class TestClock : TimeProvider
{
    private DateTimeOffset _now = DateTimeOffset.UtcNow;
    public override DateTimeOffset GetUtcNow() => _now;
    public void Advance(TimeSpan by) => _now += by;
}
