using System.Net;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc.Testing;

namespace ReliefMarket.Web.Tests.Security;

/// <summary>The proxy settings the shops below share: one proxy by address, one network by CIDR.</summary>
public static class Proxies
{
    public const string Proxy = "10.0.0.5", InNetwork = "10.1.2.3", Stranger = "203.0.113.50";

    public static void Configure(IWebHostBuilder builder)
    {
        builder.UseSetting("ForwardedHeaders:KnownProxies:0", Proxy);
        builder.UseSetting("ForwardedHeaders:KnownNetworks:0", "10.1.0.0/16");
    }

    /// <summary>A client on a public host name (HSTS is never sent to localhost) speaking plain http from <paramref name="from"/>.</summary>
    public static HttpClient Client(ShopFactory shop, string from, string scheme = "http")
    {
        var client = shop.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, BaseAddress = new Uri($"{scheme}://shop.example/") });
        return ClientAddress.From(client, from);
    }

    public static HttpRequestMessage ForwardedHttps(string url) => new(HttpMethod.Get, url)
    {
        Headers = { { "X-Forwarded-For", "198.51.100.9" }, { "X-Forwarded-Proto", "https" } },
    };

    public static string? SetCookie(HttpResponseMessage response, string namePrefix) =>
        response.Headers.TryGetValues("Set-Cookie", out var cookies) ? cookies.FirstOrDefault(c => c.StartsWith(namePrefix)) : null;

    public static bool IsSecure(string cookie) => cookie.Split(';').Any(p => p.Trim().Equals("secure", StringComparison.OrdinalIgnoreCase));
}

public abstract class ForwardedHeadersTests<TShop>(TShop shop) : IClassFixture<TShop> where TShop : ShopFactory
{
    [Theory]
    [InlineData(Proxies.Proxy)]
    [InlineData(Proxies.InNetwork)]
    public async Task A_configured_proxy_saying_https_gets_hsts_and_secure_cookies(string proxy)
    {
        var response = await Proxies.Client(shop, proxy).SendAsync(Proxies.ForwardedHttps("/account/login"));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.True(response.Headers.TryGetValues("Strict-Transport-Security", out var hsts));
        var maxAge = long.Parse(System.Text.RegularExpressions.Regex.Match(hsts.Single(), @"max-age=(\d+)").Groups[1].Value);
        Assert.True(maxAge >= TimeSpan.FromDays(180).TotalSeconds, hsts.Single());
        Assert.True(Proxies.IsSecure(Proxies.SetCookie(response, ".AspNetCore.Antiforgery")!));
    }

    [Fact]
    public async Task The_same_headers_from_anyone_else_are_ignored()
    {
        var response = await Proxies.Client(shop, Proxies.Stranger).SendAsync(Proxies.ForwardedHttps("/account/login"));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.False(response.Headers.Contains("Strict-Transport-Security"));
        Assert.False(Proxies.IsSecure(Proxies.SetCookie(response, ".AspNetCore.Antiforgery")!));
    }

    [Fact]
    public async Task Loopback_is_not_trusted_unless_configured()
    {
        var response = await Proxies.Client(shop, "127.0.0.1").SendAsync(Proxies.ForwardedHttps("/account/login"));
        Assert.False(response.Headers.Contains("Strict-Transport-Security"));
    }
}

public sealed class ProxiedSqliteShop : SqliteShop
{
    protected override void ConfigureWebHost(IWebHostBuilder builder) { base.ConfigureWebHost(builder); Proxies.Configure(builder); }
}

public sealed class ProxiedPostgresShop : PostgresShop
{
    protected override void ConfigureWebHost(IWebHostBuilder builder) { base.ConfigureWebHost(builder); Proxies.Configure(builder); }
}

public sealed class ForwardedHeadersOnSqlite(ProxiedSqliteShop shop) : ForwardedHeadersTests<ProxiedSqliteShop>(shop);
public sealed class ForwardedHeadersOnPostgres(ProxiedPostgresShop shop) : ForwardedHeadersTests<ProxiedPostgresShop>(shop);

/// <summary>In Production every cookie is Secure, even on a request that reached the app over plain http.</summary>
public abstract class ProductionCookieTests<TShop>(TShop shop) : IClassFixture<TShop> where TShop : ShopFactory
{
    [Fact]
    public async Task Antiforgery_culture_cart_and_sign_in_cookies_are_secure_over_plain_http()
    {
        // No cookie container: a client over http would not send Secure cookies back, so they are carried by hand.
        var client = shop.Server.CreateClient();

        var login = await client.GetAsync("/account/login");
        var antiforgery = Proxies.SetCookie(login, ".AspNetCore.Antiforgery")!;
        Assert.True(Proxies.IsSecure(antiforgery), antiforgery);

        var culture = Proxies.SetCookie(await client.GetAsync("/culture/en?returnUrl=/"), ".AspNetCore.Culture")!;
        Assert.True(Proxies.IsSecure(culture), culture);

        var add = await client.PostAsync("/cart/add", new FormUrlEncodedContent(new Dictionary<string, string> { ["slug"] = "hezhang-eggs", ["quantity"] = "1" }));
        var cart = Proxies.SetCookie(add, "rm_cart=")!;
        Assert.True(Proxies.IsSecure(cart), cart);

        var email = $"secure-{Guid.NewGuid():N}@example.test";
        await using (var scope = shop.Scope(out _))
        {
            var users = scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>();
            Assert.True((await users.CreateAsync(new AppUser { UserName = email, Email = email, EmailConfirmed = true }, Shopper.Password)).Succeeded);
        }
        var token = (await login.ReadPageAsync()).QuerySelector("input[name=__RequestVerificationToken]")!.GetAttribute("value")!;
        var post = new HttpRequestMessage(HttpMethod.Post, "/account/login")
        {
            Content = new FormUrlEncodedContent(new Dictionary<string, string> { ["Email"] = email, ["Password"] = Shopper.Password, ["__RequestVerificationToken"] = token }),
        };
        post.Headers.Add("Cookie", antiforgery.Split(';')[0]);
        var signedIn = await client.SendAsync(post);
        Assert.Equal(HttpStatusCode.Redirect, signedIn.StatusCode);
        var auth = Proxies.SetCookie(signedIn, ".AspNetCore.Identity.Application")!;
        Assert.True(Proxies.IsSecure(auth), auth);
    }

    [Fact]
    public async Task Https_through_a_configured_proxy_gets_hsts()
    {
        var response = await Proxies.Client(shop, Proxies.Proxy).SendAsync(Proxies.ForwardedHttps("/"));
        Assert.Contains("max-age=31536000", response.Headers.GetValues("Strict-Transport-Security").Single());
    }
}

public sealed class ProductionSqliteShop : SqliteShop
{
    protected override string EnvironmentName => "Production";
    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        Proxies.Configure(builder);
        AskForSandboxAndMailFolder(builder);
    }
}

public sealed class ProductionPostgresShop : PostgresShop
{
    protected override string EnvironmentName => "Production";
    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        Proxies.Configure(builder);
        AskForSandboxAndMailFolder(builder);
    }
}

public sealed class ProductionCookiesOnSqlite(ProductionSqliteShop shop) : ProductionCookieTests<ProductionSqliteShop>(shop);
public sealed class ProductionCookiesOnPostgres(ProductionPostgresShop shop) : ProductionCookieTests<ProductionPostgresShop>(shop);
