using Microsoft.AspNetCore.Mvc.RazorPages;
using ReliefMarket.Web.Ledger;

namespace ReliefMarket.Web.Areas.Admin.Pages.Ledger;

/// <summary>The reconciliation job's runs, newest first, with every finding. Read-only.</summary>
public class ReconciliationModel(AppDbContext db) : PageModel
{
    public const int Shown = 60;

    public IReadOnlyList<ReconciliationRun> Runs { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken ct) =>
        Runs = await db.ReconciliationRuns.AsNoTracking().OrderByDescending(r => r.StartedAtUtc).ThenByDescending(r => r.Id)
            .Take(Shown).ToListAsync(ct);
}
