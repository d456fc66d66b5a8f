namespace ReliefMarket.Web.Channels.Imports;

public sealed class ImportsOptions
{
    public const string Section = "Imports";

    /// <summary>A day of a busy exhibition centre is a few thousand rows; 100 000 rows of CSV are about 6 MB.</summary>
    public int MaxFileBytes { get; set; } = 8 * 1024 * 1024;
    public int MaxRows { get; set; } = 100_000;
    /// <summary>From this many valid rows the commit runs as a background job and the page shows its progress.</summary>
    public int BackgroundFromRows { get; set; } = 2_000;
    /// <summary>Orders saved per round trip inside the one transaction.</summary>
    public int ChunkRows { get; set; } = 500;
}
