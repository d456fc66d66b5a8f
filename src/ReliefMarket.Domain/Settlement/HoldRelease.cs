using ReliefMarket.Domain.Attribution;

namespace ReliefMarket.Domain.Settlement;

/// <summary>
/// Money held back from a delivered order comes free some days after delivery (to cover returns): one row per order
/// line and village, the sum of what its held attribution entries hold, written when the order is delivered. Settlement
/// adds it to the statement of the period <see cref="ReleasedAtUtc"/> falls in. Written once; never changed.
/// </summary>
public class HoldRelease
{
    private HoldRelease() { }

    public long Id { get; private set; }
    public Guid OrderId { get; private set; }
    public long OrderLineId { get; private set; }
    public int VillageId { get; private set; }
    public int ProducerId { get; private set; }
    public long AmountFen { get; private set; }
    public DateTime DeliveredAtUtc { get; private set; }
    public DateTime ReleasedAtUtc { get; private set; }

    /// <summary>The releases of a delivered order, from its attribution entries (those not held are ignored).</summary>
    public static IReadOnlyList<HoldRelease> ForDelivered(Guid orderId, DateTime deliveredAtUtc, IEnumerable<AttributionEntry> entries, int holdDays)
    {
        if (holdDays < 0) throw new DomainException("Hold-back days cannot be negative.");
        return entries.Where(e => e.OrderId == orderId && e.Held)
            .GroupBy(e => (e.OrderLineId, e.VillageId, e.ProducerId))
            .Select(g => (g.Key, Fen: g.Sum(e => e.AmountFen)))
            .Where(x => x.Fen != 0)
            .Select(x => new HoldRelease
            {
                OrderId = orderId, OrderLineId = x.Key.OrderLineId, VillageId = x.Key.VillageId, ProducerId = x.Key.ProducerId,
                AmountFen = x.Fen, DeliveredAtUtc = deliveredAtUtc, ReleasedAtUtc = deliveredAtUtc.AddDays(holdDays),
            })
            .ToList();
    }
}
