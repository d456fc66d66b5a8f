using System.Globalization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using ReliefMarket.Web.Audit;

namespace ReliefMarket.Web.Areas.Admin.Pages.Origins;

/// <summary>
/// /admin/origins: the assisted counties and their villages with the aid office's figures (registered poor households
/// and people, designated, exited). Administrators correct a village's figures; every change is audited. Nothing here
/// deletes: past sales point at these rows.
/// </summary>
public class IndexModel(AppDbContext db, AuditLog audit) : PageModel
{
    public IReadOnlyList<County> Counties { get; private set; } = [];
    public IReadOnlyList<Village> Villages { get; private set; } = [];
    public string? Problem { get; private set; }
    public int? ProblemVillage { get; private set; }

    public async Task OnGetAsync(CancellationToken ct) => await LoadAsync(ct);

    public async Task<IActionResult> OnPostAsync(int village, int households, int people, bool designated, bool exited, CancellationToken ct)
    {
        var row = await db.Villages.SingleOrDefaultAsync(v => v.Id == village, ct);
        if (row is null) return NotFound();
        var before = Fields(row);
        try { row.UpdateFigures(households, people, designated, exited); }
        catch (DomainException)
        {
            (Problem, ProblemVillage) = ("Origins.Problem.Figures", village);
            await LoadAsync(ct);
            return Page();
        }
        audit.Record("village.updated", nameof(Village), row.Id.ToString(CultureInfo.InvariantCulture), before, Fields(row));
        await db.SaveChangesAsync(ct);
        return RedirectToPage();
    }

    private static Dictionary<string, object?> Fields(Village v) => new()
    {
        ["RegisteredPoorHouseholds"] = v.RegisteredPoorHouseholds, ["RegisteredPoorPeople"] = v.RegisteredPoorPeople,
        ["IsDesignatedPoorVillage"] = v.IsDesignatedPoorVillage, ["HasExited"] = v.HasExited,
    };

    private async Task LoadAsync(CancellationToken ct)
    {
        Counties = await db.Counties.AsNoTracking().OrderBy(c => c.Id).ToListAsync(ct);
        Villages = await db.Villages.AsNoTracking().OrderBy(v => v.CountyId).ThenBy(v => v.Id).ToListAsync(ct);
    }
}
