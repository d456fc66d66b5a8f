namespace ReliefMarket.Domain.Settlement;

/// <summary>
/// A China day, [StartsAtUtc, StartsAtUtc + 1 day), whose bookings the settlement job has summed into
/// <see cref="ProducerDay"/> rows once it ended (decision 0032). Written once, with its totals; never changed.
/// </summary>
public class SettlementDay
{
    private SettlementDay() { }

    public DateTime StartsAtUtc { get; private set; }
    public DateTime SummedAtUtc { get; private set; }

    /// <summary>The start of the China day that contains <paramref name="utc"/> (00:00 China time, in UTC).</summary>
    public static DateTime StartOf(DateTime utc)
    {
        var local = DateTime.SpecifyKind(utc, DateTimeKind.Unspecified) + SettlementPeriod.ChinaOffset;
        return DateTime.SpecifyKind(local.Date - SettlementPeriod.ChinaOffset, DateTimeKind.Utc);
    }
}

/// <summary>
/// One producer's settlement movements on one China day, summed from the bookings of that day: sales, refunds, the
/// part held back (negative) and the holds released that day (positive). A period's statement is the sum of its days,
/// so closing a period reads a few rows per producer and day instead of every attribution entry. Written once.
/// </summary>
public class ProducerDay
{
    private ProducerDay() { }

    public DateTime DayStartsAtUtc { get; private set; }
    public int ProducerId { get; private set; }
    public long SalesFen { get; private set; }
    public long RefundsFen { get; private set; }
    public long HeldFen { get; private set; }
    public long ReleasedFen { get; private set; }
}
