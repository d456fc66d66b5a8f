using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace ReliefMarket.Web.Audit;

/// <summary>
/// One action that touched money, certification, the aid structure, bank details or roles: who, when, what and the
/// changed fields before and after (as JSON, bank account numbers masked). Append-only: nothing in the application
/// updates or deletes one, and on PostgreSQL a trigger refuses it (migration AuditLog).
/// </summary>
public class AuditEntry
{
    public const int MaxNameLength = 64;
    public const int MaxEmailLength = 256;

    private AuditEntry() { }

    public AuditEntry(DateTime atUtc, string? userId, string? userEmail, string action, string entityType, string entityId,
        string? before, string? after, string? ipAddress)
    {
        if (string.IsNullOrWhiteSpace(action) || action.Length > MaxNameLength) throw new DomainException("An audit entry needs an action.");
        if (string.IsNullOrWhiteSpace(entityType) || entityType.Length > MaxNameLength) throw new DomainException("An audit entry needs an entity type.");
        AtUtc = atUtc;
        UserId = userId;
        UserEmail = userEmail?[..Math.Min(userEmail.Length, MaxEmailLength)];
        Action = action;
        EntityType = entityType;
        EntityId = entityId[..Math.Min(entityId.Length, MaxNameLength)];
        Before = before;
        After = after;
        IpAddress = ipAddress;
    }

    public long Id { get; private set; }
    public DateTime AtUtc { get; private set; }
    /// <summary>Null for the system (a job or a webhook).</summary>
    public string? UserId { get; private set; }
    /// <summary>Kept as it was at the time: a later change of address must not rewrite who did it.</summary>
    public string? UserEmail { get; private set; }
    public string Action { get; private set; } = "";
    public string EntityType { get; private set; } = "";
    public string EntityId { get; private set; } = "";
    public string? Before { get; private set; }
    public string? After { get; private set; }
    public string? IpAddress { get; private set; }
}

internal sealed class AuditEntryConfiguration : IEntityTypeConfiguration<AuditEntry>
{
    public void Configure(EntityTypeBuilder<AuditEntry> b)
    {
        b.ToTable("audit_entries");
        b.Property(a => a.UserId).HasMaxLength(450);
        b.Property(a => a.UserEmail).HasMaxLength(AuditEntry.MaxEmailLength);
        b.Property(a => a.Action).HasMaxLength(AuditEntry.MaxNameLength);
        b.Property(a => a.EntityType).HasMaxLength(AuditEntry.MaxNameLength);
        b.Property(a => a.EntityId).HasMaxLength(AuditEntry.MaxNameLength);
        b.Property(a => a.IpAddress).HasMaxLength(64);
        // The log page: newest first, and one entity's history.
        b.HasIndex(a => a.AtUtc);
        b.HasIndex(a => new { a.EntityType, a.EntityId });
    }
}
