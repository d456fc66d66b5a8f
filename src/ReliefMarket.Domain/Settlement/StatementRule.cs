using ReliefMarket.Domain.Attribution;

namespace ReliefMarket.Domain.Settlement;

/// <summary>
/// The statement rule in plain C#: the settlement job's SQL (Web/Settlement/SettlementJob.cs) computes the same lines in
/// the database. Sales and refunds are the period's attribution entries grouped by order line, village and kind. An order
/// still held at the period's end holds its period movements; an order released in this period gives back what earlier
/// statements held for it. A previous balance of zero or less is carried in; the fee is taken from net sales.
/// </summary>
public static class StatementRule
{
    public sealed record HoldKey(Guid OrderId, long OrderLineId, int VillageId);

    /// <param name="movements">The producer's attribution entries in the period.</param>
    /// <param name="heldAtEnd">Whether an order is still held at the period's end (not delivered, or delivered too recently).</param>
    /// <param name="heldBefore">What earlier statements hold per order line and village (positive amounts held).</param>
    /// <param name="releasedNow">Whether an order held before is released in this period.</param>
    public static IReadOnlyList<StatementLine> Lines(int producerId, IEnumerable<AttributionEntry> movements, Func<Guid, bool> heldAtEnd,
        IReadOnlyDictionary<HoldKey, long> heldBefore, Func<Guid, bool> releasedNow, long carriedIn, int feeBasisPoints)
    {
        var entries = movements.ToList();
        if (entries.Any(e => e.ProducerId != producerId)) throw new DomainException("A statement only has its producer's movements.");
        var lines = entries.GroupBy(e => (e.Kind, e.OrderId, e.OrderLineId, e.VillageId))
            .Select(g => new StatementLine(producerId, g.Key.Kind == AttributionKind.Sale ? StatementLineKind.Sale : StatementLineKind.Refund,
                new Money(g.Sum(e => e.AmountFen)), g.Key.OrderId, g.Key.OrderLineId, g.Key.VillageId, g.Min(e => e.OccurredAtUtc)))
            .ToList();
        var holds = entries.Where(e => heldAtEnd(e.OrderId)).Select(e => (Key: new HoldKey(e.OrderId, e.OrderLineId, e.VillageId), Fen: -e.AmountFen))
            .Concat(heldBefore.Where(h => releasedNow(h.Key.OrderId)).Select(h => (h.Key, Fen: h.Value)))
            .GroupBy(h => h.Key).Select(g => (g.Key, Fen: g.Sum(h => h.Fen))).Where(h => h.Fen != 0);
        lines.AddRange(holds.Select(h => new StatementLine(producerId, StatementLineKind.Hold, new Money(h.Fen), h.Key.OrderId, h.Key.OrderLineId, h.Key.VillageId)));
        if (carriedIn != 0) lines.Add(new StatementLine(producerId, StatementLineKind.Carried, new Money(carriedIn)));
        var net = lines.Where(l => l.Kind is StatementLineKind.Sale or StatementLineKind.Refund).Sum(l => l.AmountFen);
        var fee = SettlementStatement.Fee(net, 0, feeBasisPoints);
        if (fee.Fen > 0) lines.Add(new StatementLine(producerId, StatementLineKind.Fee, -fee));
        return lines;
    }
}
