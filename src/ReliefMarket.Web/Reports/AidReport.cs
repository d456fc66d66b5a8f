using System.Globalization;
using CsvHelper;
using Microsoft.Extensions.Localization;

namespace ReliefMarket.Web.Reports;

/// <summary>One cell of the cube the report is cut from: every dimension, and the net amount (sales less refunds).</summary>
public sealed record ReportFact(int CountyId, int VillageId, int ProducerId, Channel Channel, ProductCategory? Category, int Year, int Month, long Fen);

public sealed record ReportTotals(Money NetSales, int Orders, int Units, int Villages, int HouseholdsReached);

/// <summary>What a report page shows: the parameters as understood, the totals, the pivot and the two charts' series.</summary>
public sealed record AidReportResult(AidReportQuery Query, ReportTotals Totals, ReportPivot Pivot,
    IReadOnlyList<(string Month, IReadOnlyList<(string Channel, Money Sales)> ByChannel)> Months,
    IReadOnlyList<(string County, Money Sales)> ByCounty, IReadOnlyList<County> Counties, DateOnly Today)
{
    /// <summary>The exports are offered by email rather than as links (a long period).</summary>
    public bool ExportInBackground { get; init; }
    /// <summary>A download was asked for and refused as too large: the page says why.</summary>
    public bool ExportTooLarge { get; init; }
}

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
public sealed class AidReport(AppDbContext db, IStringLocalizer<SharedResource> localizer, TimeProvider clock)
{
    /// <summary>The report for the query string, limited to <paramref name="producerScope"/>'s rows when given (a cooperative's view).</summary>
    public async Task<AidReportResult> RunAsync(IQueryCollection parameters, int? producerScope, CancellationToken ct)
    {
        var today = ChinaTime.Today(clock);
        var query = AidReportQuery.Parse(parameters, today);
        var counties = await db.Counties.AsNoTracking().OrderBy(c => c.Id).ToListAsync(ct);
        var countyNames = counties.ToDictionary(c => c.Id, c => c.Name.Current);
        var villages = await db.Villages.AsNoTracking().ToDictionaryAsync(v => v.Id, v => v.Name.Current, ct);
        var producers = await db.Producers.AsNoTracking().ToDictionaryAsync(p => p.Id, p => p.Name.Current, ct);
        string Label(ReportDimension d, ReportFact f) => d switch
        {
            ReportDimension.County => countyNames.GetValueOrDefault(f.CountyId, "?"),
            ReportDimension.Village => villages.GetValueOrDefault(f.VillageId, "?"),
            ReportDimension.Producer => producers.GetValueOrDefault(f.ProducerId, "?"),
            ReportDimension.Channel => localizer["Channel." + f.Channel].Value,
            ReportDimension.Category => f.Category is { } c ? localizer["Category." + c].Value : "?",
            ReportDimension.Month => $"{f.Year:D4}-{f.Month:D2}",
            _ => $"{f.Year:D4} Q{(f.Month + 2) / 3}",
        };

        var (totals, pivot, cube) = await CutAsync(query, Label, producerScope, ct);
        var channels = cube.Select(f => Label(ReportDimension.Channel, f)).Distinct().Order(StringComparer.Ordinal).ToList();
        var months = cube.GroupBy(f => Label(ReportDimension.Month, f)).OrderBy(g => g.Key, StringComparer.Ordinal)
            .Select(g => (g.Key, (IReadOnlyList<(string, Money)>)channels
                .Select(ch => (ch, new Money(g.Where(f => Label(ReportDimension.Channel, f) == ch).Sum(f => f.Fen)))).ToList()))
            .ToList();
        var byCounty = cube.GroupBy(f => Label(ReportDimension.County, f)).Select(g => (g.Key, new Money(g.Sum(f => f.Fen))))
            .Where(c => c.Item2.Fen > 0).OrderByDescending(c => c.Item2.Fen).ToList();
        return new AidReportResult(query, totals, pivot, months, byCounty, counties, today);
    }

    /// <summary>How many attribution entries the view covers: the measure of "too large to export while waiting".</summary>
    public async Task<int> CountEntriesAsync(AidReportQuery query, int? producerScope, CancellationToken ct) =>
        await (await FilteredAsync(query, producerScope, ct)).CountAsync(ct);

    /// <summary>A cooperative member naming another producer: the pages answer 404, as for any id that is not theirs.</summary>
    public async Task<bool> IsOutsideScopeAsync(IQueryCollection parameters, int? producerScope, CancellationToken ct)
    {
        var code = (string?)parameters["producer"];
        if (producerScope is not { } scope || string.IsNullOrEmpty(code)) return false;
        return !await db.Producers.AnyAsync(p => p.Id == scope && p.Code == code, ct);
    }

    /// <summary>The pivot as CSV: UTF-8 with a BOM so Excel reads the Chinese, amounts in yuan, formulas escaped.</summary>
    public byte[] Csv(AidReportResult report)
    {
        var buffer = new MemoryStream();
        using (var csv = CsvWriter.Create(buffer, SpreadsheetCsv.Options, leaveOpen: true))
            foreach (var row in Table(report)) csv.WriteRecord(row);
        return buffer.ToArray();
    }

    /// <summary>The same table as an Excel workbook (amounts as numbers in yuan, so sums work in Excel).</summary>
    public byte[] Xlsx(AidReportResult report)
    {
        var table = Table(report);
        var header = table[0];
        var rows = table.Skip(1).Select(r => (IDictionary<string, object>)header.Select((h, i) =>
                new KeyValuePair<string, object>(h, i == 0 ? r[i] : decimal.Parse(r[i], CultureInfo.InvariantCulture)))
            .ToDictionary(kv => kv.Key, kv => kv.Value)).ToList();
        var buffer = new MemoryStream();
        MiniExcelLibs.MiniExcel.SaveAs(buffer, rows);
        return buffer.ToArray();
    }

    private List<string[]> Table(AidReportResult report)
    {
        var (q, pivot) = (report.Query, report.Pivot);
        var total = localizer["Reports.Total"].Value;
        string[] header = [$"{Dimension(q.Rows)} \\ {Dimension(q.Columns)}", .. pivot.Columns, total];
        var rows = new List<string[]> { header };
        rows.AddRange(pivot.Rows.Select(r => (string[])[r, .. pivot.Columns.Select(c => pivot[r, c].ToPlainString()), pivot.Row(r).ToPlainString()]));
        rows.Add([total, .. pivot.Columns.Select(c => pivot.Column(c).ToPlainString()), pivot.Total.ToPlainString()]);
        return rows;
    }

    public string Dimension(ReportDimension d) => localizer["Reports.Dimension." + d].Value;

    private async Task<(ReportTotals, ReportPivot, List<ReportFact>)> CutAsync(AidReportQuery query, Func<ReportDimension, ReportFact, string> label,
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
        return (totals, new ReportPivot(rows, columns, cells), cube);
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
