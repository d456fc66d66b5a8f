using System.Globalization;
using CsvHelper;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;
using ReliefMarket.Web.Reports;

namespace ReliefMarket.Web.Areas.Admin.Pages.Reports;

/// <summary>/admin/reports: aid-attributed sales for any period, filtered and pivoted, on screen or as CSV (Admin and Auditor).</summary>
public class IndexModel(AppDbContext db, AidReport report, IStringLocalizer<SharedResource> localizer, TimeProvider clock) : PageModel
{
    public AidReportQuery Query { get; private set; } = null!;
    public ReportTotals Totals { get; private set; } = null!;
    public ReportPivot Pivot { get; private set; } = null!;
    public IReadOnlyList<County> Counties { get; private set; } = [];
    public DateOnly Today => ChinaTime.Today(clock);

    public async Task OnGetAsync(CancellationToken ct) => await RunAsync(ct);

    /// <summary>The same view as CSV: UTF-8 with a BOM so Excel reads the Chinese, amounts in yuan, formulas escaped.</summary>
    public async Task<IActionResult> OnGetCsvAsync(CancellationToken ct)
    {
        await RunAsync(ct);
        var buffer = new MemoryStream();
        await using (var csv = CsvWriter.Create(buffer, new CsvWriterOptions { WriteByteOrderMark = true, Injection = CsvInjection.Escape }, leaveOpen: true))
        {
            csv.WriteHeader([$"{Dimension(Query.Rows)} \\ {Dimension(Query.Columns)}", .. Pivot.Columns, localizer["Reports.Total"].Value]);
            foreach (var row in Pivot.Rows)
                csv.WriteRecord([row, .. Pivot.Columns.Select(c => Pivot[row, c].ToPlainString()), Pivot.Row(row).ToPlainString()]);
            csv.WriteRecord([localizer["Reports.Total"].Value, .. Pivot.Columns.Select(c => Pivot.Column(c).ToPlainString()), Pivot.Total.ToPlainString()]);
        }
        return File(buffer.ToArray(), "text/csv; charset=utf-8", $"aid-sales-{Query.From:yyyyMMdd}-{Query.To:yyyyMMdd}.csv");
    }

    public string Dimension(ReportDimension d) => localizer["Reports.Dimension." + d].Value;

    private async Task RunAsync(CancellationToken ct)
    {
        Query = AidReportQuery.Parse(Request.Query, ChinaTime.Today(clock));
        Counties = await db.Counties.AsNoTracking().OrderBy(c => c.Id).ToListAsync(ct);
        var counties = Counties.ToDictionary(c => c.Id, c => c.Name.Current);
        var villages = await db.Villages.AsNoTracking().ToDictionaryAsync(v => v.Id, v => v.Name.Current, ct);
        var producers = await db.Producers.AsNoTracking().ToDictionaryAsync(p => p.Id, p => p.Name.Current, ct);
        (Totals, Pivot) = await report.RunAsync(Query, (d, f) => d switch
        {
            ReportDimension.County => counties.GetValueOrDefault(f.CountyId, "?"),
            ReportDimension.Village => villages.GetValueOrDefault(f.VillageId, "?"),
            ReportDimension.Producer => producers.GetValueOrDefault(f.ProducerId, "?"),
            ReportDimension.Channel => localizer["Channel." + f.Channel].Value,
            ReportDimension.Category => f.Category is { } c ? localizer["Category." + c].Value : "?",
            ReportDimension.Month => $"{f.Year:D4}-{f.Month:D2}",
            _ => $"{f.Year:D4} Q{(f.Month + 2) / 3}",
        }, producerScope: null, ct);
    }

    public static string Format(DateOnly d) => d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
}
