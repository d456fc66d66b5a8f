using ReliefMarket.Domain.Attribution;

namespace ReliefMarket.Domain.Settlement;

/// <summary>
/// The statement rule in plain C#: the settlement job's SQL (Web/Settlement/StatementSql.cs) computes the same sums in
/// the database. Sales and refunds are the attribution entries booked in the period, grouped by order line, village and
/// kind. Entries booked while their order was undelivered were held (<see cref="AttributionEntry.Held"/>) and are held
/// back here; what delivered orders release in the period comes back. A previous balance of zero or less is carried
/// in; the fee is taken from net sales.
/// </summary>
public static class StatementRule
{
    /// <param name="booked">The producer's attribution entries booked in the period.</param>
    /// <param name="released">The producer's hold releases that fall in the period.</param>
    public static IReadOnlyList<StatementLine> Lines(int producerId, IEnumerable<AttributionEntry> booked, IEnumerable<HoldRelease> released,
        long carriedIn, int feeBasisPoints)
    {
        var entries = booked.ToList();
        var releases = released.ToList();
        if (entries.Any(e => e.ProducerId != producerId) || releases.Any(r => r.ProducerId != producerId))
            throw new DomainException("A statement only has its producer's movements.");
        var lines = entries.GroupBy(e => (e.Kind, e.OrderId, e.OrderLineId, e.VillageId))
            .Select(g => new StatementLine(producerId, g.Key.Kind == AttributionKind.Sale ? StatementLineKind.Sale : StatementLineKind.Refund,
                new Money(g.Sum(e => e.AmountFen)), g.Key.OrderId, g.Key.OrderLineId, g.Key.VillageId, g.Min(e => e.OccurredAtUtc)))
            .ToList();
        lines.AddRange(entries.Where(e => e.Held).GroupBy(e => (e.OrderId, e.OrderLineId, e.VillageId))
            .Select(g => (g.Key, Fen: -g.Sum(e => e.AmountFen))).Where(h => h.Fen != 0)
            .Select(h => new StatementLine(producerId, StatementLineKind.Hold, new Money(h.Fen), h.Key.OrderId, h.Key.OrderLineId, h.Key.VillageId)));
        lines.AddRange(releases.GroupBy(r => (r.OrderId, r.OrderLineId, r.VillageId))
            .Select(g => new StatementLine(producerId, StatementLineKind.Release, new Money(g.Sum(r => r.AmountFen)), g.Key.OrderId, g.Key.OrderLineId, g.Key.VillageId)));
        if (carriedIn != 0) lines.Add(new StatementLine(producerId, StatementLineKind.Carried, new Money(carriedIn)));
        var net = lines.Where(l => l.Kind is StatementLineKind.Sale or StatementLineKind.Refund).Sum(l => l.AmountFen);
        var fee = SettlementStatement.Fee(net, 0, feeBasisPoints);
        if (fee.Fen > 0) lines.Add(new StatementLine(producerId, StatementLineKind.Fee, -fee));
        return lines;
    }
}
