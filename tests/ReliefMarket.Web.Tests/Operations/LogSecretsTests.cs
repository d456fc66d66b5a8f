using System.Net;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.EntityFrameworkCore.Infrastructure;
using ReliefMarket.Web.Accounts;
using ReliefMarket.Web.Tests.Payments;

namespace ReliefMarket.Web.Tests.Operations;

/// <summary>The sandbox shop sending mail over SMTP, with a webhook secret (so the webhook is live) and every log line recorded.</summary>
public sealed class LoggedMailShop : MailShop
{
    public LogCapture Logs { get; } = new();

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.UseSetting("Payments:Stripe:WebhookSecret", StripeShop.WebhookSecret);
        Logs.AttachTo(builder);
    }
}

/// <summary>The Stripe-configured shop (API stub) with every log line recorded.</summary>
public sealed class LoggedStripeShop : StripeShop
{
    public LogCapture Logs { get; } = new();

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        Logs.AttachTo(builder);
    }
}

public class LogSecretsTests(LoggedMailShop shop) : IClassFixture<LoggedMailShop>
{
    private const string FirstPassword = "Loggable-lychee-2026";
    private const string SecondPassword = "Loggable-mango-2027";

    /// <summary>The one-time code in a mailed link, as it appears in the link and as Identity made it.</summary>
    private static string[] CodesIn(string link)
    {
        var code = QueryHelpers.ParseQuery(new Uri("http://x" + link).Query)["code"].ToString();
        Assert.NotEmpty(code);
        return [code, AccountEmails.Decode(code)!];
    }

    [Fact]
    public async Task Registration_sign_in_reset_purchase_and_a_forged_webhook_log_no_password_token_mobile_or_secret()
    {
        var email = $"logged-{Guid.NewGuid():N}@example.test";
        var shopper = Shopper.Anonymous(shop);
        await shopper.SubmitAsync("/account/register", "form", new() { ["Email"] = email, ["Password"] = FirstPassword, ["ConfirmPassword"] = FirstPassword });
        await shop.SendOutboxAsync();
        var confirmLink = MailShop.LinkIn(Assert.Single(shop.MailTo(email)), "/account/confirm");
        await shopper.PageAsync(confirmLink);
        var signedIn = await shopper.SubmitAsync("/account/login", "form", new() { ["Email"] = email, ["Password"] = FirstPassword });
        Assert.Equal(HttpStatusCode.Redirect, signedIn.StatusCode);

        await Shopper.Anonymous(shop).SubmitAsync("/account/forgot", "form", new() { ["Email"] = email });
        await shop.SendOutboxAsync();
        var resetLink = MailShop.LinkIn(shop.MailTo(email).Single(m => m.Subject.StartsWith("重置密码")), "/account/reset");
        await Shopper.Anonymous(shop).SubmitAsync(resetLink, "form", new() { ["Password"] = SecondPassword, ["ConfirmPassword"] = SecondPassword });
        var buyer = Shopper.Anonymous(shop);
        Assert.Equal(HttpStatusCode.Redirect,
            (await buyer.SubmitAsync("/account/login", "form", new() { ["Email"] = email, ["Password"] = SecondPassword })).StatusCode);

        await buyer.AddToCartAsync("hezhang-eggs", 1);
        var orderId = await buyer.CheckoutAsync();
        await buyer.SubmitAsync($"/payments/sandbox/{orderId}", "form[action*=handler\\=Pay]", []);
        await shop.SendOutboxAsync();

        var payload = StripeShop.Event("checkout.session.completed", StripeShop.Session(orderId, "paid", 4990));
        var forged = StripeShop.Signature(payload, "whsec_forged_by_someone_else");
        Assert.Equal(HttpStatusCode.BadRequest, (await StripeShop.DeliverAsync(shop.Client(), payload, forged)).StatusCode);

        var log = shop.Logs.Text;
        // The capture saw the flows, including the request lines whose query carried the codes.
        Assert.Contains("Rejected a Stripe webhook", log);
        Assert.Contains("/account/reset?", log);
        Assert.Contains("code=***", log);
        string[] secrets = [FirstPassword, SecondPassword, .. CodesIn(confirmLink), .. CodesIn(resetLink),
            Shopper.Address["Address.Mobile"], StripeShop.WebhookSecret, forged, Regex.Match(forged, "v1=([0-9a-f]+)").Groups[1].Value, email];
        Assert.All(secrets, secret => Assert.DoesNotContain(secret, log));
    }

    [Fact]
    public async Task The_database_context_never_logs_parameter_values_outside_Development()
    {
        await using var scope = shop.Scope(out var db);
        var core = db.GetService<IDbContextOptions>().FindExtension<CoreOptionsExtension>()!;
        Assert.False(core.IsSensitiveDataLoggingEnabled);
    }
}

public class StripeLogSecretsTests(LoggedStripeShop shop) : IClassFixture<LoggedStripeShop>
{
    [Fact]
    public async Task A_Stripe_checkout_and_forged_and_genuine_webhooks_log_neither_key_nor_signature()
    {
        var buyer = await Shopper.Anonymous(shop).SignUpAndSignInAsync();
        await buyer.AddToCartAsync("hezhang-eggs", 1);
        var checkout = await buyer.SubmitAsync("/checkout", "form.checkout", Shopper.Address);
        Assert.Equal("https://checkout.stripe.test/c/pay/cs_test_stub", checkout.Headers.Location!.OriginalString);
        Guid orderId;
        await using (var scope = shop.Scope(out var db)) orderId = await db.Orders.Where(o => o.CustomerId == buyer.UserId).Select(o => o.Id).SingleAsync();

        var payload = StripeShop.Event("checkout.session.completed", StripeShop.Session(orderId, "paid", 4990));
        var forged = StripeShop.Signature(payload, "whsec_forged_by_someone_else");
        var genuine = StripeShop.Signature(payload, StripeShop.WebhookSecret);
        Assert.Equal(HttpStatusCode.BadRequest, (await StripeShop.DeliverAsync(shop.Client(), payload, forged)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await StripeShop.DeliverAsync(shop.Client(), payload, genuine)).StatusCode);

        var log = shop.Logs.Text;
        Assert.Contains("Rejected a Stripe webhook", log);
        Assert.All([StripeShop.SecretKey, StripeShop.WebhookSecret, forged, genuine, Shopper.Address["Address.Mobile"], buyer.Email!],
            secret => Assert.DoesNotContain(secret, log));
    }
}
