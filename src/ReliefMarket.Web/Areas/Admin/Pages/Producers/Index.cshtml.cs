using Microsoft.AspNetCore.Mvc.RazorPages;

namespace ReliefMarket.Web.Areas.Admin.Pages.Producers;

/// <summary>/admin/producers: every producer with its village, households supported, sourcing shares and bank account (masked).</summary>
public class IndexModel(AppDbContext db) : PageModel
{
    public IReadOnlyList<Producer> Producers { get; private set; } = [];
    public IReadOnlyDictionary<int, LocalizedText> Villages { get; private set; } = new Dictionary<int, LocalizedText>();

    public async Task OnGetAsync(CancellationToken ct)
    {
        Producers = await db.Producers.AsNoTracking().Include(p => p.Village).ThenInclude(v => v.County).OrderBy(p => p.Id).ToListAsync(ct);
        Villages = await db.Villages.AsNoTracking().ToDictionaryAsync(v => v.Id, v => v.Name, ct);
    }
}
