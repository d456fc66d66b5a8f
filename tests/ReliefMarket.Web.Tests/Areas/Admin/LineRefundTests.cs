using System.Net;
using Microsoft.Extensions.Logging.Abstractions;
using ReliefMarket.Web.Areas.Admin.Pages.Orders;
using ReliefMarket.Web.Audit;
using ReliefMarket.Web.Payments;

namespace ReliefMarket.Web.Tests.Areas.Admin;

/// <summary>Refunds of chosen lines and quantities: split onto those lines only, once, whichever of the request and the webhook comes first.</summary>
public abstract class LineRefundTests<TShop>(TShop shop) : IClassFixture<TShop> where TShop : ShopFactory
{
    [Fact]
    public async Task Refunding_one_unit_of_one_line_negates_that_line_only_audits_and_emails_the_buyer()
    {
        var order = await LineShop.PaidOrderAsync(shop, quantity: 3);
        var admin = await AdminShop.AdminAsync(shop);
        var line = order.Lines[0];

        var response = await admin.SubmitAsync(AdminShop.RefundUrl(order.Id), "form.admin-line-refund",
            new() { [LineShop.Field(line)] = "1", ["Reason"] = "一盒鸡蛋破损" });

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal($"/admin/orders/{order.Id}?notice=Refunded", response.Headers.Location!.OriginalString);
        var after = await AdminShop.OrderAsync(shop, order.Id);
        Assert.Equal((OrderStatus.PartiallyRefunded, line.UnitPrice), (after.Status, after.Refunded));
        var byLine = await LineShop.RefundedByLineAsync(shop, order.Id);
        Assert.Equal([(line.Id, -line.UnitPrice.Fen)], byLine);
        await using (var scope = shop.Scope(out var db))
        {
            var audit = await db.AuditEntries.SingleAsync(a => a.EntityId == order.Id.ToString());
            Assert.Equal(OrderRefunds.AuditAction, audit.Action);
            Assert.Contains("× 1", audit.After);
            Assert.Contains("一盒鸡蛋破损", audit.After);
            Assert.Equal(1, await db.RefundPlans.CountAsync(p => p.OrderId == order.Id && p.AppliedAtUtc != null));
            // The ledger takes the producer's payable down by exactly that line.
            var journal = await db.JournalEntries.Include(j => j.Lines).Where(j => j.OrderId == order.Id).ToListAsync();
            Assert.Contains(journal.SelectMany(j => j.Lines), l => l.ProducerId == line.ProducerId && l.DebitFen == line.UnitPrice.Fen);
        }
        Assert.Equal(1, (await AdminShop.EffectsAsync(shop, order.Id)).Emails);

        // The form now offers two of that line, three of the other.
        var page = await admin.PageAsync(AdminShop.RefundUrl(order.Id));
        Assert.Equal("2", page.QuerySelector($"input[name='{LineShop.Field(line)}']")!.GetAttribute("max"));
        Assert.Equal("3", page.QuerySelector($"input[name='{LineShop.Field(order.Lines[1])}']")!.GetAttribute("max"));
    }

    [Fact]
    public async Task After_a_line_refund_refunding_the_rest_leaves_every_line_at_zero()
    {
        var order = await LineShop.PaidOrderAsync(shop, quantity: 3);
        var admin = await AdminShop.AdminAsync(shop);
        var line = order.Lines[0];
        await admin.SubmitAsync(AdminShop.RefundUrl(order.Id), "form.admin-line-refund", new() { [LineShop.Field(line)] = "3", ["Reason"] = "整行退" });
        var rest = order.Total - line.Amount;

        var response = await admin.SubmitAsync(AdminShop.RefundUrl(order.Id), "form.admin-refund", new() { ["Amount"] = rest.ToPlainString(), ["Reason"] = "余下全部" });

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var after = await AdminShop.OrderAsync(shop, order.Id);
        Assert.Equal((OrderStatus.Refunded, order.Total), (after.Status, after.Refunded));
        await using var scope = shop.Scope(out var db);
        var net = await db.AttributionEntries.Where(a => a.OrderId == order.Id).GroupBy(a => a.OrderLineId).Select(g => g.Sum(a => a.AmountFen)).ToListAsync();
        Assert.All(net, n => Assert.Equal(0, n));
    }

    [Fact]
    public async Task Posting_the_same_line_refund_twice_in_a_row_and_at_once_refunds_once()
    {
        var order = await LineShop.PaidOrderAsync(shop, quantity: 3);
        var admin = await AdminShop.AdminAsync(shop);
        var (action, content) = await admin.FillAsync(AdminShop.RefundUrl(order.Id), "form.admin-line-refund",
            new() { [LineShop.Field(order.Lines[1])] = "2", ["Reason"] = "double click" });
        var body = await content.ReadAsStringAsync();
        HttpContent Body() => new StringContent(body, System.Text.Encoding.UTF8, "application/x-www-form-urlencoded");

        await Task.WhenAll(Enumerable.Range(0, 2).Select(_ => admin.Client.PostAsync(action, Body())));
        var third = await admin.Client.PostAsync(action, Body());

        Assert.Equal(HttpStatusCode.OK, third.StatusCode); // shown again: refunded since the form was opened
        Assert.Equal(order.Lines[1].UnitPrice * 2, (await AdminShop.OrderAsync(shop, order.Id)).Refunded);
        var effects = await AdminShop.EffectsAsync(shop, order.Id);
        Assert.Equal((1, 1, 1), (effects.Audits, effects.Emails, effects.Events));
        Assert.Equal([(order.Lines[1].Id, -(order.Lines[1].UnitPrice * 2).Fen)], await LineShop.RefundedByLineAsync(shop, order.Id));
    }

    [Fact]
    public async Task The_webhook_for_a_line_refund_arriving_first_splits_it_onto_the_chosen_line_and_it_counts_once()
    {
        var order = await LineShop.PaidOrderAsync(shop, quantity: 3);
        var line = order.Lines[1];
        await using (var scope = shop.Services.CreateAsyncScope())
        {
            var sp = scope.ServiceProvider;
            var gateway = new WebhookFirstGateway(shop, order.PaymentReference!);
            var refunds = new OrderRefunds(sp.GetRequiredService<AppDbContext>(), gateway, sp.GetRequiredService<PaymentEvents>(),
                sp.GetRequiredService<AuditLog>(), TimeProvider.System, NullLogger<OrderRefunds>.Instance);

            var outcome = await refunds.RefundLinesAsync(order.Id, new Dictionary<long, int> { [line.Id] = 2 }, "webhook first", 0, default);

            Assert.Equal(new OrderRefunds.Refunded(line.UnitPrice * 2, $"re_refund:admin:{order.Id:N}:0", AppliedNow: true), outcome);
            Assert.True(gateway.Delivered);
        }
        var after = await AdminShop.OrderAsync(shop, order.Id);
        Assert.Equal(line.UnitPrice * 2, after.Refunded);
        Assert.Equal([(line.Id, -(line.UnitPrice * 2).Fen)], await LineShop.RefundedByLineAsync(shop, order.Id));
        var effects = await AdminShop.EffectsAsync(shop, order.Id);
        Assert.Equal((1, 1), (effects.Audits, effects.Emails));
    }

    [Fact]
    public async Task The_webhook_arriving_after_a_line_refund_changes_nothing()
    {
        var order = await LineShop.PaidOrderAsync(shop, quantity: 3);
        var admin = await AdminShop.AdminAsync(shop);
        await admin.SubmitAsync(AdminShop.RefundUrl(order.Id), "form.admin-line-refund", new() { [LineShop.Field(order.Lines[0])] = "1", ["Reason"] = "admin first" });
        var before = await AdminShop.EffectsAsync(shop, order.Id);

        await using (var scope = shop.Services.CreateAsyncScope())
        {
            var events = scope.ServiceProvider.GetRequiredService<PaymentEvents>();
            Assert.Equal(PaymentEvents.Result.Applied, await events.ApplyOnceAsync($"evt_{Guid.NewGuid():N}", "charge.refunded",
                t => events.RefundedAsync(order.PaymentReference!, order.Lines[0].UnitPrice, t), default));
        }

        Assert.Equal(order.Lines[0].UnitPrice, (await AdminShop.OrderAsync(shop, order.Id)).Refunded);
        Assert.Equal(before, await AdminShop.EffectsAsync(shop, order.Id));
    }

    [Theory]
    [InlineData("4", "不能超过该商品行剩余可退的数量")]
    [InlineData("-1", "请输入有效的数量")]
    [InlineData("abc", "请输入有效的数量")]
    [InlineData("1.5", "请输入有效的数量")]
    [InlineData("0", "退款金额必须大于 ¥0")]
    [InlineData("LONG_REASON", "不能超过 500 个字符")]
    [InlineData("NO_REASON", "请填写退款原因")]
    [InlineData("OTHER_ORDER", "")]
    public async Task Bad_line_refunds_are_refused_and_change_nothing(string quantity, string message)
    {
        var order = await LineShop.PaidOrderAsync(shop, quantity: 3);
        var admin = await AdminShop.AdminAsync(shop);
        var field = LineShop.Field(order.Lines[0]);
        var values = new Dictionary<string, string> { [field] = quantity, ["Reason"] = "ok" };
        if (quantity == "LONG_REASON") (values[field], values["Reason"]) = ("1", new string('退', 5_000));
        if (quantity == "NO_REASON") (values[field], values["Reason"]) = ("1", "   ");
        if (quantity == "OTHER_ORDER") values = new() { [LineShop.Field((await LineShop.PaidOrderAsync(shop, 1)).Lines[0])] = "1", ["Reason"] = "ok" };

        var response = await admin.SubmitAsync(AdminShop.RefundUrl(order.Id), "form.admin-line-refund", values);

        if (quantity == "OTHER_ORDER") Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        else
        {
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.Contains(message, (await response.ReadPageAsync()).QuerySelector(".form-errors")!.TextContent);
        }
        var after = await AdminShop.OrderAsync(shop, order.Id);
        Assert.Equal((OrderStatus.Paid, Money.Zero), (after.Status, after.Refunded));
        Assert.Equal((order.Subtotal.Fen, 0, 0, 0), await AdminShop.EffectsAsync(shop, order.Id));
        await using var scope = shop.Scope(out var db);
        Assert.False(await db.RefundPlans.AnyAsync(p => p.OrderId == order.Id));
    }

    [Fact]
    public async Task A_line_refund_reason_with_markup_is_kept_as_text_and_shown_encoded()
    {
        var order = await LineShop.PaidOrderAsync(shop, quantity: 3);
        var admin = await AdminShop.AdminAsync(shop);
        const string reason = "<script>alert('x')</script> & 退款";

        var response = await admin.SubmitAsync(AdminShop.RefundUrl(order.Id), "form.admin-line-refund",
            new() { [LineShop.Field(order.Lines[0])] = "1", ["Reason"] = reason });

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var html = await admin.Client.GetStringAsync($"/admin/orders/{order.Id}");
        Assert.DoesNotContain("<script>alert", html);
        Assert.Equal(reason, (await admin.PageAsync($"/admin/orders/{order.Id}")).QuerySelector("td.refund-reason")!.TextContent);
        Assert.DoesNotContain("<script>alert", await admin.Client.GetStringAsync("/admin/audit"));
    }

    /// <summary>The sandbox, plus the provider's charge.refunded for the refund delivered before the refund call returns.</summary>
    private sealed class WebhookFirstGateway(ShopFactory shop, string reference) : IPaymentGateway
    {
        public bool Delivered { get; private set; }
        public Task<PaymentSession> StartAsync(Order order, string siteBaseUrl, CancellationToken ct) => throw new NotSupportedException();
        public Task CloseAsync(string sessionId, CancellationToken ct) => throw new NotSupportedException();

        public async Task<string> RefundAsync(string paymentReference, Money amount, string idempotencyKey, CancellationToken ct)
        {
            await using var scope = shop.Services.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
            var total = await db.Orders.Where(o => o.PaymentReference == reference).Select(o => o.Refunded).SingleAsync(ct) + amount;
            var events = scope.ServiceProvider.GetRequiredService<PaymentEvents>();
            Assert.Equal(PaymentEvents.Result.Applied,
                await events.ApplyOnceAsync($"evt_{Guid.NewGuid():N}", "charge.refunded", t => events.RefundedAsync(reference, total, t), ct));
            Delivered = true;
            return $"re_{idempotencyKey}";
        }
    }
}

/// <summary>Paid orders with several units per line, and what each line has had refunded.</summary>
internal static class LineShop
{
    public static string Field(OrderLine line) => $"Quantities[{line.Id}]";

    public static async Task<Order> PaidOrderAsync(ShopFactory shop, int quantity, int producers = 2)
    {
        List<string> slugs;
        await using (var scope = shop.Scope(out var db))
            slugs = (await db.Products.Where(p => p.IsListed && p.Stock > 100).OrderBy(p => p.ProducerId).ThenBy(p => p.Id)
                .Select(p => new { p.Slug, p.ProducerId }).ToListAsync())
                .GroupBy(p => p.ProducerId).Take(producers).Select(g => g.First().Slug).ToList();
        var buyer = await Shopper.Anonymous(shop).SignUpAndSignInAsync();
        foreach (var slug in slugs) await buyer.AddToCartAsync(slug, quantity);
        var id = await buyer.CheckoutAsync();
        var paid = await buyer.SubmitAsync($"/payments/sandbox/{id}", "form[action*=handler\\=Pay]", []);
        Assert.Equal(HttpStatusCode.Redirect, paid.StatusCode);
        var order = await AdminShop.OrderAsync(shop, id);
        Assert.Equal(OrderStatus.Paid, order.Status);
        return order;
    }

    /// <summary>(line id, net refund attribution) for each line that has any, by line id.</summary>
    public static async Task<List<(long, long)>> RefundedByLineAsync(ShopFactory shop, Guid orderId)
    {
        await using var scope = shop.Scope(out var db);
        return (await db.AttributionEntries.Where(a => a.OrderId == orderId && a.Kind == AttributionKind.Refund)
            .GroupBy(a => a.OrderLineId).Select(g => new { g.Key, Sum = g.Sum(a => a.AmountFen) }).ToListAsync())
            .OrderBy(x => x.Key).Select(x => (x.Key, x.Sum)).ToList();
    }
}

public sealed class LineRefundOnSqlite(SqliteShop shop) : LineRefundTests<SqliteShop>(shop);
public sealed class LineRefundOnPostgres(PostgresShop shop) : LineRefundTests<PostgresShop>(shop);
