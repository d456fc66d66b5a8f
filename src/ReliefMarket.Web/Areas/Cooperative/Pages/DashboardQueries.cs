namespace ReliefMarket.Web.Areas.Cooperative.Pages;

/// <summary>
/// The cooperative dashboard's figures, all from the attribution entries of the member's producer: the same rows the
/// admin aid reports sum, so both add up to the fen. Sales are net of refunds (refund entries are negative); the
/// aid-attributed part is the entries whose listing was certified at the time of sale. Periods are China days.
/// </summary>
public static class DashboardQueries
{
    public const int LowStock = 10;
    public const int ExpiryWarningDays = 30;
    public static readonly int[] PeriodDays = [1, 7, 30];

    public sealed record Figures(int Days, int PaidOrders, long Units, Money Sales, Money Aid);
    public sealed record ListingRow(int ProductId, LocalizedText Name, long Units, Money Sales, Money Aid);
    public sealed record VillageRow(int VillageId, LocalizedText Name, Money Sales, Money Aid);
    public sealed record StockRow(int ProductId, LocalizedText Name, int Stock);
    public sealed record ExpiryRow(int ProductId, LocalizedText Name, DateOnly CertifiedUntil);

    /// <summary>The producer's entries of the last <paramref name="days"/> China days, today included.</summary>
    public static IQueryable<AttributionEntry> Entries(this AppDbContext db, int producerId, int days, DateOnly chinaToday)
    {
        var fromUtc = Orders.ShipmentQueries.StartOfChinaDayUtc(chinaToday.AddDays(1 - days));
        var beforeUtc = Orders.ShipmentQueries.StartOfChinaDayUtc(chinaToday.AddDays(1));
        return db.AttributionEntries.AsNoTracking()
            .Where(e => e.ProducerId == producerId && e.OccurredAtUtc >= fromUtc && e.OccurredAtUtc < beforeUtc);
    }

    public static async Task<Figures> FiguresAsync(this AppDbContext db, int producerId, int days, DateOnly chinaToday, CancellationToken ct)
    {
        var entries = db.Entries(producerId, days, chinaToday);
        var money = await entries.GroupBy(_ => 1)
            .Select(g => new { Sales = g.Sum(e => e.AmountFen), Aid = g.Sum(e => e.CertifiedAtSale ? e.AmountFen : 0L) })
            .SingleOrDefaultAsync(ct);
        var orders = await entries.Where(e => e.Kind == AttributionKind.Sale).Select(e => e.OrderId).Distinct().CountAsync(ct);
        var units = await db.SoldLines(producerId, entries).SumAsync(l => (long)l.Quantity, ct);
        return new Figures(days, orders, units, new Money(money?.Sales ?? 0), new Money(money?.Aid ?? 0));
    }

    public static async Task<IReadOnlyList<ListingRow>> ByListingAsync(this AppDbContext db, int producerId, int days, DateOnly chinaToday, CancellationToken ct)
    {
        var entries = db.Entries(producerId, days, chinaToday);
        var money = await entries.Join(db.OrderLines, e => e.OrderLineId, l => l.Id, (e, l) => new { l.ProductId, e.AmountFen, e.CertifiedAtSale })
            .GroupBy(x => x.ProductId)
            .Select(g => new { ProductId = g.Key, Sales = g.Sum(x => x.AmountFen), Aid = g.Sum(x => x.CertifiedAtSale ? x.AmountFen : 0L) })
            .ToListAsync(ct);
        var units = await db.SoldLines(producerId, entries).GroupBy(l => l.ProductId)
            .Select(g => new { ProductId = g.Key, Units = g.Sum(l => (long)l.Quantity) })
            .ToDictionaryAsync(x => x.ProductId, x => x.Units, ct);
        var ids = money.Select(m => m.ProductId).ToList();
        var names = await db.Products.AsNoTracking().Where(p => p.ProducerId == producerId && ids.Contains(p.Id))
            .Select(p => new { p.Id, p.Name }).ToDictionaryAsync(p => p.Id, p => p.Name, ct);
        return money.Select(m => new ListingRow(m.ProductId, names[m.ProductId], units.GetValueOrDefault(m.ProductId), new Money(m.Sales), new Money(m.Aid)))
            .OrderByDescending(r => r.Sales.Fen).ThenBy(r => r.ProductId).ToList();
    }

    public static async Task<IReadOnlyList<VillageRow>> ByVillageAsync(this AppDbContext db, int producerId, int days, DateOnly chinaToday, CancellationToken ct)
    {
        var money = await db.Entries(producerId, days, chinaToday).GroupBy(e => e.VillageId)
            .Select(g => new { VillageId = g.Key, Sales = g.Sum(e => e.AmountFen), Aid = g.Sum(e => e.CertifiedAtSale ? e.AmountFen : 0L) })
            .ToListAsync(ct);
        var ids = money.Select(m => m.VillageId).ToList();
        var names = await db.Villages.AsNoTracking().Where(v => ids.Contains(v.Id))
            .Select(v => new { v.Id, v.Name }).ToDictionaryAsync(v => v.Id, v => v.Name, ct);
        return money.Select(m => new VillageRow(m.VillageId, names[m.VillageId], new Money(m.Sales), new Money(m.Aid)))
            .OrderByDescending(r => r.Sales.Fen).ThenBy(r => r.VillageId).ToList();
    }

    public static async Task<IReadOnlyList<StockRow>> LowStockAsync(this AppDbContext db, int producerId, CancellationToken ct) =>
        await db.Products.AsNoTracking().Where(p => p.ProducerId == producerId && p.IsListed && p.Stock <= LowStock)
            .OrderBy(p => p.Stock).ThenBy(p => p.Id).Select(p => new StockRow(p.Id, p.Name, p.Stock)).ToListAsync(ct);

    public static async Task<IReadOnlyList<ExpiryRow>> ExpiringAsync(this AppDbContext db, int producerId, DateOnly chinaToday, CancellationToken ct)
    {
        var until = chinaToday.AddDays(ExpiryWarningDays);
        return await db.Products.AsNoTracking()
            .Where(p => p.ProducerId == producerId && p.CertificationStatus == CertificationStatus.Certified
                        && p.CertifiedUntil >= chinaToday && p.CertifiedUntil <= until)
            .OrderBy(p => p.CertifiedUntil).ThenBy(p => p.Id)
            .Select(p => new ExpiryRow(p.Id, p.Name, p.CertifiedUntil!.Value)).ToListAsync(ct);
    }

    /// <summary>The producer's order lines sold (a sale entry) within <paramref name="entries"/>: units are counted once per line, not per village share.</summary>
    private static IQueryable<OrderLine> SoldLines(this AppDbContext db, int producerId, IQueryable<AttributionEntry> entries) =>
        db.OrderLines.AsNoTracking().Where(l => l.ProducerId == producerId
            && entries.Any(e => e.OrderLineId == l.Id && e.Kind == AttributionKind.Sale));
}
