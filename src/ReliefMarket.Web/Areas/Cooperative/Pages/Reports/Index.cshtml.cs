using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using ReliefMarket.Web.Access;
using ReliefMarket.Web.Reports;

namespace ReliefMarket.Web.Areas.Cooperative.Pages.Reports;

/// <summary>
/// /coop/reports: the same report and query as the administrators', limited to the member's own producer; naming
/// another producer answers 404.
/// </summary>
public class IndexModel(AidReport report, ReportExports exports) : PageModel
{
    public AidReportResult Report { get; private set; } = null!;

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        if (await report.IsOutsideScopeAsync(Request.Query, User.ProducerId(), ct)) return NotFound();
        Report = await exports.ViewAsync(Request.Query, User.ProducerId(), ct);
        return Page();
    }

    public Task<IActionResult> OnGetCsvAsync(CancellationToken ct) => DownloadAsync(ReportExportFormat.Csv, ct);

    public Task<IActionResult> OnGetXlsxAsync(CancellationToken ct) => DownloadAsync(ReportExportFormat.Xlsx, ct);

    private async Task<IActionResult> DownloadAsync(ReportExportFormat format, CancellationToken ct)
    {
        if (await report.IsOutsideScopeAsync(Request.Query, User.ProducerId(), ct)) return NotFound();
        (Report, var file) = await exports.DownloadAsync(Request.Query, User.ProducerId(), format, ct);
        return file ?? (IActionResult)Page();
    }
}
