using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using ReliefMarket.Web.Pages.Orders;
using ReliefMarket.Web.Reports;

namespace ReliefMarket.Web.Pages.Reports;

/// <summary>
/// /reports/download/{token}: the emailed link. The file goes to the requester only, signed in, within the link's
/// lifetime; anyone else gets 404, and an expired link a page that says so (410).
/// </summary>
[Authorize]
public class DownloadModel(ReportExports exports, TimeProvider clock) : PageModel
{
    public string ReportLink { get; private set; } = "";

    public async Task<IActionResult> OnGetAsync(string token, CancellationToken ct)
    {
        if (await exports.FindByTokenAsync(token, User.UserId()!, ct) is not { } export) return NotFound();
        Response.Headers.CacheControl = "no-store";
        if (export.IsExpiredAt(clock.GetUtcNow().UtcDateTime) || export.Content is null)
        {
            ReportLink = export.ReportPath;
            Response.StatusCode = StatusCodes.Status410Gone;
            return Page();
        }
        return File(export.Content, ReportFiles.ContentType(export.FileName!), export.FileName);
    }
}
