namespace ReliefMarket.Domain.Settlement;

public enum PeriodLength { Weekly, Monthly }

/// <summary>
/// One settlement period, [StartsAtUtc, EndsAtUtc): a China-time week from Monday 00:00, or a calendar month. It is
/// Open until the settlement job has closed it for every producer with movements; then <see cref="ClosedAtUtc"/> is set.
/// The fee rate and hold-back days it was closed with are kept, so a later change of configuration never moves it.
/// </summary>
public class SettlementPeriod
{
    /// <summary>China Standard Time has no daylight saving: periods are computed with a fixed offset, so the domain needs no time zone data.</summary>
    public static readonly TimeSpan ChinaOffset = TimeSpan.FromHours(8);

    private SettlementPeriod() { }

    public SettlementPeriod(DateTime startsAtUtc, PeriodLength length, int feeBasisPoints, int holdDays)
    {
        if (startsAtUtc.Kind != DateTimeKind.Utc) throw new DomainException("A period starts at a UTC instant.");
        if (StartOf(startsAtUtc, length) != startsAtUtc) throw new DomainException("A period starts on a period boundary.");
        if (feeBasisPoints is < 0 or > 10_000) throw new DomainException("The platform fee is between 0 and 10,000 basis points.");
        if (holdDays is < 0 or > 365) throw new DomainException("Hold-back is between 0 and 365 days.");
        StartsAtUtc = startsAtUtc;
        EndsAtUtc = EndOf(startsAtUtc, length);
        Length = length;
        FeeBasisPoints = feeBasisPoints;
        HoldDays = holdDays;
    }

    public int Id { get; private set; }
    public DateTime StartsAtUtc { get; private set; }
    public DateTime EndsAtUtc { get; private set; }
    public PeriodLength Length { get; private set; }
    public int FeeBasisPoints { get; private set; }
    public int HoldDays { get; private set; }
    public DateTime? ClosedAtUtc { get; private set; }

    public bool IsClosed => ClosedAtUtc is not null;


    public bool HasEnded(DateTime nowUtc) => nowUtc >= EndsAtUtc;

    public void Close(DateTime atUtc)
    {
        if (!HasEnded(atUtc)) throw new DomainException("A period can only be closed after it has ended.");
        ClosedAtUtc ??= atUtc;
    }

    /// <summary>The start of the period that contains <paramref name="utc"/>: Monday 00:00 or the 1st 00:00, China time.</summary>
    public static DateTime StartOf(DateTime utc, PeriodLength length)
    {
        var local = DateTime.SpecifyKind(utc, DateTimeKind.Unspecified) + ChinaOffset;
        var start = length == PeriodLength.Monthly
            ? new DateTime(local.Year, local.Month, 1)
            : local.Date.AddDays(-(((int)local.DayOfWeek + 6) % 7));
        return DateTime.SpecifyKind(start - ChinaOffset, DateTimeKind.Utc);
    }

    public static DateTime EndOf(DateTime startUtc, PeriodLength length)
    {
        if (length == PeriodLength.Weekly) return startUtc.AddDays(7);
        var local = DateTime.SpecifyKind(startUtc, DateTimeKind.Unspecified) + ChinaOffset;
        return DateTime.SpecifyKind(local.AddMonths(1) - ChinaOffset, DateTimeKind.Utc);
    }
}
