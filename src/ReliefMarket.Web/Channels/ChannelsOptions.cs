namespace ReliefMarket.Web.Channels;

public sealed class ChannelsOptions
{
    public const string Section = "Channels";

    /// <summary>How far a device's price may stray from the listing (2000 = 20%): cabinets round, tills give discounts, typos do not pass.</summary>
    public int PriceToleranceBasisPoints { get; set; } = 2000;
    public int MaxSalesPerBatch { get; set; } = 500;
    public int MaxLinesPerSale { get; set; } = 50;
    public int MaxQuantityPerLine { get; set; } = 999;
    /// <summary>A request body larger than this is refused with 413 before it is parsed.</summary>
    public int MaxBodyBytes { get; set; } = 1024 * 1024;
    /// <summary>Device clocks drift: a sale this far ahead of ours still counts.</summary>
    public TimeSpan MaxClockSkew { get; set; } = TimeSpan.FromMinutes(5);
    /// <summary>Older sales belong to a reconciliation, not to a device catching up.</summary>
    public TimeSpan MaxAge { get; set; } = TimeSpan.FromDays(30);
}
