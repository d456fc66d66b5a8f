using System.Net;
using Microsoft.AspNetCore.Hosting;

namespace ReliefMarket.Web.Tests.Hosting;

/// <summary>A Production shop on SQLite with only the settings a test names; nothing of the test defaults' opt-ins.</summary>
public class ProductionShop(Dictionary<string, string> settings) : SqliteShop
{
    protected override string EnvironmentName => "Production";

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.UseSetting("Site:PublicBaseUrl", "");
        builder.UseSetting("Database:SeedDemoData", "false");
        foreach (var (key, value) in settings) builder.UseSetting(key, value);
    }

    /// <summary>Production with every fallback asked for on purpose: the sandbox, the mail folder, the demo catalog.</summary>
    public static Dictionary<string, string> OptedIn() => new()
    {
        ["Site:PublicBaseUrl"] = "https://shop.example.org",
        ["Payments:UseSandbox"] = "true",
        ["Email:UsePickupFolder"] = "true",
        ["Email:PickupFolder"] = Path.Combine(Path.GetTempPath(), $"relief-mail-{Guid.NewGuid():N}"),
        ["Database:SeedDemoData"] = "true",
    };
}

public sealed class OptedInProductionShop() : ProductionShop(OptedIn());

public class ProductionSafetyTests
{
    private static async Task<string> StartFailureAsync(Dictionary<string, string> settings)
    {
        await using var shop = new ProductionShop(settings);
        await shop.InitializeAsync();
        var error = Record.Exception(() => shop.CreateClient());
        Assert.NotNull(error);
        return error.ToString();
    }

    [Fact]
    public async Task Production_without_payment_email_or_public_address_refuses_to_start_and_says_why()
    {
        var error = await StartFailureAsync([]);
        Assert.Contains("refuses to start in Production", error);
        Assert.Contains("Site:PublicBaseUrl", error);
        Assert.Contains("Payments:Stripe:SecretKey", error);
        Assert.Contains("Payments:UseSandbox=true", error);
        Assert.Contains("Email:Smtp:Host", error);
        Assert.Contains("Email:UsePickupFolder=true", error);
    }

    [Theory]
    [InlineData("Payments:UseSandbox", "Payments:Stripe:SecretKey")]
    [InlineData("Email:UsePickupFolder", "Email:Smtp:Host")]
    [InlineData("Site:PublicBaseUrl", "Site:PublicBaseUrl")]
    public async Task Each_missing_choice_alone_stops_Production(string omitted, string named)
    {
        var settings = ProductionShop.OptedIn();
        settings.Remove(omitted);
        var error = await StartFailureAsync(settings);
        Assert.Contains(named, error);
    }

    [Theory]
    [InlineData("shop.example.org")]
    [InlineData("ftp://shop.example.org")]
    [InlineData("https://shop.example.org/?next=evil")]
    [InlineData("https://user:pw@shop.example.org")]
    public async Task A_public_address_that_is_not_a_plain_http_address_is_refused(string address)
    {
        var settings = ProductionShop.OptedIn();
        settings["Site:PublicBaseUrl"] = address;
        Assert.Contains("Site:PublicBaseUrl must be an absolute http(s) address", await StartFailureAsync(settings));
    }

    [Fact]
    public async Task Production_with_Stripe_and_SMTP_needs_no_opt_in_and_shows_no_test_banner()
    {
        await using var shop = new ProductionShop(new()
        {
            ["Site:PublicBaseUrl"] = "https://shop.example.org",
            ["Payments:Stripe:SecretKey"] = "sk_test_production",
            ["Payments:Stripe:WebhookSecret"] = "whsec_production",
            ["Email:Smtp:Host"] = "127.0.0.1",
            ["Database:SeedDemoData"] = "true",
        });
        await shop.InitializeAsync();
        var home = await shop.Client().GetPageAsync("/");
        Assert.Null(home.QuerySelector(".test-mode-banner"));
    }

    [Fact]
    public async Task Without_asking_Production_seeds_no_demo_catalog_and_no_demo_accounts()
    {
        var settings = ProductionShop.OptedIn();
        settings["Database:SeedDemoData"] = "false";
        await using var shop = new ProductionShop(settings);
        await shop.InitializeAsync();
        Assert.Equal(HttpStatusCode.OK, (await shop.Client().GetAsync("/")).StatusCode);
        await using var scope = shop.Scope(out var db);
        Assert.False(await db.Products.AnyAsync());
        Assert.False(await db.Users.AnyAsync());
        Assert.True(await db.Roles.AnyAsync()); // roles are not demo data
    }
}

/// <summary>A Production shop that opted in to the sandbox says so on every page and in every email.</summary>
public class SandboxInProductionTests(OptedInProductionShop shop) : IClassFixture<OptedInProductionShop>
{
    [Theory]
    [InlineData("/", "zh-CN", "测试环境 · 不会真实扣款")]
    [InlineData("/products/weining-potatoes", "zh-CN", "测试环境 · 不会真实扣款")]
    [InlineData("/account/login", "en", "Test mode · no real money moves")]
    [InlineData("/no-such-page", "en", "Test mode · no real money moves")]
    public async Task Every_page_carries_the_test_mode_banner(string url, string language, string banner)
    {
        var response = await shop.Client(language).GetAsync(url);
        var page = await response.ReadPageAsync();
        Assert.Equal(banner, page.QuerySelector(".test-mode-banner")?.TextContent.Trim());
    }

    [Fact]
    public async Task Order_emails_carry_the_test_mode_banner()
    {
        // Production cookies are Secure: the browser talks https, as behind the TLS proxy.
        var https = shop.CreateClient(new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactoryClientOptions
            { AllowAutoRedirect = false, BaseAddress = new Uri("https://localhost") });
        var shopper = await new Shopper(shop, https).SignUpAndSignInAsync();
        await shopper.AddToCartAsync("hezhang-eggs");
        var orderId = await shopper.CheckoutAsync();
        var pay = await shopper.SubmitAsync($"/payments/sandbox/{orderId}", "form[action*=handler\\=Pay]", []);
        Assert.Equal(HttpStatusCode.Redirect, pay.StatusCode);

        await using var scope = shop.Scope(out var db);
        var email = await db.OutboxMessages.SingleAsync(m => m.To == shopper.Email);
        Assert.Contains("测试环境 · 不会真实扣款", email.TextBody);
        Assert.Contains("测试环境 · 不会真实扣款", WebUtility.HtmlDecode(email.HtmlBody));
        Assert.Contains($"https://shop.example.org/orders/{orderId}", email.TextBody);
    }
}
