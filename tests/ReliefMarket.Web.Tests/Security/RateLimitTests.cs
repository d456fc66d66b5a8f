using System.Net;
using System.Text.Json;
using Microsoft.AspNetCore.Hosting;

namespace ReliefMarket.Web.Tests.Security;

/// <summary>Low limits, so that tests reach them quickly; each test speaks from its own client address.</summary>
public static class LowLimits
{
    public const int SignIn = 3, Register = 2, ForgotPassword = 2, Checkout = 2, Webhook = 2, ChannelSales = 2;

    public static void Configure(IWebHostBuilder builder)
    {
        builder.UseSetting("RateLimits:SignIn:PermitLimit", SignIn.ToString());
        builder.UseSetting("RateLimits:Register:PermitLimit", Register.ToString());
        builder.UseSetting("RateLimits:ForgotPassword:PermitLimit", ForgotPassword.ToString());
        builder.UseSetting("RateLimits:Checkout:PermitLimit", Checkout.ToString());
        builder.UseSetting("RateLimits:Webhook:PermitLimit", Webhook.ToString());
        builder.UseSetting("RateLimits:ChannelSales:PermitLimit", ChannelSales.ToString());
        Proxies.Configure(builder);
    }

    private static int _clients;

    /// <summary>An address no other test has used (198.18.0.0/15 is reserved for testing).</summary>
    public static string NewAddress()
    {
        var n = Interlocked.Increment(ref _clients);
        return $"198.18.{n / 250}.{n % 250 + 1}";
    }
}

public abstract class RateLimitTests<TShop>(TShop shop) : IClassFixture<TShop> where TShop : ShopFactory
{
    private Shopper From(string address, string? language = null) => new(shop, ClientAddress.From(shop.Client(language), address));

    private static Task<HttpResponseMessage> SignInAsync(Shopper shopper) =>
        shopper.SubmitAsync("/account/login", "form", new() { ["Email"] = "nobody@example.test", ["Password"] = "wrong-password" });

    [Theory]
    [InlineData("zh-CN", "请求太频繁了")]
    [InlineData("en", "Too many requests")]
    public async Task Sign_in_beyond_the_limit_gets_a_localized_429_page_with_retry_after(string language, string title)
    {
        var shopper = From(LowLimits.NewAddress(), language);
        for (var i = 0; i < LowLimits.SignIn; i++)
            Assert.Equal(HttpStatusCode.OK, (await SignInAsync(shopper)).StatusCode);

        // The sign-in page itself is still shown (GETs are never limited); only the post is refused.
        var limited = await SignInAsync(shopper);

        Assert.Equal(HttpStatusCode.TooManyRequests, limited.StatusCode);
        var retryAfter = int.Parse(limited.Headers.GetValues("Retry-After").Single());
        Assert.InRange(retryAfter, 1, 60);
        var page = await limited.ReadPageAsync();
        Assert.Equal(title, page.QuerySelector("h1")!.TextContent);
        Assert.Equal(language, page.DocumentElement.GetAttribute("lang"));
    }

    [Fact]
    public async Task Another_client_address_is_not_limited()
    {
        var first = From(LowLimits.NewAddress());
        for (var i = 0; i <= LowLimits.SignIn; i++) await SignInAsync(first);
        Assert.Equal(HttpStatusCode.TooManyRequests, (await SignInAsync(first)).StatusCode);

        Assert.Equal(HttpStatusCode.OK, (await SignInAsync(From(LowLimits.NewAddress()))).StatusCode);
    }

    [Fact]
    public async Task Behind_a_configured_proxy_each_forwarded_client_has_its_own_limit()
    {
        async Task<HttpStatusCode> SignInVia(string client)
        {
            var request = new HttpRequestMessage(HttpMethod.Post, "/account/login") { Content = new FormUrlEncodedContent([]) };
            request.Headers.Add("X-Forwarded-For", client);
            return (await ClientAddress.From(shop.Client(), Proxies.Proxy).SendAsync(request)).StatusCode;
        }
        var crowd = LowLimits.NewAddress();
        for (var i = 0; i < LowLimits.SignIn; i++) Assert.NotEqual(HttpStatusCode.TooManyRequests, await SignInVia(crowd));
        Assert.Equal(HttpStatusCode.TooManyRequests, await SignInVia(crowd));
        Assert.NotEqual(HttpStatusCode.TooManyRequests, await SignInVia(LowLimits.NewAddress()));
    }

    [Theory]
    [InlineData("/account/register", LowLimits.Register)]
    [InlineData("/account/forgot", LowLimits.ForgotPassword)]
    [InlineData("/account/resend", LowLimits.ForgotPassword)]
    public async Task Registration_and_forgotten_password_posts_are_limited_but_their_pages_are_not(string url, int limit)
    {
        var client = ClientAddress.From(shop.Client(), LowLimits.NewAddress());
        for (var i = 0; i < limit; i++)
            Assert.NotEqual(HttpStatusCode.TooManyRequests, (await client.PostAsync(url, new FormUrlEncodedContent([]))).StatusCode);
        Assert.Equal(HttpStatusCode.TooManyRequests, (await client.PostAsync(url, new FormUrlEncodedContent([]))).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync(url)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/products")).StatusCode);
    }

    [Fact]
    public async Task Checkout_is_limited_per_account_not_per_address()
    {
        var address = LowLimits.NewAddress();
        var first = await From(address).SignUpAndSignInAsync();
        var second = await From(address).SignUpAndSignInAsync();
        async Task<HttpStatusCode> CheckoutAsync(Shopper s) => (await s.Client.PostAsync("/checkout", new FormUrlEncodedContent([]))).StatusCode;

        for (var i = 0; i < LowLimits.Checkout; i++) Assert.NotEqual(HttpStatusCode.TooManyRequests, await CheckoutAsync(first));
        Assert.Equal(HttpStatusCode.TooManyRequests, await CheckoutAsync(first));
        Assert.NotEqual(HttpStatusCode.TooManyRequests, await CheckoutAsync(second));
    }

    [Fact]
    public async Task The_webhook_beyond_the_limit_gets_problem_json_with_retry_after()
    {
        var client = ClientAddress.From(shop.Client(), LowLimits.NewAddress());
        Task<HttpResponseMessage> Post() => client.PostAsync("/webhooks/stripe", new StringContent("{}", System.Text.Encoding.UTF8, "application/json"));
        for (var i = 0; i < LowLimits.Webhook; i++) Assert.NotEqual(HttpStatusCode.TooManyRequests, (await Post()).StatusCode);

        var limited = await Post();

        Assert.Equal(HttpStatusCode.TooManyRequests, limited.StatusCode);
        Assert.Equal("application/problem+json", limited.Content.Headers.ContentType!.MediaType);
        Assert.True(limited.Headers.Contains("Retry-After"));
        using var problem = JsonDocument.Parse(await limited.Content.ReadAsStringAsync());
        Assert.Equal(429, problem.RootElement.GetProperty("status").GetInt32());
    }

    [Fact]
    public async Task Channel_sales_are_limited_per_device_key_not_per_address()
    {
        var client = ClientAddress.From(shop.Client(), LowLimits.NewAddress());
        var busy = await Channels.ChannelDevice.RegisterAsync(shop);
        var other = await Channels.ChannelDevice.RegisterAsync(shop);
        for (var i = 0; i < LowLimits.ChannelSales; i++)
            Assert.Equal(HttpStatusCode.OK, (await busy.PostAsync(client, busy.Sale($"rl-{Guid.NewGuid():N}"))).StatusCode);

        var limited = await busy.PostAsync(client, busy.Sale($"rl-{Guid.NewGuid():N}"));

        Assert.Equal(HttpStatusCode.TooManyRequests, limited.StatusCode);
        Assert.Equal("application/problem+json", limited.Content.Headers.ContentType?.MediaType);
        Assert.True(limited.Headers.Contains("Retry-After"));
        // Another device behind the same address (one shopping street's router) still reports.
        Assert.Equal(HttpStatusCode.OK, (await other.PostAsync(client, other.Sale($"rl-{Guid.NewGuid():N}"))).StatusCode);
    }
}

public sealed class RateLimitedSqliteShop : SqliteShop
{
    protected override void ConfigureWebHost(IWebHostBuilder builder) { base.ConfigureWebHost(builder); LowLimits.Configure(builder); }
}

public sealed class RateLimitedPostgresShop : PostgresShop
{
    protected override void ConfigureWebHost(IWebHostBuilder builder) { base.ConfigureWebHost(builder); LowLimits.Configure(builder); }
}

public sealed class RateLimitsOnSqlite(RateLimitedSqliteShop shop) : RateLimitTests<RateLimitedSqliteShop>(shop);
public sealed class RateLimitsOnPostgres(RateLimitedPostgresShop shop) : RateLimitTests<RateLimitedPostgresShop>(shop);
