using ReliefMarket.Domain.Settlement;
using ReliefMarket.Web.Payouts;
using Stripe;
using WireMock.RequestBuilders;
using WireMock.ResponseBuilders;
using WireMock.Server;

namespace ReliefMarket.Web.Tests.Payouts;

/// <summary>The Stripe Connect payout against an HTTP stub that answers like Stripe: what we send, and a retry after a failure.</summary>
public sealed class StripeConnectPayoutsTests : IDisposable
{
    private readonly WireMockServer _stripe = WireMockServer.Start();

    public void Dispose() => _stripe.Stop();

    private StripeConnectPayouts Payouts() =>
        new(new StripeClient(new StripeClientOptions { ApiKey = "sk_test_stub", ApiBase = _stripe.Url, ConnectBase = _stripe.Url, HttpClient = new SystemNetHttpClient(maxNetworkRetries: 0) }));

    private static PayoutLine Line() => new(4242, 7, new Money(123_456), "acct_1TestProducer", "Stripe", "acct_1TestProducer", PayoutLine.ReferenceFor(4242));

    [Fact]
    public async Task A_transfer_carries_the_statement_s_key_and_group_and_a_retry_after_a_failure_reuses_the_key()
    {
        _stripe.Given(Request.Create().WithPath("/v1/transfers").UsingPost()).InScenario("transfer").WillSetStateTo("failed once")
            .RespondWith(Response.Create().WithStatusCode(500).WithHeader("Content-Type", "application/json")
                .WithBody("""{"error":{"type":"api_error","message":"Something went wrong"}}"""));
        _stripe.Given(Request.Create().WithPath("/v1/transfers").UsingPost()).InScenario("transfer").WhenStateIs("failed once")
            .RespondWith(Response.Create().WithStatusCode(200).WithHeader("Content-Type", "application/json")
                .WithBody("""{"id":"tr_test_1","object":"transfer","amount":123456,"currency":"cny","destination":"acct_1TestProducer","transfer_group":"batch-9"}"""));

        var payouts = Payouts();
        await Assert.ThrowsAsync<PayoutFailedException>(() => payouts.SendAsync(Line(), "batch-9", default));
        var sent = await payouts.SendAsync(Line(), "batch-9", default);

        Assert.Equal("tr_test_1", sent.ConfirmedReference);
        var calls = _stripe.LogEntries.Where(e => e.RequestMessage.Path == "/v1/transfers").ToList();
        Assert.Equal(2, calls.Count);
        foreach (var call in calls)
        {
            Assert.Equal("payout:4242", call.RequestMessage.Headers!["Idempotency-Key"].Single());
            var form = System.Web.HttpUtility.ParseQueryString(call.RequestMessage.Body!);
            Assert.Equal(("123456", "cny", "acct_1TestProducer", "batch-9", "4242"),
                (form["amount"], form["currency"], form["destination"], form["transfer_group"], form["metadata[statement_id]"]));
        }
    }
}
