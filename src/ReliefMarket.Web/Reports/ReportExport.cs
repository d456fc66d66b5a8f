using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace ReliefMarket.Web.Reports;

public enum ReportExportFormat { Csv, Xlsx }

/// <summary>
/// A report export too large to build while the person waits: what to build (the report's query string, the producer
/// scope of whoever asked, the language), then the file itself, kept in the database so that any node can serve it.
/// The export job finds pending rows here (losing the job queue loses nothing), builds each file once and emails a
/// link whose token only the SHA-256 of is stored. The file can be downloaded by its requester until
/// <see cref="ExpiresAtUtc"/>; after that the content is removed and the row stays, so the link says "expired".
/// </summary>
public class ReportExport
{
    public const int MaxAttempts = 5;

    private ReportExport() { }

    public ReportExport(string requestedBy, int? producerScope, string parameters, ReportExportFormat format, string culture, DateTime requestedAtUtc)
    {
        Id = Guid.NewGuid();
        RequestedBy = requestedBy;
        ProducerScope = producerScope;
        Parameters = parameters;
        Format = format;
        Culture = culture;
        RequestedAtUtc = requestedAtUtc;
        NextAttemptAtUtc = requestedAtUtc;
    }

    public Guid Id { get; private set; }
    /// <summary>The user id of whoever asked: the only person who may download the file.</summary>
    public string RequestedBy { get; private set; } = "";
    /// <summary>A cooperative member's producer: the rows they may see. Null for administrators and auditors.</summary>
    public int? ProducerScope { get; private set; }
    /// <summary>The report's query string as the page wrote it (an explicit date range, never "this quarter").</summary>
    public string Parameters { get; private set; } = "";
    public ReportExportFormat Format { get; private set; }
    /// <summary>zh-CN or en: the labels in the file and the email's language.</summary>
    public string Culture { get; private set; } = "";
    public DateTime RequestedAtUtc { get; private set; }
    public int Attempts { get; private set; }
    public DateTime NextAttemptAtUtc { get; private set; }
    public string? LastError { get; private set; }
    public DateTime? ReadyAtUtc { get; private set; }
    public DateTime? ExpiresAtUtc { get; private set; }
    public string? FileName { get; private set; }
    public byte[]? Content { get; private set; }
    public string? TokenHash { get; private set; }

    /// <summary>The report page the export was made from, with its parameters.</summary>
    public string ReportPath => (ProducerScope is null ? "/admin/reports" : "/coop/reports") + Parameters;

    public bool IsReady => ReadyAtUtc is not null;
    public bool HasFailed => !IsReady && Attempts >= MaxAttempts;
    public bool IsExpiredAt(DateTime nowUtc) => ExpiresAtUtc is { } expires && expires <= nowUtc;

    /// <summary>Pending and due: the one rule the job queries by.</summary>
    public static System.Linq.Expressions.Expression<Func<ReportExport, bool>> DueAt(DateTime nowUtc) =>
        e => e.ReadyAtUtc == null && e.Attempts < MaxAttempts && e.NextAttemptAtUtc <= nowUtc;

    public void MarkReady(string fileName, byte[] content, string tokenHash, DateTime atUtc, TimeSpan validFor)
    {
        if (IsReady) throw new DomainException("This export is already built.");
        FileName = fileName;
        Content = content;
        TokenHash = tokenHash;
        ReadyAtUtc = atUtc;
        ExpiresAtUtc = atUtc + validFor;
        LastError = null;
    }

    /// <summary>Backs off exponentially: 1, 2, 4 … minutes.</summary>
    public void MarkFailed(string error, DateTime atUtc)
    {
        Attempts++;
        LastError = error.Length > 500 ? error[..500] : error;
        NextAttemptAtUtc = atUtc + TimeSpan.FromMinutes(Math.Pow(2, Attempts - 1));
    }
}

internal sealed class ReportExportConfiguration : IEntityTypeConfiguration<ReportExport>
{
    public void Configure(EntityTypeBuilder<ReportExport> b)
    {
        b.ToTable("report_exports");
        b.Property(e => e.RequestedBy).HasMaxLength(450);
        b.Property(e => e.Parameters).HasMaxLength(2000);
        b.Property(e => e.Culture).HasMaxLength(16);
        b.Property(e => e.FileName).HasMaxLength(200);
        b.Property(e => e.LastError).HasMaxLength(500);
        b.Property(e => e.TokenHash).HasMaxLength(64);
        b.HasIndex(e => e.TokenHash).IsUnique();
        b.HasIndex(e => new { e.ReadyAtUtc, e.NextAttemptAtUtc });
        b.HasOne<AppUser>().WithMany().HasForeignKey(e => e.RequestedBy).OnDelete(DeleteBehavior.Cascade);
    }
}
