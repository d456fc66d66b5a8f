using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using ReliefMarket.Web.Access;
using ReliefMarket.Web.Pages.Orders;
using ReliefMarket.Web.Reports;

namespace ReliefMarket.Web.Pages.Reports;

/// <summary>
/// /reports/exports: asks for a large export (POST, from the admin or cooperative report) and shows its requester how it
/// stands. Outside both areas because auditors, who may not POST in /admin, may export. The rows are scoped by who asks:
/// administrators and auditors see everything, a cooperative member their own producer.
/// </summary>
[Authorize(Roles = $"{Roles.Admin},{Roles.Auditor},{Roles.CooperativeMember}")]
public class ExportsModel(AidReport report, ReportExports exports, TimeProvider clock) : PageModel
{
    public ReportExport Export { get; private set; } = null!;
    public bool Expired { get; private set; }

    public async Task<IActionResult> OnGetAsync(Guid? id, CancellationToken ct)
    {
        if (id is null || await exports.FindOwnAsync(id.Value, User.UserId()!, ct) is not { } export) return NotFound();
        Export = export;
        Expired = export.IsExpiredAt(clock.GetUtcNow().UtcDateTime);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(string? parameters, ReportExportFormat format, CancellationToken ct)
    {
        var staff = User.IsInRole(Roles.Admin) || User.IsInRole(Roles.Auditor);
        var scope = staff ? null : User.ProducerId();
        if (!staff && scope is null) return Forbid();
        var query = ReportExports.ParseParameters(parameters ?? "");
        if (await report.IsOutsideScopeAsync(query, scope, ct)) return NotFound();
        var export = await exports.RequestAsync(User.UserId()!, AidReportQuery.Parse(query, ChinaTime.Today(clock)), scope, format, ct);
        return RedirectToPage(new { id = export.Id });
    }
}
