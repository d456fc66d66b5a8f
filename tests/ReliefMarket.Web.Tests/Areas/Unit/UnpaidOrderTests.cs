using System.Net;
using ReliefMarket.Web.Procurement;
using ReliefMarket.Web.Tests.Areas.Admin;
using ReliefMarket.Web.Tests.Areas.Cooperative;

namespace ReliefMarket.Web.Tests.Areas.Unit;

/// <summary>
/// A procurement order that is never paid: the unit's buyer or an administrator cancels it, or its payment deadline
/// passes; its stock goes back, and a transfer confirmed afterwards is refused with a message.
/// </summary>
public abstract class UnpaidOrderTests<TShop>(TShop shop) : IClassFixture<TShop> where TShop : ShopFactory
{
    private Task<HttpResponseMessage> CancelAsAdminAsync(Shopper admin, int unitId, Guid orderId) =>
        admin.SubmitAsync($"/admin/work-units/{unitId}", $"tr[data-order='{orderId}'] form.work-unit-cancel", []);

    private async Task<(OrderStatus Status, string? Reason, int Stock)> StateAsync(Guid orderId, int productId)
    {
        await using var scope = shop.Scope(out var db);
        var order = await db.Orders.AsNoTracking().SingleAsync(o => o.Id == orderId);
        return (order.Status, order.CancellationReason, await db.Products.Where(p => p.Id == productId).Select(p => p.Stock).SingleAsync());
    }

    [Fact]
    public async Task A_buyer_cancels_an_unpaid_order_its_stock_returns_and_a_transfer_confirmed_afterwards_is_refused_with_a_message()
    {
        var unitId = await UnitShop.WorkUnitAsync(shop);
        var (certified, _) = await UnitShop.ProductsAsync(shop);
        var buyer = await UnitShop.BuyerAsync(shop, unitId);
        var orderId = UnitShop.OrderIdFrom(await UnitShop.OrderAsync(buyer, new Dictionary<int, string> { [certified] = "100" }));
        var details = await buyer.PageAsync($"/unit/orders/{orderId}");
        var placedAt = ReliefMarket.Web.ChinaTime.FromUtc(shop.Clock.GetUtcNow().UtcDateTime);
        Assert.Equal(placedAt.AddDays(14).ToString("yyyy-MM-dd"), details.QuerySelector(".unit-pay-by")!.TextContent.Trim()[..10]);
        Assert.Equal((OrderStatus.PendingPayment, null, 4_900), await StateAsync(orderId, certified));

        var cancelled = await buyer.FollowAsync(await buyer.SubmitAsync($"/unit/orders/{orderId}", "form.unit-cancel", []));

        Assert.Contains("cancelled", cancelled.QuerySelector(".unit-cancel-outcome")!.TextContent);
        Assert.Contains("The work unit cancelled", cancelled.QuerySelector(".unit-cancel-reason")!.TextContent);
        Assert.Null(cancelled.QuerySelector("form.unit-cancel"));
        Assert.Equal((OrderStatus.Cancelled, "cancelled_by_unit", 5_000), await StateAsync(orderId, certified));
        await using (var scope = shop.Scope(out var db))
        {
            var audit = await db.AuditEntries.AsNoTracking().SingleAsync(a => a.Action == UnpaidProcurement.AuditAction && a.EntityId == orderId.ToString());
            Assert.NotNull(audit.UserId);
            Assert.Contains("cancelled_by_unit", audit.After);
            // The buyer's emails were written with the order and with its cancellation (sending them is the outbox's job).
            var email = await db.Users.Where(u => u.WorkUnitId == unitId).Select(u => u.Email).SingleAsync();
            Assert.Equal(["procurement-cancelled", "procurement-placed"],
                (await db.OutboxMessages.Where(m => m.To == email).Select(m => m.Kind).ToListAsync()).Order());
        }

        var admin = await AdminShop.AdminAsync(shop, "en");
        var token = (await admin.PageAsync($"/admin/work-units/{unitId}")).QuerySelector("input[name=__RequestVerificationToken]")!.GetAttribute("value")!;
        var confirm = await admin.Client.PostAsync($"/admin/work-units/{unitId}?handler=Confirm&orderId={orderId}",
            new FormUrlEncodedContent(new Dictionary<string, string> { ["BankReference"] = "ICBC-LATE-1", ["__RequestVerificationToken"] = token }));
        Assert.Equal(HttpStatusCode.OK, confirm.StatusCode);
        Assert.Contains("cancelled", (await confirm.ReadPageAsync()).QuerySelector("p.error")!.TextContent);
        Assert.Equal((OrderStatus.Cancelled, "cancelled_by_unit", 5_000), await StateAsync(orderId, certified));
        await using (var scope = shop.Scope(out var db))
            Assert.False(await db.AttributionEntries.AnyAsync(a => a.OrderId == orderId));

        // Cancelling again changes nothing and says so.
        var again = await buyer.Client.PostAsync($"/unit/orders/{orderId}?handler=Cancel",
            new FormUrlEncodedContent(new Dictionary<string, string> { ["__RequestVerificationToken"] = await buyer.AntiforgeryTokenAsync() }));
        Assert.Contains("outcome=AlreadyCancelled", again.Headers.Location!.OriginalString);
        Assert.Equal(5_000, (await StateAsync(orderId, certified)).Stock);
    }

    [Fact]
    public async Task A_paid_order_cannot_be_cancelled_and_another_unit_s_buyer_cannot_cancel_an_order()
    {
        var (unitA, unitB) = (await UnitShop.WorkUnitAsync(shop), await UnitShop.WorkUnitAsync(shop));
        var (certified, _) = await UnitShop.ProductsAsync(shop);
        var buyerA = await UnitShop.BuyerAsync(shop, unitA);
        var buyerB = await UnitShop.BuyerAsync(shop, unitB);
        var paid = UnitShop.OrderIdFrom(await UnitShop.OrderAsync(buyerA, new Dictionary<int, string> { [certified] = "10" }));
        var unpaid = UnitShop.OrderIdFrom(await UnitShop.OrderAsync(buyerA, new Dictionary<int, string> { [certified] = "20" }));
        var admin = await AdminShop.AdminAsync(shop, "en");
        await UnitShop.ConfirmAsync(admin, unitA, paid, $"BOC-{Guid.NewGuid():N}"[..20]);

        Assert.Null((await buyerA.PageAsync($"/unit/orders/{paid}")).QuerySelector("form.unit-cancel"));
        var token = await buyerA.AntiforgeryTokenAsync();
        var refused = await buyerA.FollowAsync(await buyerA.Client.PostAsync($"/unit/orders/{paid}?handler=Cancel",
            new FormUrlEncodedContent(new Dictionary<string, string> { ["__RequestVerificationToken"] = token })));
        Assert.Contains("cannot be cancelled", refused.QuerySelector(".unit-cancel-outcome.error")!.TextContent);
        var adminRefused = await admin.Client.PostAsync($"/admin/work-units/{unitA}?handler=Cancel&orderId={paid}",
            new FormUrlEncodedContent(new Dictionary<string, string> { ["__RequestVerificationToken"] = await admin.AntiforgeryTokenAsync() }));
        Assert.Contains("cannot be cancelled", (await adminRefused.ReadPageAsync()).QuerySelector("p.error")!.TextContent);
        Assert.Equal(OrderStatus.Paid, (await StateAsync(paid, certified)).Status);

        var other = await buyerB.Client.PostAsync($"/unit/orders/{unpaid}?handler=Cancel",
            new FormUrlEncodedContent(new Dictionary<string, string> { ["__RequestVerificationToken"] = await buyerB.AntiforgeryTokenAsync() }));
        Assert.Equal(HttpStatusCode.NotFound, other.StatusCode);
        Assert.Equal((OrderStatus.PendingPayment, null, 5_000 - 30), await StateAsync(unpaid, certified));
    }

    [Fact]
    public async Task An_administrator_cancels_an_unpaid_order_an_auditor_cannot_and_the_job_expires_orders_past_their_deadline()
    {
        var unitId = await UnitShop.WorkUnitAsync(shop);
        var (certified, _) = await UnitShop.ProductsAsync(shop);
        var buyer = await UnitShop.BuyerAsync(shop, unitId);
        Guid Place(HttpResponseMessage r) => UnitShop.OrderIdFrom(r);
        var byAdmin = Place(await UnitShop.OrderAsync(buyer, new Dictionary<int, string> { [certified] = "10" }));
        var overdue = Place(await UnitShop.OrderAsync(buyer, new Dictionary<int, string> { [certified] = "20" }));
        var notYet = Place(await UnitShop.OrderAsync(buyer, new Dictionary<int, string> { [certified] = "40" }));
        Assert.Equal(5_000 - 70, (await StateAsync(notYet, certified)).Stock);

        var auditor = await AdminShop.AuditorAsync(shop);
        Assert.Empty((await auditor.PageAsync($"/admin/work-units/{unitId}")).QuerySelectorAll("form.work-unit-cancel"));
        var denied = await auditor.Client.PostAsync($"/admin/work-units/{unitId}?handler=Cancel&orderId={byAdmin}",
            new FormUrlEncodedContent(new Dictionary<string, string> { ["__RequestVerificationToken"] = await auditor.AntiforgeryTokenAsync() }));
        Assert.StartsWith("/account/access-denied", denied.Headers.Location!.PathAndQueryOrOriginal());
        Assert.Equal(OrderStatus.PendingPayment, (await StateAsync(byAdmin, certified)).Status);

        var admin = await AdminShop.AdminAsync(shop, "en");
        var cancelled = await CancelAsAdminAsync(admin, unitId, byAdmin);
        Assert.Contains("notice=Cancelled", cancelled.Headers.Location!.OriginalString);
        Assert.Equal((OrderStatus.Cancelled, "cancelled_by_admin", 5_000 - 60), await StateAsync(byAdmin, certified));
        await using (var scope = shop.Scope(out var db))
        {
            var audit = await db.AuditEntries.AsNoTracking().SingleAsync(a => a.Action == UnpaidProcurement.AuditAction && a.EntityId == byAdmin.ToString());
            Assert.Equal(admin.UserId, audit.UserId);
            // The deadline is fixed when the order is placed: 14 days (Procurement:PaymentDays) after it.
            var order = await db.Orders.SingleAsync(o => o.Id == overdue);
            Assert.Equal(order.CreatedAtUtc.AddDays(14), order.ExpiresAtUtc);
            // Fifteen days later, with no transfer.
            await db.Orders.Where(o => o.Id == overdue).ExecuteUpdateAsync(s => s.SetProperty(o => o.ExpiresAtUtc, DateTime.UtcNow.AddDays(-1)));
        }

        for (var run = 0; run < 2; run++)
        {
            await using var scope = shop.Scope(out _);
            var expired = await scope.ServiceProvider.GetRequiredService<ExpireUnpaidProcurementJob>().RunAsync(default);
            Assert.Equal(run == 0 ? 1 : 0, expired);
        }

        Assert.Equal((OrderStatus.Cancelled, "transfer_overdue", 5_000 - 40), await StateAsync(overdue, certified));
        Assert.Equal(OrderStatus.PendingPayment, (await StateAsync(notYet, certified)).Status);
        Assert.Contains("No transfer arrived", (await buyer.PageAsync($"/unit/orders/{overdue}")).QuerySelector(".unit-cancel-reason")!.TextContent);
        await using (var scope = shop.Scope(out var db))
        {
            var audit = await db.AuditEntries.AsNoTracking().SingleAsync(a => a.Action == UnpaidProcurement.AuditAction && a.EntityId == overdue.ToString());
            Assert.Null(audit.UserId);
        }
    }
}

public sealed class UnpaidOrdersOnSqlite(SqliteShop shop) : UnpaidOrderTests<SqliteShop>(shop);
public sealed class UnpaidOrdersOnPostgres(PostgresShop shop) : UnpaidOrderTests<PostgresShop>(shop);

/// <summary>Confirming a transfer and cancelling the same order at the same moment: PostgreSQL runs both at once, SQLite would not.</summary>
public class UnpaidOrderRaceTests(PostgresShop shop) : IClassFixture<PostgresShop>
{
    [Fact]
    public async Task Confirm_and_cancel_at_once_exactly_one_wins_and_the_stock_matches_it()
    {
        var unitId = await UnitShop.WorkUnitAsync(shop);
        var (certified, _) = await UnitShop.ProductsAsync(shop);
        var buyer = await UnitShop.BuyerAsync(shop, unitId);
        var expectedStock = 5_000;
        for (var round = 0; round < 6; round++)
        {
            var orderId = UnitShop.OrderIdFrom(await UnitShop.OrderAsync(buyer, new Dictionary<int, string> { [certified] = "10" }));
            expectedStock -= 10;
            using var gate = new SemaphoreSlim(0);
            var confirm = Task.Run(async () =>
            {
                await gate.WaitAsync();
                await using var scope = shop.Scope(out _);
                return await scope.ServiceProvider.GetRequiredService<TransferConfirmation>().ConfirmAsync(orderId, $"RACE-{round}-{Guid.NewGuid():N}"[..20], default);
            });
            var cancel = Task.Run(async () =>
            {
                await gate.WaitAsync();
                await using var scope = shop.Scope(out _);
                return await scope.ServiceProvider.GetRequiredService<UnpaidProcurement>().CancelAsync(orderId, CancelledBy.Admin, default);
            });
            gate.Release(2);
            var (confirmed, cancelled) = (await confirm, await cancel);

            await using var check = shop.Scope(out var db);
            var status = await db.Orders.Where(o => o.Id == orderId).Select(o => o.Status).SingleAsync();
            var stock = await db.Products.Where(p => p.Id == certified).Select(p => p.Stock).SingleAsync();
            var attributed = await db.AttributionEntries.AnyAsync(a => a.OrderId == orderId);
            if (confirmed == ConfirmOutcome.Confirmed)
            {
                Assert.Equal(CancelOutcome.AlreadyPaid, cancelled);
                Assert.Equal((OrderStatus.Paid, true), (status, attributed));
            }
            else
            {
                Assert.Equal((ConfirmOutcome.Cancelled, CancelOutcome.Cancelled), (confirmed, cancelled));
                Assert.Equal((OrderStatus.Cancelled, false), (status, attributed));
                expectedStock += 10;
            }
            Assert.Equal(expectedStock, stock);
            Assert.Equal(cancelled == CancelOutcome.Cancelled ? 1 : 0,
                await db.AuditEntries.CountAsync(a => a.Action == UnpaidProcurement.AuditAction && a.EntityId == orderId.ToString()));
        }
    }
}
