namespace ReliefMarket.Web.Reports;

/// <summary>One cell of the cube the report is cut from: every dimension, and the net amount (sales less refunds).</summary>
public sealed record ReportFact(int CountyId, int VillageId, int ProducerId, Channel Channel, ProductCategory? Category, int Year, int Month, long Fen);

public sealed record ReportTotals(Money NetSales, int Orders, int Units, int Villages, int HouseholdsReached);

public sealed record ReportPivot(IReadOnlyList<string> Rows, IReadOnlyList<string> Columns, IReadOnlyDictionary<(string Row, string Column), Money> Cells)
{
    public Money Row(string row) => Money.Sum(Columns.Select(c => this[row, c]));
    public Money Column(string column) => Money.Sum(Rows.Select(r => this[r, column]));
    public Money Total => Money.Sum(Cells.Values);
    public Money this[string row, string column] => Cells.GetValueOrDefault((row, column));
}

/// <summary>
/// The aid-attributed sales report, split the way Open Food Network splits reports: parameters
/// (<see cref="AidReportQuery"/>), permissions (which producer's rows a person may see: <paramref name="producerScope"/>),
/// one set-based query over the attribution entries, and a summarizer that pivots the result in memory. Every figure is
/// a sum of the same rows, so row, column and grand totals agree to the fen.
/// </summary>
public sealed class AidReport(AppDbContext db)
{
    public async Task<(ReportTotals Totals, ReportPivot Pivot)> RunAsync(AidReportQuery query, Func<ReportDimension, ReportFact, string> label,
        int? producerScope, CancellationToken ct)
    {
        var entries = await FilteredAsync(query, producerScope, ct);
        var needsCategory = query.Category is not null || query.Rows == ReportDimension.Category || query.Columns == ReportDimension.Category;
        // China has no daylight saving: a China-time month is the UTC time plus eight hours.
        var facts = needsCategory
            ? from e in entries
              join l in db.OrderLines on e.OrderLineId equals l.Id
              join p in db.Products on l.ProductId equals p.Id
              where query.Category == null || p.Category == query.Category
              group e by new { e.CountyId, e.VillageId, e.ProducerId, e.Channel, Category = (ProductCategory?)p.Category, e.OccurredAtUtc.AddHours(8).Year, e.OccurredAtUtc.AddHours(8).Month } into g
              select new ReportFact(g.Key.CountyId, g.Key.VillageId, g.Key.ProducerId, g.Key.Channel, g.Key.Category, g.Key.Year, g.Key.Month, g.Sum(e => e.AmountFen))
            : from e in entries
              group e by new { e.CountyId, e.VillageId, e.ProducerId, e.Channel, e.OccurredAtUtc.AddHours(8).Year, e.OccurredAtUtc.AddHours(8).Month } into g
              select new ReportFact(g.Key.CountyId, g.Key.VillageId, g.Key.ProducerId, g.Key.Channel, null, g.Key.Year, g.Key.Month, g.Sum(e => e.AmountFen));
        var cube = await facts.ToListAsync(ct);

        var sales = entries.Where(e => e.Kind == AttributionKind.Sale);
        var orders = await sales.Select(e => e.OrderId).Distinct().CountAsync(ct);
        var lineIds = sales.Select(e => e.OrderLineId);
        var units = await db.OrderLines.Where(l => lineIds.Contains(l.Id)).SumAsync(l => (int?)l.Quantity, ct) ?? 0;
        var reached = cube.GroupBy(f => f.VillageId).Where(g => g.Sum(f => f.Fen) > 0).Select(g => g.Key).ToList();
        var households = await db.Villages.Where(v => reached.Contains(v.Id)).SumAsync(v => (int?)v.RegisteredPoorHouseholds, ct) ?? 0;
        var totals = new ReportTotals(new Money(cube.Sum(f => f.Fen)), orders, units, reached.Count, households);

        var cells = cube.GroupBy(f => (label(query.Rows, f), label(query.Columns, f)))
            .ToDictionary(g => g.Key, g => new Money(g.Sum(f => f.Fen)));
        var rows = cells.Keys.Select(k => k.Item1).Distinct().Order(StringComparer.Ordinal).ToList();
        var columns = cells.Keys.Select(k => k.Item2).Distinct().Order(StringComparer.Ordinal).ToList();
        return (totals, new ReportPivot(rows, columns, cells));
    }

    private async Task<IQueryable<AttributionEntry>> FilteredAsync(AidReportQuery query, int? producerScope, CancellationToken ct)
    {
        var (from, to) = (ChinaTime.ToUtc(query.From), ChinaTime.ToUtc(query.To.AddDays(1)));
        var entries = db.AttributionEntries.Where(e => e.OccurredAtUtc >= from && e.OccurredAtUtc < to);
        if (query.AidOnly) entries = entries.Where(e => e.CertifiedAtSale);
        if (producerScope is { } scoped) entries = entries.Where(e => e.ProducerId == scoped);
        if (query.Channel is { } channel) entries = entries.Where(e => e.Channel == channel);
        if (query.County is not null)
        {
            var county = await db.Counties.Where(c => c.Code == query.County).Select(c => (int?)c.Id).SingleOrDefaultAsync(ct) ?? -1;
            entries = entries.Where(e => e.CountyId == county);
        }
        if (query.Village is not null)
        {
            var village = await db.Villages.Where(v => v.Code == query.Village).Select(v => (int?)v.Id).SingleOrDefaultAsync(ct) ?? -1;
            entries = entries.Where(e => e.VillageId == village);
        }
        if (query.Producer is not null)
        {
            var producer = await db.Producers.Where(p => p.Code == query.Producer).Select(p => (int?)p.Id).SingleOrDefaultAsync(ct) ?? -1;
            entries = entries.Where(e => e.ProducerId == producer);
        }
        return entries;
    }
}
