using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc.RazorPages;
using ReliefMarket.Web.Ordering;
using ReliefMarket.Web.Pages.Orders;

namespace ReliefMarket.Web.Pages.Account;

/// <summary>
/// "Your purchases sent ¥X to N villages in M counties": the signed-in shopper's attribution entries, sales less
/// refunds, summed per village in the database — the same rows the aid reports add up.
/// </summary>
[Authorize]
public class ImpactModel(AppDbContext db) : PageModel
{
    public IReadOnlyList<VillageShare> Villages { get; private set; } = [];
    public Money Total { get; private set; }
    public int Counties { get; private set; }

    public async Task OnGetAsync(CancellationToken ct)
    {
        var userId = User.UserId()!;
        var mine = db.Orders.Where(o => o.CustomerId == userId).Select(o => o.Id);
        var sums = await db.AttributionEntries.Where(e => mine.Contains(e.OrderId))
            .GroupBy(e => e.VillageId).Select(g => new { VillageId = g.Key, Fen = g.Sum(e => e.AmountFen) })
            .Where(v => v.Fen > 0).ToDictionaryAsync(v => v.VillageId, v => v.Fen, ct);
        var ids = sums.Keys.ToList();
        Villages = (await db.Villages.AsNoTracking().Include(v => v.County).Where(v => ids.Contains(v.Id)).ToListAsync(ct))
            .Select(v => new VillageShare(v.County.Name, v.County.Code, v.Name, v.Code, new Money(sums[v.Id])))
            .OrderByDescending(v => v.Amount).ThenBy(v => v.VillageCode).ToList();
        Total = Money.Sum(Villages.Select(v => v.Amount));
        Counties = Villages.Select(v => v.CountyCode).Distinct().Count();
    }
}
