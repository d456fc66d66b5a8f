namespace ReliefMarket.Web.Channels.Imports;

public enum ImportFormat { Csv, Xlsx }

public enum ImportStatus { Previewed, Queued, Committed, Failed }

/// <summary>
/// A file of sales an administrator uploaded for one channel and one day (an exhibition centre's till roll, a
/// livestream's order sheet). The file itself is kept until it is committed, so a background job can read it from the
/// database; its SHA-256 is unique, so the same file cannot be imported twice.
/// </summary>
public class SalesImport
{
    public const int MaxFileNameLength = 200;

    /// <summary>The channels a file of sales may report for; online orders come through checkout, procurement through its own orders.</summary>
    public static readonly Channel[] Channels = [Channel.ExhibitionCenter, Channel.Livestream, Channel.VendingCabinet];

    private SalesImport() { }

    public SalesImport(string fileName, string contentHash, byte[] content, ImportFormat format, Channel channel, DateOnly salesDate,
        int rows, int validRows, string? uploadedBy, DateTime atUtc)
    {
        Id = Guid.NewGuid();
        FileName = fileName.Length > MaxFileNameLength ? fileName[..MaxFileNameLength] : fileName;
        (ContentHash, Content, Format, UploadedBy, UploadedAtUtc) = (contentHash, content, format, uploadedBy, atUtc);
        Previewed(channel, salesDate, rows, validRows);
    }

    public Guid Id { get; private set; }
    /// <summary>As the uploader's computer named it: text, shown encoded, never used as a path.</summary>
    public string FileName { get; private set; } = "";
    /// <summary>SHA-256 (hex) of the file's bytes.</summary>
    public string ContentHash { get; private set; } = "";
    /// <summary>The file until it is committed; emptied then (the orders are the record).</summary>
    public byte[] Content { get; private set; } = [];
    public ImportFormat Format { get; private set; }
    public Channel Channel { get; private set; }
    /// <summary>The China-time day the sales were made.</summary>
    public DateOnly SalesDate { get; private set; }
    public int Rows { get; private set; }
    public int ValidRows { get; private set; }
    public ImportStatus Status { get; private set; }
    public string? UploadedBy { get; private set; }
    public DateTime UploadedAtUtc { get; private set; }
    public int CommittedRows { get; private set; }
    public long CommittedFen { get; private set; }
    public DateTime? CommittedAtUtc { get; private set; }
    /// <summary>
    /// Rows a running commit has written so far, of <see cref="RowsToWrite"/>: written by the job through a connection of
    /// its own (see <see cref="ImportProgress"/>), so a page served by any node reads it. Nothing is committed before the
    /// whole import is.
    /// </summary>
    public int RowsWritten { get; private set; }
    public int RowsToWrite { get; private set; }
    /// <summary>Why the last commit failed (nothing was written), for the page.</summary>
    public string? Failure { get; private set; }

    public bool IsCommitted => Status == ImportStatus.Committed;

    /// <summary>Checked (again): an upload of the same file that has not been committed is checked for the channel and day given now.</summary>
    public void Previewed(Channel channel, DateOnly salesDate, int rows, int validRows)
    {
        Require(!IsCommitted, "A committed import is not checked again.");
        Require(Channels.Contains(channel), "A file of sales reports for an exhibition centre, a livestream or a vending cabinet.");
        (Channel, SalesDate, Rows, ValidRows, Status, Failure) = (channel, salesDate, rows, validRows, ImportStatus.Previewed, null);
    }

    /// <summary>Handed to the background job: the page shows its progress until it is committed or failed.</summary>
    public void Queue()
    {
        Require(Status is ImportStatus.Previewed or ImportStatus.Failed, "Only a previewed import is queued.");
        (Status, Failure, RowsWritten, RowsToWrite) = (ImportStatus.Queued, null, 0, ValidRows);
    }

    public void MarkCommitted(int rows, long fen, DateTime atUtc)
    {
        Require(!IsCommitted, "An import is committed once.");
        (Status, CommittedRows, CommittedFen, CommittedAtUtc, Content, Failure) = (ImportStatus.Committed, rows, fen, atUtc, [], null);
        (RowsWritten, RowsToWrite) = (rows, rows);
    }

    public void Fail(string reason)
    {
        Require(!IsCommitted, "A committed import cannot fail.");
        (Status, Failure) = (ImportStatus.Failed, reason.Length > 500 ? reason[..500] : reason);
        // The rows a failed commit reported were rolled back with it.
        RowsWritten = 0;
    }

    private static void Require(bool condition, string message)
    {
        if (!condition) throw new DomainException(message);
    }
}
