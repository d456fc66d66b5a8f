using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using ReliefMarket.Web.Reports;

namespace ReliefMarket.Web.Areas.Admin.Pages.Reports;

/// <summary>/admin/reports: aid-attributed sales for any period, filtered and pivoted, on screen, as CSV or XLSX (Admin and Auditor).</summary>
public class IndexModel(AidReport report) : PageModel
{
    public AidReportResult Report { get; private set; } = null!;

    public async Task OnGetAsync(CancellationToken ct) => Report = await report.RunAsync(Request.Query, producerScope: null, ct);

    public async Task<IActionResult> OnGetCsvAsync(CancellationToken ct) =>
        ReportFiles.Csv(report, await report.RunAsync(Request.Query, producerScope: null, ct), "aid-sales");

    public async Task<IActionResult> OnGetXlsxAsync(CancellationToken ct) =>
        ReportFiles.Xlsx(report, await report.RunAsync(Request.Query, producerScope: null, ct), "aid-sales");
}
