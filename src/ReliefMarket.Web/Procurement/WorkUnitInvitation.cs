using Microsoft.EntityFrameworkCore.Metadata.Builders;
using ReliefMarket.Domain.Procurement;
using ReliefMarket.Web.Access;

namespace ReliefMarket.Web.Procurement;

/// <summary>
/// An invitation to buy for a work unit. Like a cooperative <see cref="Invitation"/> (same token, hash and lifetime), but
/// for a unit: only the token's hash is stored, used once, within <see cref="Invitation.Lifetime"/>.
/// </summary>
public class WorkUnitInvitation
{
    private WorkUnitInvitation() { }

    public WorkUnitInvitation(string email, int workUnitId, string token, DateTime createdAtUtc)
    {
        Email = email.Trim();
        WorkUnitId = workUnitId;
        TokenHash = Invitation.Hash(token);
        CreatedAtUtc = createdAtUtc;
        ExpiresAtUtc = createdAtUtc + Invitation.Lifetime;
    }

    public int Id { get; private set; }
    public string Email { get; private set; } = "";
    public int WorkUnitId { get; private set; }
    public string TokenHash { get; private set; } = "";
    public DateTime CreatedAtUtc { get; private set; }
    public DateTime ExpiresAtUtc { get; private set; }
    public DateTime? UsedAtUtc { get; private set; }
    public string? UsedByUserId { get; private set; }
}

internal sealed class WorkUnitInvitationConfiguration : IEntityTypeConfiguration<WorkUnitInvitation>
{
    public void Configure(EntityTypeBuilder<WorkUnitInvitation> b)
    {
        b.ToTable("work_unit_invitations");
        b.Property(i => i.Email).HasMaxLength(256);
        b.Property(i => i.TokenHash).HasMaxLength(64);
        b.HasIndex(i => i.TokenHash).IsUnique();
        b.Property(i => i.UsedByUserId).HasMaxLength(450);
        b.HasOne<WorkUnit>().WithMany().HasForeignKey(i => i.WorkUnitId).OnDelete(DeleteBehavior.Cascade);
    }
}

/// <summary>Invites buyers to a work unit and lets them in once (the administration's work-unit page calls this).</summary>
public sealed class WorkUnitInvitations(AppDbContext db, Email.EmailOutbox outbox, Email.EmailTemplates templates, TimeProvider clock)
{
    /// <summary>Adds the invitation and its email to the caller's unit of work; the caller saves (with its audit entry) and then calls <see cref="Email.EmailOutbox.SendSoon"/>.</summary>
    public async Task AddAsync(string email, WorkUnit unit, CancellationToken ct)
    {
        var token = Invitation.NewToken();
        db.WorkUnitInvitations.Add(new WorkUnitInvitation(email, unit.Id, token, clock.GetUtcNow().UtcDateTime));
        var culture = await db.Users.Where(u => u.NormalizedEmail == email.Trim().ToUpperInvariant()).Select(u => u.PreferredCulture).FirstOrDefaultAsync(ct);
        outbox.Add(email.Trim(), templates.WorkUnitInvitation(culture ?? "zh-CN", unit.Name, outbox.Link($"/unit/join?token={token}")), "unit-invitation");
    }

    /// <summary>The open invitation for a token from a link; null for a tampered, used or expired one.</summary>
    public Task<WorkUnitInvitation?> FindOpenAsync(string? token, CancellationToken ct)
    {
        if (string.IsNullOrEmpty(token) || token.Length > 100) return Task.FromResult<WorkUnitInvitation?>(null);
        var hash = Invitation.Hash(token);
        var now = clock.GetUtcNow().UtcDateTime;
        return db.WorkUnitInvitations.Where(i => i.UsedAtUtc == null && i.ExpiresAtUtc > now).SingleOrDefaultAsync(i => i.TokenHash == hash, ct);
    }

    /// <summary>Marks the invitation used, in the caller's transaction; false when someone else used it first.</summary>
    public async Task<bool> ClaimAsync(WorkUnitInvitation invitation, string userId, CancellationToken ct)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        return await db.WorkUnitInvitations.Where(i => i.Id == invitation.Id && i.UsedAtUtc == null && i.ExpiresAtUtc > now)
            .ExecuteUpdateAsync(s => s.SetProperty(i => i.UsedAtUtc, now).SetProperty(i => i.UsedByUserId, userId), ct) == 1;
    }
}
