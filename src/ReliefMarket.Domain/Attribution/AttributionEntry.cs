using ReliefMarket.Domain.Ordering;

namespace ReliefMarket.Domain.Attribution;

public enum AttributionKind { Sale, Refund }

/// <summary>
/// One village's part of one order line's money, tagged with every dimension the aid reports group by:
/// village, county, producer, channel and whether the listing was certified at the time of sale.
/// Sums by producer, county or channel are sums of these rows, so every report adds up to the fen.
/// </summary>
public class AttributionEntry
{
    private AttributionEntry() { }

    public AttributionEntry(Guid orderId, long orderLineId, int villageId, int countyId, int producerId, Channel channel,
        bool certifiedAtSale, AttributionKind kind, Money amount, DateTime occurredAtUtc, DateTime? bookedAtUtc = null, bool held = false,
        int units = 0)
    {
        OrderId = orderId;
        OrderLineId = orderLineId;
        VillageId = villageId;
        CountyId = countyId;
        ProducerId = producerId;
        Channel = channel;
        CertifiedAtSale = certifiedAtSale;
        Kind = kind;
        AmountFen = amount.Fen;
        OccurredAtUtc = occurredAtUtc;
        BookedAtUtc = bookedAtUtc ?? occurredAtUtc;
        Held = held;
        Units = units;
        ChinaDate = DateKey(occurredAtUtc);
    }

    public long Id { get; private set; }
    public Guid OrderId { get; private set; }
    public long OrderLineId { get; private set; }
    public int VillageId { get; private set; }
    public int CountyId { get; private set; }
    public int ProducerId { get; private set; }
    public Channel Channel { get; private set; }
    public bool CertifiedAtSale { get; private set; }
    public AttributionKind Kind { get; private set; }
    /// <summary>Positive for sales, negative for refunds.</summary>
    public Money Amount => new(AmountFen);
    /// <summary>The amount as a plain number of fen, so reports can SUM it in the database.</summary>
    public long AmountFen { get; private set; }
    /// <summary>When the sale or refund happened: what reports group by.</summary>
    public DateTime OccurredAtUtc { get; private set; }
    /// <summary>
    /// When the entry was written: what settlement periods group by. The same as <see cref="OccurredAtUtc"/> except for
    /// sales reported later than they happened (a vending cabinet's batch, an import), which are booked when they arrive,
    /// so a period that is already closed never gains money (decision 0027).
    /// </summary>
    public DateTime BookedAtUtc { get; private set; }
    /// <summary>
    /// Held back from settlement until the order is delivered: decided when the entry is booked (an order with a delivery
    /// address, not delivered yet). What held entries hold comes free as <c>HoldRelease</c>s written at delivery.
    /// </summary>
    public bool Held { get; private set; }

    /// <summary>
    /// This entry's part of its line's units, split between the villages like the money (so units, like amounts, add
    /// up across villages); 0 on refunds, which do not un-sell units.
    /// </summary>
    public int Units { get; private set; }

    /// <summary>
    /// The China-time calendar day of <see cref="OccurredAtUtc"/> as yyyymmdd (20260315): reports group by month
    /// (<c>ChinaDate / 100</c>) and day with integer arithmetic instead of converting a time on every row.
    /// </summary>
    public int ChinaDate { get; private set; }

    /// <summary>
    /// True on exactly one sale entry of each order (its first): a report that keeps or drops whole orders counts them by
    /// summing this instead of counting distinct order ids (decision 0030). Refunds never carry it.
    /// </summary>
    public bool CountsOrder { get; private set; }

    /// <summary>True on exactly one certified sale entry of each order that has one: the same count for the aid-attributed view.</summary>
    public bool CountsAidOrder { get; private set; }

    /// <summary>Marks <paramref name="sales"/> (one order's sale entries) so that each counts its order once; see <see cref="CountsOrder"/>.</summary>
    internal static void MarkOrderCounts(IReadOnlyList<AttributionEntry> sales)
    {
        if (sales.Count > 0) sales[0].CountsOrder = true;
        if (sales.FirstOrDefault(e => e.CertifiedAtSale) is { } aid) aid.CountsAidOrder = true;
    }

    /// <summary>yyyymmdd of the China-time day an instant falls on (China keeps UTC+8 all year).</summary>
    public static int DateKey(DateTime utc)
    {
        var china = utc + Settlement.SettlementPeriod.ChinaOffset;
        return china.Year * 10000 + china.Month * 100 + china.Day;
    }
}
