using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace ReliefMarket.Web.Certification;

public enum CertificationAction { Approved, Rejected, Withdrawn, Expired, Reminded }

/// <summary>
/// One decision about a listing's certificate (扶贫产品认定), kept for ever: who, when, what and why. Rows are only
/// ever added; the listing itself holds the current state.
/// </summary>
public class CertificationDecision
{
    private CertificationDecision() { }

    public CertificationDecision(int productId, CertificationAction action, string? userId, DateTime atUtc, string? certificateNumber = null,
        int? issuingCountyId = null, DateOnly? validUntil = null, string? reason = null, int? daysBefore = null)
    {
        ProductId = productId;
        Action = action;
        UserId = userId;
        AtUtc = atUtc;
        CertificateNumber = certificateNumber;
        IssuingCountyId = issuingCountyId;
        ValidUntil = validUntil;
        Reason = reason;
        DaysBefore = daysBefore;
    }

    public long Id { get; private set; }
    public int ProductId { get; private set; }
    public CertificationAction Action { get; private set; }
    /// <summary>Null for the daily job's own actions (expiry, reminders).</summary>
    public string? UserId { get; private set; }
    public DateTime AtUtc { get; private set; }
    public string? CertificateNumber { get; private set; }
    public int? IssuingCountyId { get; private set; }
    public DateOnly? ValidUntil { get; private set; }
    public string? Reason { get; private set; }
    /// <summary>For reminders: 30 or 7 days before <see cref="ValidUntil"/>; one each per certificate.</summary>
    public int? DaysBefore { get; private set; }
}

internal sealed class CertificationDecisionConfiguration : IEntityTypeConfiguration<CertificationDecision>
{
    public void Configure(EntityTypeBuilder<CertificationDecision> b)
    {
        b.ToTable("certification_decisions");
        b.Property(d => d.UserId).HasMaxLength(450);
        b.Property(d => d.CertificateNumber).HasMaxLength(64);
        b.Property(d => d.Reason).HasMaxLength(Certifier.MaxReasonLength);
        b.HasOne<Product>().WithMany().HasForeignKey(d => d.ProductId).OnDelete(DeleteBehavior.Cascade);
        b.HasIndex(d => new { d.ProductId, d.AtUtc });
    }
}
