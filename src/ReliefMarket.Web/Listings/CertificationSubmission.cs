using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace ReliefMarket.Web.Listings;

/// <summary>
/// What a member sent with a request for certification: a text and up to <see cref="MaxFiles"/> supporting files
/// (a county's recommendation letter…), kept for the administrators who review it. Files are stored under generated
/// names and are never served inline.
/// </summary>
public class CertificationSubmission
{
    public const int MaxFiles = 3;
    public const int MaxEvidenceLength = 2000;

    private readonly List<EvidenceFile> _files = [];

    private CertificationSubmission() { }

    public CertificationSubmission(int productId, string evidence, string userId, DateTime atUtc, IEnumerable<EvidenceFile> files)
    {
        ProductId = productId;
        Evidence = evidence.Trim();
        SubmittedByUserId = userId;
        SubmittedAtUtc = atUtc;
        _files.AddRange(files);
        if (_files.Count > MaxFiles) throw new DomainException($"At most {MaxFiles} evidence files.");
    }

    public int Id { get; private set; }
    public int ProductId { get; private set; }
    public string Evidence { get; private set; } = "";
    public string SubmittedByUserId { get; private set; } = "";
    public DateTime SubmittedAtUtc { get; private set; }
    public IReadOnlyList<EvidenceFile> Files => _files;
}

/// <summary>One stored evidence file: the generated name on disk, its checked content type and size.</summary>
public sealed record EvidenceFile(string StoredName, string ContentType, long Length);

internal sealed class CertificationSubmissionConfiguration : IEntityTypeConfiguration<CertificationSubmission>
{
    public void Configure(EntityTypeBuilder<CertificationSubmission> b)
    {
        b.ToTable("certification_submissions");
        b.Property(s => s.Evidence).HasMaxLength(CertificationSubmission.MaxEvidenceLength);
        b.Property(s => s.SubmittedByUserId).HasMaxLength(450);
        b.HasOne<Product>().WithMany().HasForeignKey(s => s.ProductId).OnDelete(DeleteBehavior.Cascade);
        b.HasIndex(s => s.ProductId);
        b.OwnsMany(s => s.Files, f =>
        {
            f.ToTable("certification_evidence_files");
            f.WithOwner().HasForeignKey("SubmissionId");
            f.Property<int>("Id");
            f.HasKey("Id");
            f.Property(x => x.StoredName).HasMaxLength(64);
            f.Property(x => x.ContentType).HasMaxLength(32);
        });
        b.Navigation(s => s.Files).HasField("_files");
    }
}
