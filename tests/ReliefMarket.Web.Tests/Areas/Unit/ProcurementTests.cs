using System.Net;
using ReliefMarket.Domain.Ledger;
using ReliefMarket.Web.Procurement;
using ReliefMarket.Web.Tests.Areas.Admin;
using ReliefMarket.Web.Tests.Areas.Cooperative;

namespace ReliefMarket.Web.Tests.Areas.Unit;

/// <summary>
/// A canteen's bulk order from request to paid to shipped, its progress toward its relief-produce target, its purchase
/// record, who may see what, and what bad input is told.
/// </summary>
public abstract class ProcurementTests<TShop>(TShop shop) : IClassFixture<TShop> where TShop : ShopFactory
{
    [Fact]
    public async Task A_bulk_order_is_requested_paid_by_transfer_shipped_attributed_and_posted_with_channel_Procurement()
    {
        var unitId = await UnitShop.WorkUnitAsync(shop);
        var (certified, uncertified) = await UnitShop.ProductsAsync(shop);
        var buyer = await UnitShop.BuyerAsync(shop, unitId);

        // 100 and 50 units: far beyond the consumer limit of 10 per product.
        var orderId = UnitShop.OrderIdFrom(await UnitShop.OrderAsync(buyer, new Dictionary<int, string> { [certified] = "100", [uncertified] = "50" }));

        var details = await buyer.PageAsync($"/unit/orders/{orderId}");
        var reference = ProcurementOrder.ReferenceFor(orderId);
        Assert.Equal(reference, details.QuerySelector(".unit-transfer-reference")!.TextContent.Trim());
        Assert.Contains("¥4,590.00", details.QuerySelector(".unit-transfer")!.TextContent);
        Assert.Contains(UnitShop.TaxpayerId, details.QuerySelector(".unit-invoice")!.TextContent);
        await using (var scope = shop.Scope(out var db))
        {
            var order = await db.Orders.AsNoTracking().SingleAsync(o => o.Id == orderId);
            Assert.Equal((Channel.Procurement, OrderStatus.PendingPayment, (string?)null, 459_000L, "食堂李主任"),
                (order.Channel, order.Status, order.CustomerId, order.Total.Fen, order.ShippingAddress!.Recipient));
            Assert.Equal((4_900, 4_950), (await StockAsync(db, certified), await StockAsync(db, uncertified)));
        }
        // A bank transfer takes days: the payment hold's expiry leaves the order alone.
        shop.Clock.Advance(TimeSpan.FromHours(2));
        await using (var scope = shop.Scope(out _))
            await scope.ServiceProvider.GetRequiredService<ReliefMarket.Web.Jobs.ExpireUnpaidOrdersJob>().RunAsync(default);
        Assert.Equal(OrderStatus.PendingPayment, await CoopShop.OrderStatusAsync(shop, orderId));

        var admin = await AdminShop.AdminAsync(shop, "en");
        var confirmed = await UnitShop.ConfirmAsync(admin, unitId, orderId, "ICBC 20260301-0001");
        Assert.Equal(HttpStatusCode.Redirect, confirmed.StatusCode);
        Assert.Equal(OrderStatus.Paid, await CoopShop.OrderStatusAsync(shop, orderId));

        await using (var scope = shop.Scope(out var db))
        {
            var attribution = await db.AttributionEntries.AsNoTracking().Where(a => a.OrderId == orderId).ToListAsync();
            Assert.All(attribution, a => Assert.Equal(Channel.Procurement, a.Channel));
            Assert.Equal(459_000L, attribution.Sum(a => a.AmountFen));
            Assert.Equal(399_000L, attribution.Where(a => a.CertifiedAtSale).Sum(a => a.AmountFen));
            var entry = await db.JournalEntries.AsNoTracking().Include(e => e.Lines).SingleAsync(e => e.CauseKey == $"order-paid:{orderId:N}");
            Assert.Equal(459_000L, entry.Lines.Where(l => l.Account == Account.PaymentClearing).Sum(l => l.DebitFen));
            var audit = await db.AuditEntries.AsNoTracking().SingleAsync(a => a.Action == TransferConfirmation.AuditAction && a.EntityId == orderId.ToString());
            Assert.Contains("ICBC 20260301-0001", audit.After);
        }

        var producer = await shop.ProducerIdAsync(Members.ProducerA);
        var shipment = await CoopShop.ShipmentAsync(shop, orderId, producer);
        var member = await CoopShop.MemberAsync(shop, producer);
        Assert.Contains("食堂李主任", (await member.PageAsync($"/coop/orders/{shipment.Id}")).DocumentElement.TextContent);
        var shipped = await CoopShop.PostAsync(member, $"/coop/orders/{shipment.Id}", $"/coop/orders/{shipment.Id}?handler=Ship",
            new() { ["Carrier"] = "SF", ["TrackingNumber"] = "SF1234567890" });
        Assert.Equal(HttpStatusCode.Redirect, shipped.StatusCode);
        Assert.Equal(OrderStatus.Shipped, await CoopShop.OrderStatusAsync(shop, orderId));
        Assert.Contains("SF1234567890", (await buyer.PageAsync($"/unit/orders/{orderId}")).QuerySelector(".unit-shipments")!.TextContent);
    }

    [Fact]
    public async Task Confirming_the_same_transfer_twice_applies_it_once_and_another_order_cannot_reuse_it()
    {
        var unitId = await UnitShop.WorkUnitAsync(shop);
        var (certified, _) = await UnitShop.ProductsAsync(shop);
        var buyer = await UnitShop.BuyerAsync(shop, unitId);
        var first = UnitShop.OrderIdFrom(await UnitShop.OrderAsync(buyer, new Dictionary<int, string> { [certified] = "20" }));
        var second = UnitShop.OrderIdFrom(await UnitShop.OrderAsync(buyer, new Dictionary<int, string> { [certified] = "30" }));
        var admin = await AdminShop.AdminAsync(shop, "en");
        var reference = $"BOC-{Guid.NewGuid():N}"[..20];

        var page = await admin.PageAsync($"/admin/work-units/{unitId}");
        var token = page.QuerySelector("input[name=__RequestVerificationToken]")!.GetAttribute("value")!;
        Task<HttpResponseMessage> Post(Guid order) => admin.Client.PostAsync($"/admin/work-units/{unitId}?handler=Confirm&orderId={order}",
            new FormUrlEncodedContent(new Dictionary<string, string> { ["BankReference"] = reference, ["__RequestVerificationToken"] = token }));
        var once = await Post(first);
        var twice = await Post(first);
        Assert.Equal((HttpStatusCode.Redirect, HttpStatusCode.Redirect), (once.StatusCode, twice.StatusCode));
        Assert.Contains("notice=AlreadyConfirmed", twice.Headers.Location!.OriginalString);

        var reused = await Post(second);
        Assert.Equal(HttpStatusCode.OK, reused.StatusCode);
        Assert.Contains("already paid another order", (await reused.ReadPageAsync()).QuerySelector("p.error")!.TextContent);
        await using var scope = shop.Scope(out var db);
        Assert.Equal(1, await db.JournalEntries.CountAsync(e => e.CauseKey == $"order-paid:{first:N}"));
        Assert.Equal(1, await db.AuditEntries.CountAsync(a => a.Action == TransferConfirmation.AuditAction && a.EntityId == first.ToString()));
        Assert.Equal(79_800L, await db.AttributionEntries.Where(a => a.OrderId == first).SumAsync(a => a.AmountFen));
        Assert.Equal((OrderStatus.PendingPayment, 0), (await db.Orders.Where(o => o.Id == second).Select(o => o.Status).SingleAsync(),
            await db.AttributionEntries.CountAsync(a => a.OrderId == second)));
    }

    [Fact]
    public async Task The_unit_page_shows_relief_produce_bought_against_the_budget_and_target_and_exports_the_record()
    {
        // ¥100,000.00 budget, 10% target = ¥10,000.00. Bought: 100 × ¥39.90 certified = ¥3,990.00 and 50 × ¥12.00 not
        // certified = ¥600.00. Relief share 3,990 ÷ 100,000 = 3.99% of the budget against a 10.00% target, 39.90% of the target.
        var unitId = await UnitShop.WorkUnitAsync(shop, budgetFen: 10_000_000, targetBasisPoints: 1_000);
        var (certified, uncertified) = await UnitShop.ProductsAsync(shop);
        var buyer = await UnitShop.BuyerAsync(shop, unitId);
        var orderId = UnitShop.OrderIdFrom(await UnitShop.OrderAsync(buyer, new Dictionary<int, string> { [certified] = "100", [uncertified] = "50" }));
        // Not yet paid: nothing counts.
        Assert.Equal("¥0.00", (await buyer.PageAsync("/unit")).QuerySelector(".unit-progress-relief")!.TextContent.Trim());
        await UnitShop.ConfirmAsync(await AdminShop.AdminAsync(shop), unitId, orderId, "CCB-8841");

        var page = await buyer.PageAsync("/unit");
        Assert.Equal("¥3,990.00", page.QuerySelector(".unit-progress-relief")!.TextContent.Trim());
        Assert.StartsWith("¥10,000.00", page.QuerySelector(".unit-progress-target")!.TextContent.Trim());
        Assert.Equal("3.99% / 10.00%", page.QuerySelector(".unit-progress-share")!.TextContent.Trim());
        Assert.Equal("39.90%", page.QuerySelector(".unit-progress-of-target")!.TextContent.Trim());
        Assert.Equal("¥4,590.00", page.QuerySelector(".unit-progress-all")!.TextContent.Trim());

        var year = ReliefMarket.Web.ChinaTime.Today(shop.Clock).Year;
        var csv = await buyer.Client.GetAsync($"/unit/export?year={year}");
        Assert.Equal(HttpStatusCode.OK, csv.StatusCode);
        var bytes = await csv.Content.ReadAsByteArrayAsync();
        Assert.Equal(new byte[] { 0xEF, 0xBB, 0xBF }, bytes[..3]);
        var lines = System.Text.Encoding.UTF8.GetString(bytes[3..]).Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        Assert.Equal(3, lines.Length);
        Assert.Contains("Bank reference", lines[0]);
        Assert.Contains(",100,39.90,3990.00,Yes,CCB-8841", lines[1]);
        Assert.Contains(",50,12.00,600.00,No,CCB-8841", lines[2]);
    }

    [Fact]
    public async Task A_buyer_sees_only_their_own_unit_s_orders_and_consumers_and_anonymous_people_are_refused()
    {
        var (unitA, unitB) = (await UnitShop.WorkUnitAsync(shop), await UnitShop.WorkUnitAsync(shop));
        var (certified, _) = await UnitShop.ProductsAsync(shop);
        var buyerA = await UnitShop.BuyerAsync(shop, unitA);
        var buyerB = await UnitShop.BuyerAsync(shop, unitB);
        var orderOfA = UnitShop.OrderIdFrom(await UnitShop.OrderAsync(buyerA, new Dictionary<int, string> { [certified] = "5" }));

        Assert.Equal(HttpStatusCode.NotFound, (await buyerB.Client.GetAsync($"/unit/orders/{orderOfA}")).StatusCode);
        Assert.DoesNotContain(orderOfA.ToString(), (await buyerB.PageAsync("/unit")).DocumentElement.OuterHtml);
        Assert.Contains(orderOfA.ToString(), (await buyerA.PageAsync("/unit")).DocumentElement.OuterHtml);

        var consumer = await Shopper.Anonymous(shop).SignUpAndSignInAsync();
        var denied = await consumer.Client.GetAsync($"/unit/orders/{orderOfA}");
        Assert.StartsWith("/account/access-denied", denied.Headers.Location!.PathAndQueryOrOriginal());
        var anonymous = await Shopper.Anonymous(shop).Client.GetAsync("/unit");
        Assert.StartsWith("/account/login", anonymous.Headers.Location!.PathAndQueryOrOriginal());
        // The consumer's own order pages do not show a unit's order either.
        Assert.Equal(HttpStatusCode.NotFound, (await consumer.Client.GetAsync($"/orders/{orderOfA}")).StatusCode);
    }

    [Theory]
    [InlineData("0", null, "Enter a quantity above 0 for at least one product.")]
    [InlineData("", null, "Enter a quantity above 0 for at least one product.")]
    [InlineData("2001", null, "must be between 0 and 2000")]
    [InlineData("-3", null, "must be between 0 and 2000")]
    [InlineData("2.5", null, "Quantities must be whole numbers.")]
    [InlineData("10", "", "The invoice needs a taxpayer id")]
    [InlineData("10", "12345", "The invoice needs a taxpayer id")]
    public async Task Bad_input_is_refused_with_a_clear_message_and_nothing_is_written(string quantity, string? taxpayerId, string message)
    {
        var unitId = await UnitShop.WorkUnitAsync(shop);
        var (certified, _) = await UnitShop.ProductsAsync(shop);
        var buyer = await UnitShop.BuyerAsync(shop, unitId);
        var more = taxpayerId is null ? null : new Dictionary<string, string> { ["TaxpayerId"] = taxpayerId };

        var response = await UnitShop.OrderAsync(buyer, new Dictionary<int, string> { [certified] = quantity }, more);

        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        Assert.Contains(message, (await response.ReadPageAsync()).QuerySelector(".unit-order-error")!.TextContent);
        await using var scope = shop.Scope(out var db);
        Assert.Equal(0, await db.ProcurementOrders.CountAsync(p => p.WorkUnitId == unitId));
        Assert.Equal(5_000, await StockAsync(db, certified));
    }

    [Fact]
    public async Task An_administrator_creates_a_unit_invites_a_buyer_who_joins_and_every_change_is_audited()
    {
        var admin = await AdminShop.AdminAsync(shop, "en");
        var name = $"番禺区第一中学-{Guid.NewGuid():N}"[..16];
        var form = new Dictionary<string, string>
        {
            ["Form.Name"] = name, ["Form.Kind"] = "School", ["Form.Recipient"] = "王老师", ["Form.Mobile"] = "13800002222",
            ["Form.Province"] = "广东省", ["Form.City"] = "广州市", ["Form.District"] = "番禺区", ["Form.Street"] = "市桥街道东环路 9 号",
            ["Form.InvoiceTitle"] = "广州市番禺区第一中学", ["Form.TaxpayerId"] = "", ["Form.Budget"] = "250000", ["Form.TargetPercent"] = "12.5",
        };
        var missingTax = await admin.SubmitAsync("/admin/work-units", "form.work-unit-new", form);
        Assert.Equal(HttpStatusCode.OK, missingTax.StatusCode);
        Assert.Contains("Enter the taxpayer id", (await missingTax.ReadPageAsync()).QuerySelector("p.error")!.TextContent);

        form["Form.TaxpayerId"] = "12440113455123456x";
        var created = await admin.SubmitAsync("/admin/work-units", "form.work-unit-new", form);
        Assert.Equal(HttpStatusCode.Redirect, created.StatusCode);
        int unitId;
        await using (var scope = shop.Scope(out var db))
        {
            var unit = await db.WorkUnits.AsNoTracking().SingleAsync(u => u.Name == name);
            unitId = unit.Id;
            Assert.Equal((25_000_000L, 1_250, "12440113455123456X"), (unit.AnnualBudget.Fen, unit.TargetBasisPoints, unit.Invoice.TaxpayerId));
        }

        var email = $"canteen-{Guid.NewGuid():N}@example.test";
        var invited = await admin.SubmitAsync($"/admin/work-units/{unitId}", "form.work-unit-invite", new() { ["InviteEmail"] = email });
        Assert.Equal(HttpStatusCode.Redirect, invited.StatusCode);
        string link;
        await using (var scope = shop.Scope(out var db))
        {
            var body = await db.OutboxMessages.Where(m => m.To == email && m.Kind == "unit-invitation").Select(m => m.TextBody).SingleAsync();
            link = System.Text.RegularExpressions.Regex.Match(body, @"/unit/join\?token=[A-Za-z0-9_-]+").Value;
            Assert.Equal(["workunit.buyer-invited", "workunit.created"],
                await db.AuditEntries.Where(a => a.EntityType == "WorkUnit" && a.EntityId == unitId.ToString()).OrderBy(a => a.Action).Select(a => a.Action).ToListAsync());
        }

        var person = Shopper.Anonymous(shop, "en");
        var joined = await person.SubmitAsync(link, "form.join", new() { ["Password"] = Shopper.Password, ["ConfirmPassword"] = Shopper.Password });
        Assert.Equal(HttpStatusCode.Redirect, joined.StatusCode);
        Assert.Contains(name, (await person.PageAsync("/unit")).QuerySelector("h1")!.TextContent);
        Assert.Contains(email, (await admin.PageAsync($"/admin/work-units/{unitId}")).QuerySelector(".work-unit-buyers")!.TextContent);
        await using (var scope = shop.Scope(out var db))
            Assert.Equal(1, await db.AuditEntries.CountAsync(a => a.Action == "workunit.buyer-joined" && a.EntityId == unitId.ToString()));
        // The link works once.
        Assert.NotNull((await Shopper.Anonymous(shop).PageAsync(link)).QuerySelector(".join-refused"));
    }

    [Fact]
    public async Task An_auditor_reads_work_units_but_cannot_confirm_a_transfer()
    {
        var unitId = await UnitShop.WorkUnitAsync(shop);
        var (certified, _) = await UnitShop.ProductsAsync(shop);
        var orderId = UnitShop.OrderIdFrom(await UnitShop.OrderAsync(await UnitShop.BuyerAsync(shop, unitId), new Dictionary<int, string> { [certified] = "5" }));
        var auditor = await AdminShop.AuditorAsync(shop);

        var page = await auditor.PageAsync($"/admin/work-units/{unitId}");
        Assert.Empty(page.QuerySelectorAll("form.work-unit-confirm, form.work-unit-invite, form.work-unit-edit"));
        var token = await auditor.AntiforgeryTokenAsync();
        var refused = await auditor.Client.PostAsync($"/admin/work-units/{unitId}?handler=Confirm&orderId={orderId}",
            new FormUrlEncodedContent(new Dictionary<string, string> { ["BankReference"] = "X-1", ["__RequestVerificationToken"] = token }));
        Assert.StartsWith("/account/access-denied", refused.Headers.Location!.PathAndQueryOrOriginal());
        Assert.Equal(OrderStatus.PendingPayment, await CoopShop.OrderStatusAsync(shop, orderId));
    }

    [Fact]
    public async Task Every_unit_and_work_unit_page_reads_in_Chinese_without_a_missing_string()
    {
        var unitId = await UnitShop.WorkUnitAsync(shop);
        var (certified, _) = await UnitShop.ProductsAsync(shop);
        var buyer = await UnitShop.BuyerAsync(shop, unitId, language: "zh-CN");
        var orderId = UnitShop.OrderIdFrom(await UnitShop.OrderAsync(buyer, new Dictionary<int, string> { [certified] = "5" }));
        var admin = await AdminShop.AdminAsync(shop, "zh-CN");
        var pages = new[]
        {
            await buyer.PageAsync("/unit"), await buyer.PageAsync("/unit/orders/new"), await buyer.PageAsync($"/unit/orders/{orderId}"),
            await admin.PageAsync("/admin/work-units"), await admin.PageAsync($"/admin/work-units/{unitId}"),
        };
        Assert.All(pages, p => Assert.DoesNotMatch(@"\b(Unit|WorkUnits|Status|Channel)\.[A-Z]", p.Body!.TextContent));
        Assert.Contains("转账附言码", pages[2].Body!.TextContent);
    }

    private static Task<int> StockAsync(AppDbContext db, int productId) => db.Products.AsNoTracking().Where(p => p.Id == productId).Select(p => p.Stock).SingleAsync();
}

internal static class LocationExtensions
{
    public static string PathAndQueryOrOriginal(this Uri uri) => uri.IsAbsoluteUri ? uri.PathAndQuery : uri.OriginalString;
}

public sealed class ProcurementOnSqlite(SqliteShop shop) : ProcurementTests<SqliteShop>(shop);
public sealed class ProcurementOnPostgres(PostgresShop shop) : ProcurementTests<PostgresShop>(shop);
