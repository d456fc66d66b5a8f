using System.Text.Json;
using Microsoft.AspNetCore.Hosting;
using Stripe;
using WireMock.RequestBuilders;
using WireMock.ResponseBuilders;
using WireMock.Server;

namespace ReliefMarket.Web.Tests.Payments;

/// <summary>
/// The shop with the Stripe gateway configured, its API pointed at an HTTP stub (WireMock) that answers like
/// Stripe and records what we send. Webhooks are posted with real signatures made from the webhook secret.
/// </summary>
public class StripeShop : SqliteShop
{
    public const string WebhookSecret = "whsec_test_0123456789abcdef";
    public const string SecretKey = "sk_test_stub";
    public WireMockServer Stripe { get; } = WireMockServer.Start();

    public StripeShop()
    {
        Stripe.Given(Request.Create().WithPath("/v1/checkout/sessions").UsingPost())
            .RespondWith(Response.Create().WithStatusCode(200).WithHeader("Content-Type", "application/json").WithBody(
                """{"id":"cs_test_stub","object":"checkout.session","url":"https://checkout.stripe.test/c/pay/cs_test_stub","status":"open","payment_status":"unpaid"}"""));
        Stripe.Given(Request.Create().WithPath(new WireMock.Matchers.RegexMatcher("^/v1/checkout/sessions/[^/]+/expire$")).UsingPost())
            .RespondWith(Response.Create().WithStatusCode(200).WithHeader("Content-Type", "application/json").WithBody(
                """{"id":"cs_test_stub","object":"checkout.session","status":"expired"}"""));
        Stripe.Given(Request.Create().WithPath("/v1/refunds").UsingPost())
            .RespondWith(Response.Create().WithStatusCode(200).WithHeader("Content-Type", "application/json").WithBody(
                """{"id":"re_test_stub","object":"refund","status":"succeeded","amount":100,"currency":"cny"}"""));
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.UseSetting("Payments:Stripe:SecretKey", SecretKey);
        builder.UseSetting("Payments:Stripe:WebhookSecret", WebhookSecret);
        builder.UseSetting("Payments:Stripe:ApiBase", Stripe.Url);
    }

    public override async Task DisposeAsync()
    {
        Stripe.Stop();
        await base.DisposeAsync();
    }

    /// <summary>An event as Stripe sends it for our SDK's API version, around a data object.</summary>
    public static string Event(string type, object dataObject, string? id = null) => JsonSerializer.Serialize(new Dictionary<string, object?>
    {
        ["id"] = id ?? $"evt_{Guid.NewGuid():N}",
        ["object"] = "event",
        ["api_version"] = StripeConfiguration.ApiVersion,
        ["created"] = DateTimeOffset.UtcNow.ToUnixTimeSeconds(),
        ["livemode"] = false,
        ["pending_webhooks"] = 1,
        ["request"] = new { id = (string?)null, idempotency_key = (string?)null },
        ["type"] = type,
        ["data"] = new { @object = dataObject },
    });

    public static object Session(Guid orderId, string paymentStatus, long amountTotal, string paymentIntent = "pi_test_1") => new Dictionary<string, object?>
    {
        ["id"] = "cs_test_stub", ["object"] = "checkout.session", ["client_reference_id"] = orderId.ToString(),
        ["payment_status"] = paymentStatus, ["status"] = paymentStatus == "paid" ? "complete" : "open",
        ["payment_intent"] = paymentIntent, ["amount_total"] = amountTotal, ["currency"] = "cny", ["mode"] = "payment",
    };

    public static object Charge(string paymentIntent, long amount, long amountRefunded) => new Dictionary<string, object?>
    {
        ["id"] = "ch_test_1", ["object"] = "charge", ["payment_intent"] = paymentIntent, ["amount"] = amount,
        ["amount_refunded"] = amountRefunded, ["refunded"] = amount == amountRefunded, ["currency"] = "cny", ["status"] = "succeeded",
    };

    public Task<HttpResponseMessage> DeliverAsync(string payload, string? secret = null, DateTimeOffset? signedAt = null) =>
        DeliverAsync(Client(), payload, Signature(payload, secret ?? WebhookSecret, signedAt));

    /// <summary>The Stripe-Signature header Stripe would send for <paramref name="payload"/> signed with <paramref name="secret"/>.</summary>
    public static string Signature(string payload, string secret, DateTimeOffset? signedAt = null) =>
        EventUtility.GenerateSignatureHeader(payload, secret, (signedAt ?? DateTimeOffset.UtcNow).ToUnixTimeSeconds());

    /// <summary>Posts a webhook to any shop, e.g. one on the sandbox gateway that has only a webhook secret.</summary>
    public static async Task<HttpResponseMessage> DeliverAsync(HttpClient client, string payload, string signature)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, "/webhooks/stripe") { Content = new StringContent(payload, System.Text.Encoding.UTF8, "application/json") };
        request.Headers.Add("Stripe-Signature", signature);
        return await client.SendAsync(request);
    }
}
