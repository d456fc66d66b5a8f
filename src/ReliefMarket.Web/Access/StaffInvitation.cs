using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace ReliefMarket.Web.Access;

/// <summary>
/// An invitation to become an administrator or auditor, for an email with no account yet. Like a cooperative
/// <see cref="Invitation"/> (same token, hash and lifetime): only the token's hash is stored, used once, within
/// <see cref="Invitation.Lifetime"/>.
/// </summary>
public class StaffInvitation
{
    private StaffInvitation() { }

    public StaffInvitation(string email, string role, string token, DateTime createdAtUtc)
    {
        Email = email.Trim();
        Role = role;
        TokenHash = Invitation.Hash(token);
        CreatedAtUtc = createdAtUtc;
        ExpiresAtUtc = createdAtUtc + Invitation.Lifetime;
    }

    public int Id { get; private set; }
    public string Email { get; private set; } = "";
    public string Role { get; private set; } = "";
    public string TokenHash { get; private set; } = "";
    public DateTime CreatedAtUtc { get; private set; }
    public DateTime ExpiresAtUtc { get; private set; }
    public DateTime? UsedAtUtc { get; private set; }
    public string? UsedByUserId { get; private set; }
}

internal sealed class StaffInvitationConfiguration : IEntityTypeConfiguration<StaffInvitation>
{
    public void Configure(EntityTypeBuilder<StaffInvitation> b)
    {
        b.ToTable("staff_invitations");
        b.Property(i => i.Email).HasMaxLength(256);
        b.Property(i => i.Role).HasMaxLength(64);
        b.Property(i => i.TokenHash).HasMaxLength(64);
        b.HasIndex(i => i.TokenHash).IsUnique();
        b.Property(i => i.UsedByUserId).HasMaxLength(450);
    }
}

/// <summary>Invites an administrator or auditor by email (/admin/users/invite) and lets them in once (/account/join-staff).</summary>
public sealed class StaffInvitations(AppDbContext db, Email.EmailOutbox outbox, Email.EmailTemplates templates, TimeProvider clock)
{
    /// <summary>Adds the invitation and its email to the caller's unit of work; the caller saves (with its audit entry) and then calls <see cref="Email.EmailOutbox.SendSoon"/>.</summary>
    public void Add(string email, string role, string culture)
    {
        var token = Invitation.NewToken();
        db.StaffInvitations.Add(new StaffInvitation(email, role, token, clock.GetUtcNow().UtcDateTime));
        outbox.Add(email.Trim(), templates.StaffInvitation(culture, role, outbox.Link($"/account/join-staff?token={token}")), "staff-invitation");
    }

    /// <summary>The open invitation for a token from a link; null for a tampered, used or expired one.</summary>
    public Task<StaffInvitation?> FindOpenAsync(string? token, CancellationToken ct)
    {
        if (string.IsNullOrEmpty(token) || token.Length > 100) return Task.FromResult<StaffInvitation?>(null);
        var hash = Invitation.Hash(token);
        var now = clock.GetUtcNow().UtcDateTime;
        return db.StaffInvitations.Where(i => i.UsedAtUtc == null && i.ExpiresAtUtc > now).SingleOrDefaultAsync(i => i.TokenHash == hash, ct);
    }

    /// <summary>Marks the invitation used, in the caller's transaction; false when someone else used it first.</summary>
    public async Task<bool> ClaimAsync(StaffInvitation invitation, string userId, CancellationToken ct)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        return await db.StaffInvitations.Where(i => i.Id == invitation.Id && i.UsedAtUtc == null && i.ExpiresAtUtc > now)
            .ExecuteUpdateAsync(s => s.SetProperty(i => i.UsedAtUtc, now).SetProperty(i => i.UsedByUserId, userId), ct) == 1;
    }
}
