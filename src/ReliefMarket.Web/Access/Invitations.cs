using ReliefMarket.Web.Email;

namespace ReliefMarket.Web.Access;

/// <summary>Invites a person by email to join one producer as a cooperative member (the administration area will call this).</summary>
public sealed class Invitations(AppDbContext db, EmailOutbox outbox, EmailTemplates templates, TimeProvider clock)
{
    public async Task InviteAsync(string email, int producerId, CancellationToken ct = default)
    {
        var producer = await db.Producers.AsNoTracking().SingleAsync(p => p.Id == producerId, ct);
        var token = Invitation.NewToken();
        db.Invitations.Add(new Invitation(email, producerId, token, clock.GetUtcNow().UtcDateTime));
        var culture = await db.Users.Where(u => u.NormalizedEmail == email.Trim().ToUpperInvariant()).Select(u => u.PreferredCulture).FirstOrDefaultAsync(ct);
        outbox.Add(email.Trim(), templates.CooperativeInvitation(culture ?? "zh-CN", producer.Name, outbox.Link($"/coop/join?token={token}")), "coop-invitation");
        await db.SaveChangesAsync(ct);
        outbox.SendSoon();
    }

    /// <summary>The open invitation for a token from a link; null for a tampered, used or expired one.</summary>
    public Task<Invitation?> FindOpenAsync(string? token, CancellationToken ct)
    {
        if (string.IsNullOrEmpty(token) || token.Length > 100) return Task.FromResult<Invitation?>(null);
        var hash = Invitation.Hash(token);
        var now = clock.GetUtcNow().UtcDateTime;
        return db.Invitations.Where(Invitation.OpenAt(now)).SingleOrDefaultAsync(i => i.TokenHash == hash, ct);
    }

    /// <summary>Marks the invitation used, in the caller's transaction; false when someone else used it first.</summary>
    public async Task<bool> ClaimAsync(Invitation invitation, string userId, CancellationToken ct)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        return await db.Invitations.Where(Invitation.OpenAt(now)).Where(i => i.Id == invitation.Id)
            .ExecuteUpdateAsync(s => s.SetProperty(i => i.UsedAtUtc, now).SetProperty(i => i.UsedByUserId, userId), ct) == 1;
    }
}
