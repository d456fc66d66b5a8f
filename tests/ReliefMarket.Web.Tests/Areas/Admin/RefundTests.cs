using System.Net;
using Microsoft.Extensions.Logging.Abstractions;
using ReliefMarket.Web.Areas.Admin.Pages.Orders;
using ReliefMarket.Web.Audit;
using ReliefMarket.Web.Payments;

namespace ReliefMarket.Web.Tests.Areas.Admin;

public abstract class RefundTests<TShop>(TShop shop) : IClassFixture<TShop> where TShop : ShopFactory
{
    [Fact]
    public async Task Refunding_half_an_order_negates_its_attribution_audits_and_emails_the_buyer()
    {
        var order = await AdminShop.PaidOrderAsync(shop);
        var admin = await AdminShop.AdminAsync(shop);
        var half = new Money(order.Total.Fen / 2);

        var response = await admin.SubmitAsync(AdminShop.RefundUrl(order.Id), "form.admin-refund",
            new() { ["Amount"] = half.ToPlainString(), ["Reason"] = "买家收到的鸡蛋破损" });

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal($"/admin/orders/{order.Id}?notice=Refunded", response.Headers.Location!.OriginalString);
        var after = await AdminShop.OrderAsync(shop, order.Id);
        Assert.Equal((OrderStatus.PartiallyRefunded, half), (after.Status, after.Refunded));
        await using (var scope = shop.Scope(out var db))
        {
            var refunds = await db.AttributionEntries.Where(a => a.OrderId == order.Id && a.Kind == AttributionKind.Refund).SumAsync(a => a.AmountFen);
            var expected = AttributionRule.ForOrderRefund(order, half, DateTime.UtcNow).Sum(e => e.AmountFen);
            Assert.Equal(expected, refunds);
            Assert.True(refunds < 0);
            var audit = await db.AuditEntries.SingleAsync(a => a.EntityId == order.Id.ToString());
            Assert.Equal((OrderRefunds.AuditAction, "Order", admin.UserId, admin.Email), (audit.Action, audit.EntityType, audit.UserId, audit.UserEmail));
            Assert.Contains(half.ToString(), audit.After);
            Assert.Contains("买家收到的鸡蛋破损", audit.After);
            Assert.Contains("PartiallyRefunded", audit.After);
            Assert.Contains("Paid", audit.Before);
            Assert.False(string.IsNullOrEmpty(audit.IpAddress));
        }
        Assert.Equal(1, (await AdminShop.EffectsAsync(shop, order.Id)).Emails);

        var page = await admin.PageAsync($"/admin/orders/{order.Id}");
        Assert.Contains("买家收到的鸡蛋破损", page.QuerySelector("table.admin-refunds")!.TextContent);
        Assert.Contains(half.ToString(), page.QuerySelector(".order-refunded")!.TextContent);
    }

    [Fact]
    public async Task Posting_the_same_form_twice_refunds_once()
    {
        var order = await AdminShop.PaidOrderAsync(shop);
        var admin = await AdminShop.AdminAsync(shop);
        var (action, content) = await admin.FillAsync(AdminShop.RefundUrl(order.Id), "form.admin-refund",
            new() { ["Amount"] = "1.00", ["Reason"] = "double click" });
        var body = await content.ReadAsStringAsync();

        var first = await admin.Client.PostAsync(action, new StringContent(body, System.Text.Encoding.UTF8, "application/x-www-form-urlencoded"));
        var second = await admin.Client.PostAsync(action, new StringContent(body, System.Text.Encoding.UTF8, "application/x-www-form-urlencoded"));

        Assert.Equal(HttpStatusCode.Redirect, first.StatusCode);
        Assert.Equal(HttpStatusCode.OK, second.StatusCode); // shown again: refunded since the form was opened
        Assert.Equal(new Money(100), (await AdminShop.OrderAsync(shop, order.Id)).Refunded);
        var effects = await AdminShop.EffectsAsync(shop, order.Id);
        Assert.Equal((1, 1, 1), (effects.Audits, effects.Emails, effects.Events));
    }

    [Fact]
    public async Task Two_posts_of_one_form_at_once_refund_once()
    {
        var order = await AdminShop.PaidOrderAsync(shop);
        var admin = await AdminShop.AdminAsync(shop);
        var (action, content) = await admin.FillAsync(AdminShop.RefundUrl(order.Id), "form.admin-refund",
            new() { ["Amount"] = "2.00", ["Reason"] = "impatient double click" });
        var body = await content.ReadAsStringAsync();

        await Task.WhenAll(Enumerable.Range(0, 2).Select(_ =>
            admin.Client.PostAsync(action, new StringContent(body, System.Text.Encoding.UTF8, "application/x-www-form-urlencoded"))));

        Assert.Equal(new Money(200), (await AdminShop.OrderAsync(shop, order.Id)).Refunded);
        var effects = await AdminShop.EffectsAsync(shop, order.Id);
        Assert.Equal((1, 1, 1), (effects.Audits, effects.Emails, effects.Events));
    }

    [Theory]
    [InlineData("0", "退款金额必须大于")]
    [InlineData("0.00", "退款金额必须大于")]
    [InlineData("abc", "请输入有效的金额")]
    [InlineData("-5", "请输入有效的金额")]
    [InlineData("TOO_MUCH", "不能超过可退款金额")]
    [InlineData("LONG_REASON", "不能超过 500 个字符")]
    [InlineData("NO_REASON", "请填写退款原因")]
    public async Task Bad_refunds_are_refused_and_change_nothing(string amount, string message)
    {
        var order = await AdminShop.PaidOrderAsync(shop);
        var admin = await AdminShop.AdminAsync(shop);
        var values = new Dictionary<string, string> { ["Amount"] = amount, ["Reason"] = "ok" };
        if (amount == "TOO_MUCH") values["Amount"] = (order.Total + new Money(1)).ToPlainString();
        if (amount == "LONG_REASON") (values["Amount"], values["Reason"]) = ("1.00", new string('退', 5_000));
        if (amount == "NO_REASON") (values["Amount"], values["Reason"]) = ("1.00", "   ");

        var response = await admin.SubmitAsync(AdminShop.RefundUrl(order.Id), "form.admin-refund", values);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var page = await response.ReadPageAsync();
        Assert.Contains(message, page.QuerySelector(".form-errors")!.TextContent);
        var after = await AdminShop.OrderAsync(shop, order.Id);
        Assert.Equal((OrderStatus.Paid, Money.Zero), (after.Status, after.Refunded));
        var effects = await AdminShop.EffectsAsync(shop, order.Id);
        Assert.Equal((order.Subtotal.Fen, 0, 0, 0), effects);
    }

    [Fact]
    public async Task A_reason_with_markup_is_kept_as_text_and_shown_encoded()
    {
        var order = await AdminShop.PaidOrderAsync(shop);
        var admin = await AdminShop.AdminAsync(shop);
        const string reason = "<script>alert('x')</script> & 退款";

        var response = await admin.SubmitAsync(AdminShop.RefundUrl(order.Id), "form.admin-refund", new() { ["Amount"] = "1.00", ["Reason"] = reason });
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);

        var html = await admin.Client.GetStringAsync($"/admin/orders/{order.Id}");
        Assert.DoesNotContain("<script>alert", html);
        Assert.Contains("&lt;script&gt;alert(&#x27;x&#x27;)&lt;/script&gt; &amp; 退款", html);
        var page = await admin.PageAsync($"/admin/orders/{order.Id}");
        Assert.Equal(reason, page.QuerySelector("td.refund-reason")!.TextContent);
        var audit = await admin.Client.GetStringAsync("/admin/audit");
        Assert.DoesNotContain("<script>alert", audit);
    }

    [Fact]
    public async Task The_refunds_webhook_applied_before_the_admin_refund_of_the_same_total_counts_once()
    {
        var order = await AdminShop.PaidOrderAsync(shop);
        var half = new Money(order.Total.Fen / 2);
        await using (var scope = shop.Services.CreateAsyncScope())
        {
            var sp = scope.ServiceProvider;
            // The provider's charge.refunded for this very refund arrives (and is applied) while the admin's request
            // is still between the gateway call and its own apply step.
            var gateway = new WebhookFirstGateway(shop, order.PaymentReference!);
            var refunds = new OrderRefunds(sp.GetRequiredService<AppDbContext>(), gateway, sp.GetRequiredService<PaymentEvents>(),
                sp.GetRequiredService<AuditLog>(), TimeProvider.System, NullLogger<OrderRefunds>.Instance);

            var outcome = await refunds.RefundAsync(order.Id, half, "webhook first", 0, default);

            Assert.IsType<OrderRefunds.Refunded>(outcome);
            Assert.True(gateway.Delivered);
        }
        var after = await AdminShop.OrderAsync(shop, order.Id);
        Assert.Equal((OrderStatus.PartiallyRefunded, half), (after.Status, after.Refunded));
        var effects = await AdminShop.EffectsAsync(shop, order.Id);
        var expected = order.Subtotal.Fen + AttributionRule.ForOrderRefund(order, half, DateTime.UtcNow).Sum(e => e.AmountFen);
        Assert.Equal((expected, 1, 1), (effects.Attributed, effects.Audits, effects.Emails));
    }

    /// <summary>The sandbox, plus the provider's webhook for the refund delivered before the refund call returns.</summary>
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

public sealed class RefundOnSqlite(SqliteShop shop) : RefundTests<SqliteShop>(shop);
public sealed class RefundOnPostgres(PostgresShop shop) : RefundTests<PostgresShop>(shop);
