using System.Globalization;
using CsvHelper;
using Microsoft.Extensions.Localization;

namespace ReliefMarket.Web.Reports;

/// <summary>
/// One cell of the cube the report is cut from: the net amount (sales less refunds), the units sold and the number of
/// entries of one village (and so its county), channel and China-time month — and producer, category and day only when
/// the view needs them (0 or null otherwise). <c>Orders</c> counts the orders whose counting entry falls in the cell
/// (<see cref="AttributionEntry.CountsOrder"/>): summed, they are the view's orders when the view keeps whole orders.
/// </summary>
public sealed record ReportFact(int CountyId, int VillageId, int ProducerId, Channel Channel, ProductCategory? Category, int Year, int Month, int Day,
    long Fen, int Units, int Entries, int Orders);

public sealed record ReportTotals(Money NetSales, int Orders, int Units, int Villages, int HouseholdsReached);

/// <summary>One bar of the chart over time: its label (a month, or a week's Monday) and its parts, one per series.</summary>
public sealed record ChartBar(string Label, IReadOnlyList<Money> Parts);

/// <summary>What the form's selects offer, from the data (a member is offered their own producer only).</summary>
public sealed record ReportChoices(IReadOnlyList<County> Counties, IReadOnlyList<(string Code, string Name)> Villages,
    IReadOnlyList<(string Code, string Name)> Producers);

/// <summary>What a report page shows: the parameters as understood, the totals, the pivot and the two charts' series.</summary>
public sealed record AidReportResult(AidReportQuery Query, ReportTotals Totals, ReportPivot Pivot,
    IReadOnlyList<string> Series, IReadOnlyList<ChartBar> Bars,
    IReadOnlyList<(string County, Money Sales)> ByCounty, ReportChoices Choices, DateOnly Today)
{
    /// <summary>The exports are offered by email rather than as links (a long period).</summary>
    public bool ExportInBackground { get; init; }
    /// <summary>A download was asked for and refused as too large: the page says why.</summary>
    public bool ExportTooLarge { get; init; }
    /// <summary>The livestream campaigns the report can be filtered by (code, name), newest first.</summary>
    public IReadOnlyList<(string Code, string Name)> Campaigns { get; init; } = [];
    /// <summary>How many attribution entries the view covers: the measure of "too large to export while waiting".</summary>
    public int Entries { get; init; }
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
/// (<see cref="AidReportQuery"/>), permissions (which producer's rows a person may see: <c>producerScope</c>),
/// one set-based query over the attribution entries grouped by only the dimensions the view needs, and a summarizer
/// that pivots that small cube in memory. Every figure is a sum of the same rows, so row, column, chart and grand
/// totals agree to the fen.
/// </summary>
public sealed class AidReport(AppDbContext db, ReportNames reportNames, IStringLocalizer<SharedResource> localizer, TimeProvider clock)
{
    /// <summary>The report for the query string, limited to <paramref name="producerScope"/>'s rows when given (a cooperative's view).</summary>
    public async Task<AidReportResult> RunAsync(IQueryCollection parameters, int? producerScope, CancellationToken ct)
    {
        var today = ChinaTime.Today(clock);
        var query = AidReportQuery.Parse(parameters, today);
        var names = await reportNames.GetAsync();
        // Looked up once here, not once per cell and bar (a three-year view labels tens of thousands of them).
        var channelNames = Enum.GetValues<Channel>().ToDictionary(c => c, c => localizer["Channel." + c].Value);
        var categoryNames = Enum.GetValues<ProductCategory>().ToDictionary(c => c, c => localizer["Category." + c].Value);
        string Label(ReportDimension d, ReportFact f) => d switch
        {
            ReportDimension.County => names.CountyById.GetValueOrDefault(f.CountyId)?.Name.Current ?? "?",
            ReportDimension.Village => names.VillageById.GetValueOrDefault(f.VillageId)?.Name.Current ?? "?",
            ReportDimension.Producer => names.ProducerById.GetValueOrDefault(f.ProducerId)?.Name.Current ?? "?",
            ReportDimension.Channel => channelNames[f.Channel],
            ReportDimension.Category => f.Category is { } c ? categoryNames[c] : "?",
            ReportDimension.Month => $"{f.Year:D4}-{f.Month:D2}",
            _ => $"{f.Year:D4} Q{(f.Month + 2) / 3}",
        };

        var entries = Filtered(query, producerScope, names);
        var cube = await CubeAsync(entries, query, names, ct);
        var reached = cube.GroupBy(f => f.VillageId).Where(g => g.Sum(f => f.Fen) > 0).Select(g => g.Key).ToHashSet();
        var orders = KeepsWholeOrders(query, producerScope) ? cube.Sum(f => f.Orders) : await OrdersAsync(entries, ct);
        var totals = new ReportTotals(new Money(cube.Sum(f => f.Fen)), orders, cube.Sum(f => f.Units), reached.Count,
            reached.Sum(v => names.VillageById.GetValueOrDefault(v)?.RegisteredPoorHouseholds ?? 0));

        var cells = cube.GroupBy(f => (Label(query.Rows, f), Label(query.Columns, f)))
            .ToDictionary(g => g.Key, g => new Money(g.Sum(f => f.Fen)));
        var pivot = new ReportPivot(cells.Keys.Select(k => k.Item1).Distinct().Order(StringComparer.Ordinal).ToList(),
            cells.Keys.Select(k => k.Item2).Distinct().Order(StringComparer.Ordinal).ToList(), cells);

        var series = cube.Select(f => Label(query.Stack, f)).Distinct().Order(StringComparer.Ordinal).ToList();
        var bars = cube.GroupBy(f => BarOf(query.Interval, f)).OrderBy(g => g.Key, StringComparer.Ordinal)
            .Select(g =>
            {
                var parts = g.GroupBy(f => Label(query.Stack, f)).ToDictionary(s => s.Key, s => s.Sum(f => f.Fen));
                return new ChartBar(g.Key, series.Select(s => new Money(parts.GetValueOrDefault(s))).ToList());
            })
            .ToList();
        var byCounty = cube.GroupBy(f => Label(ReportDimension.County, f)).Select(g => (g.Key, new Money(g.Sum(f => f.Fen))))
            .Where(c => c.Item2.Fen > 0).OrderByDescending(c => c.Item2.Fen).ToList();
        var choices = new ReportChoices(names.Counties, names.Villages.Select(v => (v.Code, v.Name.Current)).ToList(),
            names.Producers.Where(p => producerScope == null || p.Id == producerScope).Select(p => (p.Code, p.Name.Current)).ToList());
        var campaigns = (await db.Campaigns.AsNoTracking().OrderByDescending(c => c.StartsOn).Select(c => new { c.Code, c.Name }).Take(200).ToListAsync(ct))
            .Select(c => (c.Code, c.Name)).ToList();
        return new AidReportResult(query, totals, pivot, series, bars, byCounty, choices, today) { Campaigns = campaigns, Entries = cube.Sum(f => f.Entries) };
    }

    /// <summary>A bar's label: the month (2026-03), or the China-time date of the week's Monday (2026-03-02).</summary>
    private static string BarOf(ChartInterval interval, ReportFact f)
    {
        if (interval == ChartInterval.Month) return $"{f.Year:D4}-{f.Month:D2}";
        var day = new DateOnly(f.Year, f.Month, f.Day);
        return day.AddDays(-(((int)day.DayOfWeek + 6) % 7)).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
    }

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

    /// <summary>
    /// The one GROUP BY: by China-time month, village and channel — by producer, category or day only when the view shows
    /// them, so the database returns a few thousand rows even for three years of a million entries. Months and days come
    /// from the entries' integer China-time date (yyyymmdd), not from converting each row's time. What the view does not
    /// show is left out of the GROUP BY, not grouped as a constant, and the county is not grouped at all: a village lies in
    /// one county for good, so the county comes from the names. SQLite sorts by every key it is given (bench/reports: a
    /// constant producer cost the quarter a sixth of its time, the county a tenth of three years'), and the month leads
    /// because a GROUP BY led by the village makes SQLite read the village index and the table instead of the covering
    /// report index (four times the time).
    /// </summary>
    private async Task<List<ReportFact>> CubeAsync(IQueryable<AttributionEntry> entries, AidReportQuery query, ReportNames.Data names, CancellationToken ct)
    {
        bool Shows(ReportDimension d) => query.Rows == d || query.Columns == d || query.Stack == d;
        var (byProducer, byDay, aidOnly) = (Shows(ReportDimension.Producer), query.Interval == ChartInterval.Week, query.AidOnly);
        var cells = Shows(ReportDimension.Category)
            ? from e in entries
              join l in db.OrderLines on e.OrderLineId equals l.Id
              join p in db.Products on l.ProductId equals p.Id
              group e by new
              {
                  Date = EF.Constant(byDay) ? e.ChinaDate : e.ChinaDate / 100 * 100, e.VillageId, ProducerId = EF.Constant(byProducer) ? e.ProducerId : 0,
                  e.Channel, Category = (ProductCategory?)p.Category,
              } into g
              select new { g.Key.Date, g.Key.VillageId, g.Key.ProducerId, g.Key.Channel, g.Key.Category,
                  Fen = g.Sum(e => e.AmountFen), Units = g.Sum(e => e.Units), Entries = g.Count(),
                  Orders = g.Sum(e => (EF.Constant(aidOnly) ? e.CountsAidOrder : e.CountsOrder) ? 1 : 0) }
            : byProducer
                ? from e in entries
                  group e by new { Date = EF.Constant(byDay) ? e.ChinaDate : e.ChinaDate / 100 * 100, e.VillageId, e.ProducerId, e.Channel } into g
                  select new { g.Key.Date, g.Key.VillageId, g.Key.ProducerId, g.Key.Channel, Category = (ProductCategory?)null,
                      Fen = g.Sum(e => e.AmountFen), Units = g.Sum(e => e.Units), Entries = g.Count(),
                      Orders = g.Sum(e => (EF.Constant(aidOnly) ? e.CountsAidOrder : e.CountsOrder) ? 1 : 0) }
                : from e in entries
                  group e by new { Date = EF.Constant(byDay) ? e.ChinaDate : e.ChinaDate / 100 * 100, e.VillageId, e.Channel } into g
                  select new { g.Key.Date, g.Key.VillageId, ProducerId = 0, g.Key.Channel, Category = (ProductCategory?)null,
                      Fen = g.Sum(e => e.AmountFen), Units = g.Sum(e => e.Units), Entries = g.Count(),
                      Orders = g.Sum(e => (EF.Constant(aidOnly) ? e.CountsAidOrder : e.CountsOrder) ? 1 : 0) };
        return (await cells.ToListAsync(ct)).Select(c => new ReportFact(names.VillageById.GetValueOrDefault(c.VillageId)?.CountyId ?? 0, c.VillageId,
            c.ProducerId, c.Channel, c.Category, c.Date / 10000, c.Date / 100 % 100, c.Date % 100, c.Fen, c.Units, c.Entries, c.Orders)).ToList();
    }

    /// <summary>
    /// Whether the view keeps or drops whole orders: its filters are the period (an order's sales share one time), the
    /// channel, the campaign and certification (the aid view counts by <see cref="AttributionEntry.CountsAidOrder"/>).
    /// Then the cube's order counts add up to the orders, and the distinct count below is not needed (bench/reports: it
    /// was a third of the database's time for three years). A county, village, producer or category keeps part of an order.
    /// </summary>
    private static bool KeepsWholeOrders(AidReportQuery query, int? producerScope) =>
        producerScope is null && query.County is null && query.Village is null && query.Producer is null && query.Category is null;

    /// <summary>
    /// Orders with a sale in a view that keeps part of an order. An order's sale entries are all written when it is paid, with one time, so the
    /// distinct (time, order) pairs are the orders — and the index ix_attribution_entries_report_orders hands them over in
    /// that order: the database counts them as it walks the index instead of hashing or sorting every order id.
    /// </summary>
    private static Task<int> OrdersAsync(IQueryable<AttributionEntry> entries, CancellationToken ct) =>
        entries.Where(e => e.Kind == AttributionKind.Sale).GroupBy(e => new { e.OccurredAtUtc, e.OrderId }).CountAsync(ct);

    /// <summary>The view's entries. Codes are looked up in the names in memory; an unknown one matches nothing.</summary>
    private IQueryable<AttributionEntry> Filtered(AidReportQuery query, int? producerScope, ReportNames.Data names)
    {
        var (from, to) = (ChinaTime.ToUtc(query.From), ChinaTime.ToUtc(query.To.AddDays(1)));
        var entries = db.AttributionEntries.Where(e => e.OccurredAtUtc >= from && e.OccurredAtUtc < to);
        if (query.AidOnly) entries = entries.Where(e => e.CertifiedAtSale);
        if (producerScope is { } scoped) entries = entries.Where(e => e.ProducerId == scoped);
        if (query.Channel is { } channel) entries = entries.Where(e => e.Channel == channel);
        if (query.Campaign is { } campaign)
            entries = entries.Where(e => db.Orders.Any(o => o.Id == e.OrderId && db.Campaigns.Any(c => c.Id == o.CampaignId && c.Code == campaign)));
        if (query.County is not null)
        {
            var county = names.Counties.FirstOrDefault(c => c.Code == query.County)?.Id ?? -1;
            entries = entries.Where(e => e.CountyId == county);
        }
        if (query.Village is not null)
        {
            var village = names.Villages.FirstOrDefault(v => v.Code == query.Village)?.Id ?? -1;
            entries = entries.Where(e => e.VillageId == village);
        }
        if (query.Producer is not null)
        {
            var producer = names.Producers.FirstOrDefault(p => p.Code == query.Producer)?.Id ?? -1;
            entries = entries.Where(e => e.ProducerId == producer);
        }
        if (query.Category is { } category)
            entries = entries.Where(e => db.OrderLines.Any(l => l.Id == e.OrderLineId && db.Products.Any(p => p.Id == l.ProductId && p.Category == category)));
        return entries;
    }
}
