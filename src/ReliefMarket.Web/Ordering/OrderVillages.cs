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
        return await SharesAsync(db, parts, ct);
    }

    /// <summary>What a paid order has sent to each village: its attribution entries, refunds deducted (villages left with nothing drop out).</summary>
    public static async Task<IReadOnlyList<VillageShare>> NetForAsync(AppDbContext db, Guid orderId, CancellationToken ct)
    {
        var parts = await db.AttributionEntries.Where(e => e.OrderId == orderId).GroupBy(e => e.VillageId)
            .Select(g => new { VillageId = g.Key, Fen = g.Sum(e => e.AmountFen) }).Where(v => v.Fen > 0)
            .ToDictionaryAsync(v => v.VillageId, v => new Money(v.Fen), ct);
        return await SharesAsync(db, parts, ct);
    }

    private static async Task<IReadOnlyList<VillageShare>> SharesAsync(AppDbContext db, IReadOnlyDictionary<int, Money> parts, CancellationToken ct)
    {
        var ids = parts.Keys.ToList();
        return (await db.Villages.AsNoTracking().Include(v => v.County).Where(v => ids.Contains(v.Id)).ToListAsync(ct))
            .Select(v => new VillageShare(v.County.Name, v.County.Code, v.Name, v.Code, parts[v.Id]))
            .OrderByDescending(v => v.Amount).ThenBy(v => v.VillageCode).ToList();
    }
}
