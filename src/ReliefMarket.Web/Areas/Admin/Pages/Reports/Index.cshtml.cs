using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using ReliefMarket.Web.Reports;

namespace ReliefMarket.Web.Areas.Admin.Pages.Reports;

/// <summary>
/// /admin/reports: aid-attributed sales for any period, filtered and pivoted, on screen, as CSV or XLSX (Admin and
/// Auditor). Large exports are requested from /reports/exports (a POST outside this area, so auditors may too).
/// </summary>
public class IndexModel(ReportExports exports) : PageModel
{
    public AidReportResult Report { get; private set; } = null!;

    public async Task OnGetAsync(CancellationToken ct) => Report = await exports.ViewAsync(Request.Query, producerScope: null, ct);

    public Task<IActionResult> OnGetCsvAsync(CancellationToken ct) => DownloadAsync(ReportExportFormat.Csv, ct);

    public Task<IActionResult> OnGetXlsxAsync(CancellationToken ct) => DownloadAsync(ReportExportFormat.Xlsx, ct);

    private async Task<IActionResult> DownloadAsync(ReportExportFormat format, CancellationToken ct)
    {
        (Report, var file) = await exports.DownloadAsync(Request.Query, producerScope: null, format, ct);
        return file ?? (IActionResult)Page();
    }
}
