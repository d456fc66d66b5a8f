using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using ReliefMarket.Web.Access;
using ReliefMarket.Web.Reports;

namespace ReliefMarket.Web.Areas.Cooperative.Pages.Reports;

/// <summary>/coop/reports: the same report and query as the administrators', limited to the member's own producer.</summary>
public class IndexModel(AidReport report) : PageModel
{
    public AidReportResult Report { get; private set; } = null!;

    public async Task OnGetAsync(CancellationToken ct) => Report = await report.RunAsync(Request.Query, User.ProducerId(), ct);

    public async Task<IActionResult> OnGetCsvAsync(CancellationToken ct) =>
        ReportFiles.Csv(report, await report.RunAsync(Request.Query, User.ProducerId(), ct), "my-sales");

    public async Task<IActionResult> OnGetXlsxAsync(CancellationToken ct) =>
        ReportFiles.Xlsx(report, await report.RunAsync(Request.Query, User.ProducerId(), ct), "my-sales");
}
