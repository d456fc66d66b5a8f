using Microsoft.AspNetCore.Mvc.RazorPages;
using ReliefMarket.Web.Ledger;

namespace ReliefMarket.Web.Areas.Admin.Pages;

/// <summary>/admin: links to every page, and an alert while the latest reconciliation found mismatches.</summary>
public class IndexModel(AppDbContext db) : PageModel
{
    public ReconciliationRun? Mismatch { get; private set; }

    public async Task OnGetAsync(CancellationToken ct)
    {
        var latest = await db.ReconciliationRuns.AsNoTracking().OrderByDescending(r => r.StartedAtUtc).ThenByDescending(r => r.Id).FirstOrDefaultAsync(ct);
        Mismatch = latest is { Balanced: false } ? latest : null;
    }
}
