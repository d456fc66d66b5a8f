using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using ReliefMarket.Web.Audit;

namespace ReliefMarket.Web.Areas.Admin.Pages.Audit;

/// <summary>/admin/audit: who did what to which entity, newest first, filtered and paged; the same filters export as CSV.</summary>
public class IndexModel(AppDbContext db) : PageModel
{
    public const int PageSize = 50;

    [BindProperty(SupportsGet = true)] public AuditFilter Filter { get; set; } = new();
    [BindProperty(SupportsGet = true, Name = "p")] public int PageNumber { get; set; } = 1;

    public IReadOnlyList<AuditEntry> Entries { get; private set; } = [];
    public IReadOnlyList<string> Actions { get; private set; } = [];
    public IReadOnlyList<string> EntityTypes { get; private set; } = [];
    public bool HasNext { get; private set; }

    public async Task OnGetAsync(CancellationToken ct)
    {
        PageNumber = Math.Max(1, PageNumber);
        // One row more than a page tells whether there is a next page without counting the whole log.
        var rows = await Filter.Apply(db.AuditEntries.AsNoTracking()).Skip((PageNumber - 1) * PageSize).Take(PageSize + 1).ToListAsync(ct);
        HasNext = rows.Count > PageSize;
        Entries = rows.Take(PageSize).ToList();
        Actions = await db.AuditEntries.Select(a => a.Action).Distinct().OrderBy(a => a).ToListAsync(ct);
        EntityTypes = await db.AuditEntries.Select(a => a.EntityType).Distinct().OrderBy(a => a).ToListAsync(ct);
    }

    public Dictionary<string, string?> PageRoute(int page)
    {
        var values = Filter.RouteValues();
        values["p"] = page.ToString(System.Globalization.CultureInfo.InvariantCulture);
        return values;
    }
}
