using Microsoft.Extensions.Options;
using ReliefMarket.Domain.Ledger;
using ReliefMarket.Domain.Settlement;
using ReliefMarket.Web.Channels;

namespace ReliefMarket.Web.Data.Seed;

/// <summary>
/// Two weeks of demo sales before the current China week, so a new shop has something to settle: online orders by the
/// demo consumer (shipped, delivered two days later and released after the hold, one never delivered, one partly
/// refunded after delivery) and an egg vending cabinet's sales. Written with the same domain rules the live paths use
/// (attribution, ledger postings, shipments, hold releases), so the books balance and settlement closes them like any
/// other week. The producers sold from get a demo bank account if they have none. Seeded once: the demo payment
/// references say whether it has been.
/// </summary>
public sealed class DemoSales(AppDbContext db, TimeProvider clock, IOptions<Settlement.SettlementOptions> settlement)
{
    private const string ReferencePrefix = "demo_pay_";

    /// <summary>(week before this one: 1 or 2, day of the week, product slugs, never delivered).</summary>
    private static readonly (int WeeksAgo, int Day, string[] Slugs, bool Undelivered)[] Online =
    [
        (2, 0, ["weining-potatoes", "hezhang-eggs"], false),
        (2, 1, ["hezhang-jujube-walnuts"], false),
        (2, 2, ["weining-potatoes", "pingshan-vegetable-box"], false),
        (2, 3, ["tiejiang-fresh-flowers", "hezhang-eggs"], false),
        (2, 4, ["weining-potatoes"], true),
        (1, 0, ["weining-potatoes", "hezhang-jujube-walnuts"], false),
        (1, 1, ["hezhang-eggs"], false),
        (1, 2, ["pingshan-vegetable-box", "weining-potatoes"], false),
    ];

    private static readonly Money ShippingFee = new(800);

    public async Task SeedAsync(string consumerId, CancellationToken ct)
    {
        if (await db.Orders.AnyAsync(o => o.PaymentReference != null && o.PaymentReference.StartsWith(ReferencePrefix), ct)) return;
        var slugs = Online.SelectMany(o => o.Slugs).Distinct().ToList();
        var catalog = await OfflineSale.CatalogAsync(db, slugs, ct);
        if (catalog.BySlug.Count != slugs.Count) return; // The demo catalog was edited: nothing sensible to sell.
        var thisWeek = SettlementPeriod.StartOf(clock.GetUtcNow().UtcDateTime, PeriodLength.Weekly);

        var sales = new List<(Order Order, DateTime PaidAt, bool Undelivered)>();
        for (var i = 0; i < Online.Length; i++)
        {
            var (weeksAgo, day, items, undelivered) = Online[i];
            var paidAt = thisWeek.AddDays(-7 * weeksAgo + day).AddHours(2 + i); // 10:00 China time and later
            var today = DateOnly.FromDateTime(ChinaTime.FromUtc(paidAt));
            var lines = items.Select(s => OrderLine.Snapshot(catalog.BySlug[s], catalog.BySlug[s].Producer, catalog.CountyOfVillage, 1 + i % 3, today));
            // One address object per order: EF owns it with the order, so orders cannot share one.
            var address = ShippingAddress.Create("演示顾客", "13800138000", "广东省", "广州市", "番禺区", "市桥街道光明路 1 号");
            var order = new Order(Guid.NewGuid(), consumerId, Channel.Online, lines, ShippingFee, paidAt.AddMinutes(-5), address);
            order.MarkPaid($"{ReferencePrefix}{i + 1}", paidAt);
            sales.Add((order, paidAt, undelivered));
        }
        // The egg cabinet in Panyu reports three days of sales last week.
        var eggs = catalog.BySlug["hezhang-eggs"];
        var cabinet = Enumerable.Range(0, 3).Select(d => thisWeek.AddDays(-7 + d).AddHours(4))
            .Select((at, d) => OfflineSale.PaidOrder(Channel.VendingCabinet, [(eggs, 6 + d, eggs.Price)], catalog, at, $"{ReferencePrefix}cabinet_{d + 1}"))
            .ToList();
        // Demo bank accounts, so the demo statements can go into a bank-transfer batch (real ones are entered at /admin/producers).
        var producerIds = catalog.BySlug.Values.Select(p => p.ProducerId).Distinct().ToList();
        foreach (var producer in await db.Producers.Where(p => producerIds.Contains(p.Id) && p.BankAccount == null).ToListAsync(ct))
            producer.SetBankAccount(BankAccount.Create(producer.Name.Zh, "中国农业银行（演示）", "演示支行", $"62284800{producer.Id:D8}"));
        db.Orders.AddRange(sales.Select(s => s.Order).Concat(cabinet));
        await db.SaveChangesAsync(ct); // Lines get their ids; attribution refers to them.

        foreach (var order in cabinet) OfflineSale.Post(db, order, order.PaidAtUtc!.Value);
        foreach (var (order, paidAt, undelivered) in sales)
        {
            var entries = AttributionRule.ForPaidOrder(order);
            db.AttributionEntries.AddRange(entries);
            db.JournalEntries.Add(Postings.ForPaidOrder(order));
            var shipments = Shipment.ForPaidOrder(order, paidAt);
            db.Shipments.AddRange(shipments);
            if (undelivered) continue;
            var (shippedAt, deliveredAt) = (paidAt.AddDays(1), paidAt.AddDays(2));
            foreach (var s in shipments) s.Ship("SF", $"SF{Math.Abs(order.Id.GetHashCode()):D10}", shippedAt);
            order.ShipIfAllShipped(shipments, shippedAt);
            foreach (var s in shipments) s.MarkDelivered(deliveredAt);
            order.DeliverIfAllDelivered(shipments, deliveredAt);
            db.HoldReleases.AddRange(HoldRelease.ForDelivered(order.Id, deliveredAt, entries, settlement.Value.HoldDays));
        }
        // The second order's buyer returned part of it after delivery.
        var (returned, returnedPaidAt, _) = sales[1];
        var refundedAt = returnedPaidAt.AddDays(5);
        var refund = new Money(returned.Total.Fen / 4);
        var refundEntries = AttributionRule.ForRemainingRefund(returned, refund, [], refundedAt);
        returned.RecordRefund(refund);
        db.AttributionEntries.AddRange(refundEntries);
        db.JournalEntries.Add(Postings.ForRefund(returned, refundEntries, refund, returned.Refunded, refundedAt));
        await db.SaveChangesAsync(ct);
    }
}
