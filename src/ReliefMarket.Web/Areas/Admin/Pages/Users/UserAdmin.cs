using Microsoft.AspNetCore.Identity;
using ReliefMarket.Web.Audit;

namespace ReliefMarket.Web.Areas.Admin.Pages.Users;

/// <summary>
/// Roles and locks, with the rules that keep the platform administrable: an administrator cannot take away their own
/// Admin role or lock themselves out, and the last active administrator cannot be removed or locked. Each change and its
/// audit entry are saved in one transaction; on PostgreSQL the Admin role row is locked first, so two administrators
/// removing each other at once cannot both pass the "last administrator" check.
/// </summary>
public sealed class UserAdmin(AppDbContext db, UserManager<AppUser> users, AuditLog audit, TimeProvider clock)
{
    public enum Change { AddRole, RemoveRole, Lock, Unlock }
    public enum Refusal { None, NotFound, UnknownRole, OwnAdminRole, LockSelf, LastAdmin, Failed }

    /// <summary>Roles granted here; a cooperative member needs a producer and comes through the portal's invitation.</summary>
    public static readonly string[] Assignable = [Roles.Admin, Roles.Auditor, Roles.Consumer];

    public const string EntityType = "User";

    public Task<Refusal> ApplyAsync(string actorId, string userId, Change change, string? role, CancellationToken ct) =>
        db.RetryAsync(async t =>
        {
            await using var tx = await db.Database.BeginTransactionAsync(t);
            if (db.Database.IsNpgsql())
                await db.Database.ExecuteSqlInterpolatedAsync($"SELECT 1 FROM asp_net_roles WHERE normalized_name = {Roles.Admin.ToUpperInvariant()} FOR UPDATE", t);
            var refusal = await ApplyInTransactionAsync(actorId, userId, change, role, t);
            if (refusal == Refusal.None) await tx.CommitAsync(t);
            else
            {
                await tx.RollbackAsync(t);
                db.ChangeTracker.Clear();
            }
            return refusal;
        }, ct);

    private async Task<Refusal> ApplyInTransactionAsync(string actorId, string userId, Change change, string? role, CancellationToken ct)
    {
        var user = await users.FindByIdAsync(userId);
        if (user is null) return Refusal.NotFound;
        var roles = (await users.GetRolesAsync(user)).Order().ToList();
        var locked = await users.IsLockedOutAsync(user);
        var isAdmin = roles.Contains(Roles.Admin);
        var (afterRoles, afterLocked) = (roles.ToList(), locked);
        switch (change)
        {
            case Change.AddRole or Change.RemoveRole when role is null || !Roles.All.Contains(role):
                return Refusal.UnknownRole;
            case Change.AddRole when !Assignable.Contains(role):
                return Refusal.UnknownRole;
            case Change.AddRole:
                if (roles.Contains(role)) return Refusal.None;
                afterRoles.Add(role);
                break;
            case Change.RemoveRole:
                if (!roles.Contains(role)) return Refusal.None;
                if (role == Roles.Admin && userId == actorId) return Refusal.OwnAdminRole;
                if (role == Roles.Admin && !locked && await ActiveAdminsAsync(ct) <= 1) return Refusal.LastAdmin;
                afterRoles.Remove(role);
                break;
            case Change.Lock:
                if (userId == actorId) return Refusal.LockSelf;
                if (locked) return Refusal.None;
                if (isAdmin && await ActiveAdminsAsync(ct) <= 1) return Refusal.LastAdmin;
                afterLocked = true;
                break;
            case Change.Unlock:
                if (!locked) return Refusal.None;
                afterLocked = false;
                break;
        }

        // Added before Identity's own SaveChanges, which then saves the entry with the change.
        audit.Record(change switch
        {
            Change.AddRole => "user.role.add", Change.RemoveRole => "user.role.remove", Change.Lock => "user.lock", _ => "user.unlock",
        }, EntityType, user.Id,
            new Dictionary<string, object?> { ["Email"] = user.Email, ["Roles"] = string.Join(",", roles), ["LockedOut"] = locked },
            new Dictionary<string, object?> { ["Email"] = user.Email, ["Roles"] = string.Join(",", afterRoles.Order()), ["LockedOut"] = afterLocked });
        var result = change switch
        {
            Change.AddRole => await users.AddToRoleAsync(user, role!),
            Change.RemoveRole => await RemoveRoleAsync(user, role!),
            Change.Lock => await LockAsync(user),
            _ => await users.SetLockoutEndDateAsync(user, null),
        };
        return result.Succeeded ? Refusal.None : Refusal.Failed;
    }

    /// <summary>
    /// Grants a staff invitation's role to the person who followed its link, in the caller's transaction, audited
    /// "user.joined". Only the roles the administrator form can invite (Admin, Auditor).
    /// </summary>
    public async Task<Refusal> JoinAsync(AppUser user, string role, int invitationId, CancellationToken ct)
    {
        if (role is not (Roles.Admin or Roles.Auditor)) return Refusal.UnknownRole;
        var roles = (await users.GetRolesAsync(user)).Order().ToList();
        audit.Record("user.joined", EntityType, user.Id,
            new Dictionary<string, object?> { ["Email"] = user.Email, ["Roles"] = string.Join(",", roles) },
            new Dictionary<string, object?> { ["Email"] = user.Email, ["Roles"] = string.Join(",", roles.Append(role).Distinct().Order()), ["InvitationId"] = invitationId });
        if (!roles.Contains(role) && !(await users.AddToRoleAsync(user, role)).Succeeded) return Refusal.Failed;
        await db.SaveChangesAsync(ct);
        return Refusal.None;
    }

    private async Task<IdentityResult> RemoveRoleAsync(AppUser user, string role)
    {
        var removed = await users.RemoveFromRoleAsync(user, role);
        // The role is in the person's cookie: a new stamp makes their sessions re-read it.
        return removed.Succeeded ? await users.UpdateSecurityStampAsync(user) : removed;
    }

    private async Task<IdentityResult> LockAsync(AppUser user)
    {
        var enabled = await users.SetLockoutEnabledAsync(user, true);
        if (!enabled.Succeeded) return enabled;
        var ended = await users.SetLockoutEndDateAsync(user, DateTimeOffset.MaxValue);
        // A new security stamp signs the person out of the sessions they already have.
        return ended.Succeeded ? await users.UpdateSecurityStampAsync(user) : ended;
    }

    /// <summary>Administrators who can still sign in. Few rows: the lockout times are compared here, as SQLite cannot compare offsets.</summary>
    private async Task<int> ActiveAdminsAsync(CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        var ends = await db.UserRoles.Join(db.Roles.Where(r => r.Name == Roles.Admin), ur => ur.RoleId, r => r.Id, (ur, _) => ur.UserId)
            .Join(db.Users, id => id, u => u.Id, (_, u) => u.LockoutEnd).ToListAsync(ct);
        return ends.Count(end => end is null || end <= now);
    }
}
