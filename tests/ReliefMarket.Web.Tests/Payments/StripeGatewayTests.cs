using System.Net;
using Microsoft.AspNetCore.WebUtilities;
using ReliefMarket.Web.Jobs;

namespace ReliefMarket.Web.Tests.Payments;

public class StripeGatewayTests(StripeShop shop) : IClassFixture<StripeShop>
{
    private async Task<(Shopper Shopper, Order Order)> PlaceOrderAsync(string slug = "hezhang-eggs", int quantity = 2)
    {
        var shopper = await Shopper.Anonymous(shop).SignUpAndSignInAsync();
        await shopper.AddToCartAsync(slug, quantity);
        var response = await shopper.SubmitAsync("/checkout", "form.checkout", Shopper.Address);
        Assert.Equal("https://checkout.stripe.test/c/pay/cs_test_stub", response.Headers.Location!.OriginalString);
        await using var scope = shop.Scope(out var db);
        return (shopper, await db.Orders.Include(o => o.Lines).SingleAsync(o => o.CustomerId == shopper.UserId));
    }

    private async Task<Order> ReloadAsync(Guid id)
    {
        await using var scope = shop.Scope(out var db);
        return await db.Orders.Include(o => o.Lines).SingleAsync(o => o.Id == id);
    }

    private async Task<long[]> AttributionAsync(Guid id)
    {
        await using var scope = shop.Scope(out var db);
        return await db.AttributionEntries.Where(e => e.OrderId == id).OrderBy(e => e.Id).Select(e => e.AmountFen).ToArrayAsync();
    }

    private async Task<int> StockOf(string slug)
    {
        await using var scope = shop.Scope(out var db);
        return await db.Products.Where(p => p.Slug == slug).Select(p => p.Stock).SingleAsync();
    }

    [Fact]
    public async Task The_checkout_session_request_carries_every_parameter_we_promise()
    {
        var (_, order) = await PlaceOrderAsync("hezhang-eggs", 2);

        var call = shop.Stripe.LogEntries.Last(e => e.RequestMessage.Path == "/v1/checkout/sessions");
        var form = QueryHelpers.ParseQuery(call.RequestMessage.Body);
        Assert.Equal("payment", form["mode"]);
        Assert.Equal(order.Id.ToString(), form["client_reference_id"]);
        Assert.Equal("cny", form["line_items[0][price_data][currency]"]);
        Assert.Equal("3990", form["line_items[0][price_data][unit_amount]"]);
        Assert.Equal("2", form["line_items[0][quantity]"]);
        Assert.Equal("赫章鸡蛋 30枚/盒", form["line_items[0][price_data][product_data][name]"]);
        // ¥79.80 is under the free-shipping threshold: the fee is its own line.
        Assert.Equal(("运费", "1000", "1"), (form["line_items[1][price_data][product_data][name]"].ToString(),
            form["line_items[1][price_data][unit_amount]"].ToString(), form["line_items[1][quantity]"].ToString()));
        Assert.False(form.ContainsKey("line_items[2][quantity]"));
        Assert.Equal(["card", "alipay", "wechat_pay"], new[] { 0, 1, 2 }.Select(i => form[$"allowed_payment_method_types[{i}]"].ToString()));
        Assert.Equal("web", form["payment_method_options[wechat_pay][client]"]);
        var expiresAt = DateTimeOffset.FromUnixTimeSeconds(long.Parse(form["expires_at"]!));
        Assert.InRange(expiresAt - shop.Clock.GetUtcNow(), TimeSpan.FromMinutes(29.5), TimeSpan.FromMinutes(31));
        // Return pages are on the configured public address, not on whatever Host the checkout request named.
        Assert.Equal($"{ShopFactory.PublicBaseUrl}/orders/{order.Id}?returned=1", form["success_url"]);
        Assert.Equal($"{ShopFactory.PublicBaseUrl}/orders/{order.Id}", form["cancel_url"]);
        Assert.Matches($"^checkout:{order.Id:N}:\\d{{12}}$", call.RequestMessage.Headers!["Idempotency-Key"].Single());
        Assert.Equal("cs_test_stub", order.PaymentSessionId);
        Assert.StartsWith("Bearer sk_test_stub", call.RequestMessage.Headers["Authorization"].Single());
    }

    [Fact]
    public async Task A_completed_session_pays_the_order_once_however_often_it_is_delivered()
    {
        var (_, order) = await PlaceOrderAsync("anquan-goat-milk", 1);
        var completed = StripeShop.Event("checkout.session.completed", StripeShop.Session(order.Id, "paid", order.Total.Fen, $"pi_{order.Id:N}"));

        for (var i = 0; i < 3; i++) Assert.Equal(HttpStatusCode.OK, (await shop.DeliverAsync(completed)).StatusCode);

        var paid = await ReloadAsync(order.Id);
        Assert.Equal((OrderStatus.Paid, $"pi_{order.Id:N}"), (paid.Status, paid.PaymentReference));
        Assert.Equal(new[] { 6800L }, await AttributionAsync(order.Id));

        // Arriving after payment, an expiry (or a repeated completion under a new event id) changes nothing.
        Assert.Equal(HttpStatusCode.OK, (await shop.DeliverAsync(StripeShop.Event("checkout.session.expired", StripeShop.Session(order.Id, "unpaid", order.Total.Fen)))).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await shop.DeliverAsync(StripeShop.Event("checkout.session.completed", StripeShop.Session(order.Id, "paid", order.Total.Fen, $"pi_{order.Id:N}")))).StatusCode);
        Assert.Equal(OrderStatus.Paid, (await ReloadAsync(order.Id)).Status);
        Assert.Equal(new[] { 6800L }, await AttributionAsync(order.Id));
    }

    [Fact]
    public async Task Forged_stale_or_malformed_webhooks_are_refused_and_change_nothing()
    {
        var (_, order) = await PlaceOrderAsync("yigong-tea", 1);
        var completed = StripeShop.Event("checkout.session.completed", StripeShop.Session(order.Id, "paid", order.Total.Fen));

        var wrongSecret = await shop.DeliverAsync(completed, secret: "whsec_someone_else");
        Assert.Equal(HttpStatusCode.BadRequest, wrongSecret.StatusCode);
        Assert.Equal("application/problem+json", wrongSecret.Content.Headers.ContentType?.MediaType);
        Assert.Equal(HttpStatusCode.BadRequest, (await shop.DeliverAsync(completed, signedAt: DateTimeOffset.UtcNow.AddMinutes(-10))).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await shop.DeliverAsync("{\"id\": \"evt_1\", \"type\": ")).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await shop.DeliverAsync(completed.Replace(StripeConfiguration(), "2019-01-01"))).StatusCode);

        var unsigned = new HttpRequestMessage(HttpMethod.Post, "/webhooks/stripe") { Content = new StringContent(completed) };
        Assert.Equal(HttpStatusCode.BadRequest, (await shop.Client().SendAsync(unsigned)).StatusCode);

        Assert.Equal(OrderStatus.PendingPayment, (await ReloadAsync(order.Id)).Status);
        Assert.Empty(await AttributionAsync(order.Id));
    }

    private static string StripeConfiguration() => Stripe.StripeConfiguration.ApiVersion;

    [Fact]
    public async Task Unknown_events_are_acknowledged()
    {
        var response = await shop.DeliverAsync(StripeShop.Event("customer.created", new { id = "cus_1", @object = "customer" }));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task Async_payments_hold_the_order_then_succeed_or_fail()
    {
        var (_, waiting) = await PlaceOrderAsync("huzhong-orchids", 1);
        await shop.DeliverAsync(StripeShop.Event("checkout.session.completed", StripeShop.Session(waiting.Id, "unpaid", waiting.Total.Fen)));
        var held = await ReloadAsync(waiting.Id);
        Assert.Equal((OrderStatus.PendingPayment, true), (held.Status, held.AwaitingAsyncPayment));

        // The hold is not released while the bank confirms, even past 30 minutes.
        shop.Clock.Advance(TimeSpan.FromHours(2));
        await using (var scope = shop.Scope(out _))
            await scope.ServiceProvider.GetRequiredService<ExpireUnpaidOrdersJob>().RunAsync(default);
        Assert.Equal(OrderStatus.PendingPayment, (await ReloadAsync(waiting.Id)).Status);

        await shop.DeliverAsync(StripeShop.Event("checkout.session.async_payment_succeeded", StripeShop.Session(waiting.Id, "paid", waiting.Total.Fen, "pi_async_ok")));
        Assert.Equal(OrderStatus.Paid, (await ReloadAsync(waiting.Id)).Status);

        var stock = await StockOf("huzhong-orchids");
        var (_, failing) = await PlaceOrderAsync("huzhong-orchids", 2);
        await shop.DeliverAsync(StripeShop.Event("checkout.session.completed", StripeShop.Session(failing.Id, "unpaid", failing.Total.Fen)));
        await shop.DeliverAsync(StripeShop.Event("checkout.session.async_payment_failed", StripeShop.Session(failing.Id, "unpaid", failing.Total.Fen)));
        Assert.Equal((OrderStatus.Cancelled, "payment_failed"), ((await ReloadAsync(failing.Id)).Status, (await ReloadAsync(failing.Id)).CancellationReason));
        Assert.Equal(stock, await StockOf("huzhong-orchids"));
    }

    [Fact]
    public async Task An_expired_session_cancels_the_order_and_releases_its_stock()
    {
        var stock = await StockOf("shufu-raisins");
        var (_, order) = await PlaceOrderAsync("shufu-raisins", 3);
        Assert.Equal(stock - 3, await StockOf("shufu-raisins"));
        await shop.DeliverAsync(StripeShop.Event("checkout.session.expired", StripeShop.Session(order.Id, "unpaid", order.Total.Fen)));
        Assert.Equal(OrderStatus.Cancelled, (await ReloadAsync(order.Id)).Status);
        Assert.Equal(stock, await StockOf("shufu-raisins"));
    }

    [Fact]
    public async Task Refunds_are_recorded_with_negating_attribution_whatever_order_they_arrive_in()
    {
        var (_, order) = await PlaceOrderAsync("hezhang-walnuts", 2); // ¥116.00, ships free
        var pi = $"pi_{order.Id:N}";

        // A refund that overtakes its payment is refused for now, so Stripe delivers it again later.
        var early = StripeShop.Event("charge.refunded", StripeShop.Charge(pi, 11600, 5800));
        Assert.Equal(HttpStatusCode.Conflict, (await shop.DeliverAsync(early)).StatusCode);

        await shop.DeliverAsync(StripeShop.Event("checkout.session.completed", StripeShop.Session(order.Id, "paid", 11600, pi)));
        Assert.Equal(HttpStatusCode.OK, (await shop.DeliverAsync(early)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await shop.DeliverAsync(early)).StatusCode);
        var partly = await ReloadAsync(order.Id);
        Assert.Equal((OrderStatus.PartiallyRefunded, new Money(5800)), (partly.Status, partly.Refunded));

        await shop.DeliverAsync(StripeShop.Event("charge.refunded", StripeShop.Charge(pi, 11600, 11600)));
        Assert.Equal(OrderStatus.Refunded, (await ReloadAsync(order.Id)).Status);
        var entries = await AttributionAsync(order.Id);
        Assert.Equal(0, entries.Sum());
        Assert.Equal(11600, entries.Where(e => e > 0).Sum());
    }

    [Fact]
    public async Task Money_arriving_for_a_cancelled_order_is_refunded_with_a_deterministic_key()
    {
        var (shopper, order) = await PlaceOrderAsync("pingshan-vegetable-box", 1);
        await shopper.SubmitAsync($"/orders/{order.Id}", "form[action*=handler\\=Cancel]", []);
        Assert.Contains(shop.Stripe.LogEntries, e => e.RequestMessage.Path == "/v1/checkout/sessions/cs_test_stub/expire");

        await shop.DeliverAsync(StripeShop.Event("checkout.session.completed", StripeShop.Session(order.Id, "paid", order.Total.Fen, "pi_late")));

        Assert.Equal(OrderStatus.Cancelled, (await ReloadAsync(order.Id)).Status);
        var refund = shop.Stripe.LogEntries.Last(e => e.RequestMessage.Path == "/v1/refunds");
        var form = QueryHelpers.ParseQuery(refund.RequestMessage.Body);
        Assert.Equal(("pi_late", order.Total.Fen.ToString()), (form["payment_intent"].ToString(), form["amount"].ToString()));
        Assert.Equal("refund:unapplied:pi_late", refund.RequestMessage.Headers!["Idempotency-Key"].Single());
        await using var scope = shop.Scope(out var db);
        var recorded = await db.UnappliedPayments.SingleAsync(u => u.OrderId == order.Id);
        Assert.Equal((order.Id, "pi_late", order.Total, ReliefMarket.Web.Payments.UnappliedReason.OrderCancelled),
            (recorded.OrderId, recorded.PaymentReference, recorded.Amount, recorded.Reason));
    }

    [Fact]
    public async Task A_second_payment_for_a_paid_order_is_refunded_recorded_and_answered_200_on_every_delivery()
    {
        var (_, order) = await PlaceOrderAsync("hezhang-eggs", 1);
        Assert.Equal(HttpStatusCode.OK, (await shop.DeliverAsync(StripeShop.Event("checkout.session.completed",
            StripeShop.Session(order.Id, "paid", order.Total.Fen, "pi_first")))).StatusCode);

        var second = StripeShop.Event("checkout.session.completed", StripeShop.Session(order.Id, "paid", order.Total.Fen, "pi_second"));
        for (var delivery = 0; delivery < 3; delivery++)
            Assert.Equal(HttpStatusCode.OK, (await shop.DeliverAsync(second)).StatusCode);

        var reloaded = await ReloadAsync(order.Id);
        Assert.Equal((OrderStatus.Paid, "pi_first"), (reloaded.Status, reloaded.PaymentReference));
        var refund = Assert.Single(shop.Stripe.LogEntries, e => e.RequestMessage.Path == "/v1/refunds"
            && QueryHelpers.ParseQuery(e.RequestMessage.Body)["payment_intent"] == "pi_second");
        Assert.Equal("refund:unapplied:pi_second", refund.RequestMessage.Headers!["Idempotency-Key"].Single());
        await using var scope = shop.Scope(out var db);
        var recorded = await db.UnappliedPayments.SingleAsync(u => u.OrderId == order.Id);
        Assert.Equal(("pi_second", ReliefMarket.Web.Payments.UnappliedReason.AlreadyPaid), (recorded.PaymentReference, recorded.Reason));
        Assert.Equal(order.Subtotal.Fen, (await db.AttributionEntries.Where(e => e.OrderId == order.Id).ToListAsync()).Sum(e => e.Amount.Fen));
    }

    [Fact]
    public async Task A_cancel_that_races_a_completed_payment_keeps_the_order_and_says_so()
    {
        var (shopper, order) = await PlaceOrderAsync("hezhang-eggs", 1);
        var guid = Guid.NewGuid();
        shop.Stripe.Given(WireMock.RequestBuilders.Request.Create().WithPath("/v1/checkout/sessions/cs_test_stub/expire").UsingPost())
            .AtPriority(-10).WithGuid(guid)
            .RespondWith(WireMock.ResponseBuilders.Response.Create().WithStatusCode(400).WithHeader("Content-Type", "application/json")
                .WithBody("""{"error":{"type":"invalid_request_error","message":"Only Checkout Sessions with a status of open can be expired."}}"""));
        try
        {
            var response = await shopper.SubmitAsync($"/orders/{order.Id}", "form[action*=handler\\=Cancel]", []);
            Assert.Equal($"/orders/{order.Id}?payment=closing-failed", response.Headers.Location!.OriginalString);
            Assert.Equal(OrderStatus.PendingPayment, (await ReloadAsync(order.Id)).Status);
            var page = await shopper.PageAsync(response.Headers.Location.OriginalString);
            Assert.StartsWith("暂时无法取消", page.QuerySelector(".notice")!.TextContent);
        }
        finally { shop.Stripe.DeleteMapping(guid); }
    }
}
