using System.Net;
using ReliefMarket.Domain.Settlement;
using ReliefMarket.Web.Channels;
using ReliefMarket.Web.Tests.Areas.Admin;
using ReliefMarket.Web.Tests.Areas.Cooperative;
using ReliefMarket.Web.Tests.Payments;
using WireMock.RequestBuilders;
using WireMock.ResponseBuilders;
using static ReliefMarket.Web.Tests.Settlement.SettlementShop;

namespace ReliefMarket.Web.Tests.Payouts;

/// <summary>
/// A producer with a Stripe connected account is paid from the admin pages end to end: a statement is approved, put in a
/// Stripe Connect batch and sent; Stripe (an HTTP stub) fails the first transfer, the administrator sends again under
/// the same idempotency key, and the statement is paid with the transfer's id, on the books and in the members' inbox.
/// </summary>
public sealed class StripeConnectBatchTests(StripeShop shop) : IClassFixture<StripeShop>
{
    [Fact]
    public async Task An_approved_statement_is_sent_by_Stripe_transfer_retried_after_a_failure_and_paid_once()
    {
        var (producer, slug) = (await ProducersAsync(shop))[0];
        await using (var scope = shop.Scope(out var db))
        {
            (await db.Producers.SingleAsync(p => p.Id == producer)).SetStripeAccount("acct_1ReliefTestCoop");
            // A vending-cabinet sale: handed over at once, so nothing is held and the week closes with money to pay.
            var catalog = await OfflineSale.CatalogAsync(db, [slug], default);
            var now = shop.Clock.GetUtcNow().UtcDateTime;
            var order = OfflineSale.PaidOrder(Channel.VendingCabinet, [(catalog.BySlug[slug], 3, catalog.BySlug[slug].Price)], catalog, now, "cabinet-stripe-1");
            db.Orders.Add(order);
            await db.SaveChangesAsync();
            OfflineSale.Post(db, order, now);
            await db.SaveChangesAsync();
        }
        shop.Clock.Advance(TimeSpan.FromDays(8));
        await SettleAsync(shop);
        var statement = (await StatementsAsync(shop, producer)).Last();
        Assert.True(statement.PayableFen > 0);

        // Stripe fails three times in a row: the SDK's own two retries (same key) and the first send all fail.
        string[] states = ["ok", "failed once", "failed twice", "failed three times"];
        for (var i = 1; i < states.Length; i++)
        {
            var given = shop.Stripe.Given(Request.Create().WithPath("/v1/transfers").UsingPost()).InScenario("transfer");
            (i == 1 ? given : given.WhenStateIs(states[i - 1])).WillSetStateTo(states[i])
                .RespondWith(Response.Create().WithStatusCode(500).WithHeader("Content-Type", "application/json")
                    .WithBody("""{"error":{"type":"api_error","message":"Something went wrong"}}"""));
        }
        shop.Stripe.Given(Request.Create().WithPath("/v1/transfers").UsingPost()).InScenario("transfer").WhenStateIs(states[^1])
            .RespondWith(Response.Create().WithStatusCode(200).WithHeader("Content-Type", "application/json")
                .WithBody($$"""{"id":"tr_relief_1","object":"transfer","amount":{{statement.PayableFen}},"currency":"cny","destination":"acct_1ReliefTestCoop"}"""));

        await CoopShop.MemberAsync(shop, producer); // someone to tell
        var admin = await AdminShop.AdminAsync(shop, "en");
        Assert.Equal(HttpStatusCode.Redirect, (await admin.SubmitAsync($"/admin/settlements/statement/{statement.Id}", "form[action*=Approve]", [])).StatusCode);
        var batch = await admin.SubmitAsync("/admin/settlements", "form[action*=Batch]:has(input[value=StripeConnect])", []);
        Assert.Equal(HttpStatusCode.Redirect, batch.StatusCode);
        var batchUrl = batch.Headers.Location!.OriginalString;

        var failed = await admin.SubmitAsync(batchUrl, "form[action*=Send]", []);
        Assert.Equal(HttpStatusCode.OK, failed.StatusCode);
        Assert.Contains("alert", await failed.Content.ReadAsStringAsync());
        Assert.Equal(StatementStatus.Approved, (await StatementsAsync(shop, producer)).Last().Status);
        var sent = await admin.SubmitAsync(batchUrl, "form[action*=Send]", []);
        Assert.Equal(HttpStatusCode.Redirect, sent.StatusCode);

        var paid = (await StatementsAsync(shop, producer)).Last();
        Assert.Equal((StatementStatus.Paid, "tr_relief_1"), (paid.Status, paid.PaymentReference));
        var calls = shop.Stripe.LogEntries.Where(e => e.RequestMessage.Path == "/v1/transfers").ToList();
        Assert.Equal(4, calls.Count);
        Assert.All(calls, c => Assert.Equal($"payout:{statement.Id}", c.RequestMessage.Headers!["Idempotency-Key"].Single()));
        // Sending again finds nothing pending: no third transfer.
        Assert.Empty((await admin.PageAsync(batchUrl)).QuerySelectorAll("form[action*=Send]"));
        await using (var scope = shop.Scope(out var db))
        {
            Assert.Equal(2, await db.JournalEntries.CountAsync(e => e.CauseKey.StartsWith("payout") && e.CauseKey.Contains($":{statement.Id}:")));
            Assert.True(await db.OutboxMessages.AnyAsync(m => m.Kind == "statement-paid" && m.HtmlBody.Contains("tr_relief_1")));
            var run = await scope.ServiceProvider.GetRequiredService<ReliefMarket.Web.Ledger.ReconciliationJob>().RunAsync(default);
            Assert.True(run.Balanced, run.FindingsJson);
        }
    }
}
