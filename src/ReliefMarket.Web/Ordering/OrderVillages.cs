namespace ReliefMarket.Web.Ordering;

/// <summary>How much of an order goes to one village, by the sourcing shares snapshotted on its lines.</summary>
public sealed record VillageShare(LocalizedText County, string CountyCode, LocalizedText Village, string VillageCode, Money Amount);

public static class OrderVillages
{
    /// <summary>The order's villages, largest share first (shipping is not village revenue).</summary>
    public static async Task<IReadOnlyList<VillageShare>> ForAsync(AppDbContext db, Order order, CancellationToken ct)
    {
        var parts = order.Lines.SelectMany(l => l.Amount.Allocate(l.Shares.Select(s => (long)s.BasisPoints).ToList())
                .Select((amount, i) => (l.Shares[i].VillageId, amount)))
            .GroupBy(x => x.VillageId).ToDictionary(g => g.Key, g => Money.Sum(g.Select(x => x.amount)));
        var ids = parts.Keys.ToList();
        return (await db.Villages.AsNoTracking().Include(v => v.County).Where(v => ids.Contains(v.Id)).ToListAsync(ct))
            .Select(v => new VillageShare(v.County.Name, v.County.Code, v.Name, v.Code, parts[v.Id]))
            .OrderByDescending(v => v.Amount).ToList();
    }
}
