using System.Globalization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using ReliefMarket.Web.Audit;

namespace ReliefMarket.Web.Areas.Admin.Pages.Origins;

/// <summary>
/// /admin/origins: the assisted counties (programme and headline figures), their townships and villages with the aid
/// office's figures (registered poor households and people, designated, exited). Administrators correct them, add
/// villages, and deactivate a village instead of deleting it once past sales point to it; every change is audited.
/// </summary>
public class IndexModel(AppDbContext db, AuditLog audit, AidStructure structure) : PageModel
{
    public IReadOnlyList<County> Counties { get; private set; } = [];
    public IReadOnlyList<Township> Townships { get; private set; } = [];
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
        catch (DomainException) { return await RefuseAsync("Origins.Problem.Figures", ct, village); }
        audit.Record("village.updated", nameof(Village), AidStructure.Key(row.Id), before, Fields(row));
        await db.SaveChangesAsync(ct);
        return RedirectToPage();
    }

    public async Task<IActionResult> OnPostCountyAsync(int county, AidProgramme programme, string? headlineZh, string? headlineEn, CancellationToken ct)
    {
        var row = await db.Counties.SingleOrDefaultAsync(c => c.Id == county, ct);
        if (row is null) return NotFound();
        var before = new Dictionary<string, object?> { ["Programme"] = row.Programme, ["Headline"] = row.Headline.Zh, ["HeadlineEn"] = row.Headline.En };
        try { row.Revise(programme, new LocalizedText(headlineZh?.Trim() ?? "", headlineEn?.Trim() ?? "")); }
        catch (DomainException) { return await RefuseAsync("Origins.Problem.County", ct); }
        audit.Record("county.updated", nameof(County), AidStructure.Key(row.Id), before,
            new Dictionary<string, object?> { ["Programme"] = row.Programme, ["Headline"] = row.Headline.Zh, ["HeadlineEn"] = row.Headline.En });
        await db.SaveChangesAsync(ct);
        return RedirectToPage();
    }

    public async Task<IActionResult> OnPostTownshipAsync(int township, string? nameZh, string? nameEn, CancellationToken ct)
    {
        var row = await db.Townships.SingleOrDefaultAsync(t => t.Id == township, ct);
        if (row is null) return NotFound();
        var before = new Dictionary<string, object?> { ["Name"] = row.Name.Zh, ["NameEn"] = row.Name.En };
        try { row.Rename(new LocalizedText(nameZh ?? "", nameEn ?? "")); }
        catch (DomainException) { return await RefuseAsync("Origins.Problem.Name", ct); }
        audit.Record("township.updated", nameof(Township), AidStructure.Key(row.Id), before, new Dictionary<string, object?> { ["Name"] = row.Name.Zh, ["NameEn"] = row.Name.En });
        await db.SaveChangesAsync(ct);
        return RedirectToPage();
    }

    public async Task<IActionResult> OnPostAddVillageAsync(int county, int? township, string? code, string? nameZh, string? nameEn,
        int households, int people, bool designated, bool exited, CancellationToken ct)
    {
        var home = await db.Counties.SingleOrDefaultAsync(c => c.Id == county, ct);
        if (home is null) return NotFound();
        var town = township is { } t ? await db.Townships.SingleOrDefaultAsync(x => x.Id == t && x.CountyId == county, ct) : null;
        code = code?.Trim().ToLowerInvariant() ?? "";
        if (township is not null && town is null || !Slug.IsValid(code) || await db.Villages.AnyAsync(v => v.Code == code, ct))
            return await RefuseAsync("Origins.Problem.Code", ct);
        Village village;
        try
        {
            village = new Village(home, town, code, Names.Require(new LocalizedText(nameZh ?? "", nameEn ?? "")), households, people,
                designated, hasExited: false, new LocalizedText("", ""), isDemoData: false);
            village.UpdateFigures(households, people, designated, exited);
        }
        catch (DomainException) { return await RefuseAsync("Origins.Problem.NewVillage", ct); }
        // The entry names the new id, so the row is saved first; both in one transaction.
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        db.Villages.Add(village);
        await db.SaveChangesAsync(ct);
        audit.Record("village.created", nameof(Village), AidStructure.Key(village.Id), null,
            new Dictionary<string, object?>(Fields(village)) { ["Code"] = village.Code, ["Name"] = village.Name.Zh, ["CountyId"] = county, ["TownshipId"] = town?.Id });
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        return RedirectToPage();
    }

    public async Task<IActionResult> OnPostActiveAsync(int village, bool active, CancellationToken ct) =>
        await structure.SetVillageActiveAsync(village, active, ct) ? RedirectToPage() : NotFound();

    public async Task<IActionResult> OnPostDeleteAsync(int village, CancellationToken ct) => await structure.DeleteVillageAsync(village, ct) switch
    {
        AidStructure.Deletion.Deleted => RedirectToPage(),
        AidStructure.Deletion.NotFound => NotFound(),
        _ => await RefuseAsync("Origins.Problem.InUse", ct, village),
    };

    private async Task<IActionResult> RefuseAsync(string problem, CancellationToken ct, int? village = null)
    {
        db.ChangeTracker.Clear();
        (Problem, ProblemVillage) = (problem, village);
        await LoadAsync(ct);
        return Page();
    }

    private static Dictionary<string, object?> Fields(Village v) => new()
    {
        ["RegisteredPoorHouseholds"] = v.RegisteredPoorHouseholds, ["RegisteredPoorPeople"] = v.RegisteredPoorPeople,
        ["IsDesignatedPoorVillage"] = v.IsDesignatedPoorVillage, ["HasExited"] = v.HasExited,
    };

    private async Task LoadAsync(CancellationToken ct)
    {
        Counties = await db.Counties.AsNoTracking().OrderBy(c => c.Id).ToListAsync(ct);
        Townships = await db.Townships.AsNoTracking().OrderBy(t => t.CountyId).ThenBy(t => t.Id).ToListAsync(ct);
        Villages = await db.Villages.AsNoTracking().OrderBy(v => v.CountyId).ThenBy(v => v.Id).ToListAsync(ct);
    }
}
