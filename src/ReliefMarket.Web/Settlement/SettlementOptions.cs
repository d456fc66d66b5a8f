using System.ComponentModel.DataAnnotations;
using ReliefMarket.Domain.Settlement;

namespace ReliefMarket.Web.Settlement;

public sealed class SettlementOptions
{
    public const string Section = "Settlement";

    /// <summary>Weekly (Monday 00:00 China time, the default) or Monthly (the 1st, 00:00 China time).</summary>
    public PeriodLength Period { get; set; } = PeriodLength.Weekly;
    /// <summary>The platform fee in basis points of a period's net sales; relief platforms charge none.</summary>
    [Range(0, 10_000)] public int FeeBasisPoints { get; set; }
    /// <summary>Days after delivery that a delivered order's money is held back, to cover returns.</summary>
    [Range(0, 365)] public int HoldDays { get; set; } = 7;
    /// <summary>Producers closed per transaction: a crash loses at most one batch's work, which the next run redoes.</summary>
    [Range(1, 100_000)] public int ProducersPerBatch { get; set; } = 1000;
}
