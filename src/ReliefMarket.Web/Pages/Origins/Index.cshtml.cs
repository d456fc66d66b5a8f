using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.OutputCaching;

namespace ReliefMarket.Web.Pages.Origins;

[OutputCache(PolicyName = CatalogCache.Policy)]
public class IndexModel(AppDbContext db) : PageModel
{
    public IReadOnlyList<County> Counties { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken ct) =>
        Counties = await db.Counties.AsNoTracking().OrderBy(c => c.Id).ToListAsync(ct);
}
