using System.Net.Mail;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using ReliefMarket.Web.Access;
using ReliefMarket.Web.Audit;
using ReliefMarket.Web.Email;
using ReliefMarket.Web.Pages.Orders;

namespace ReliefMarket.Web.Areas.Admin.Pages.Users;

/// <summary>
/// /admin/users/invite: invite a cooperative member for a producer (the portal's own invitation: an emailed link,
/// used once within seven days), or make a person an administrator or auditor by their email: at once for a registered account, by an emailed
/// link (/account/join-staff, same rules) for an email with no account. Audited.
/// </summary>
public class InviteModel(AppDbContext db, Invitations invitations, StaffInvitations staffInvitations, EmailOutbox outbox, UserAdmin admin, AuditLog audit) : PageModel
{
    public IReadOnlyList<Producer> Producers { get; private set; } = [];
    public string? Problem { get; private set; }
    [BindProperty(SupportsGet = true)] public bool Sent { get; set; }

    [BindProperty] public string? Email { get; set; }
    [BindProperty] public int Producer { get; set; }
    [BindProperty] public string? Role { get; set; }

    public async Task OnGetAsync(CancellationToken ct) => await LoadAsync(ct);

    public async Task<IActionResult> OnPostMemberAsync(CancellationToken ct)
    {
        await LoadAsync(ct);
        if (Address() is not { } email) return Refuse("Admin.Invite.Problem.Email");
        if (!await db.Producers.AnyAsync(p => p.Id == Producer && p.IsActive, ct)) return Refuse("Admin.Invite.Problem.Producer");
        // Recorded now, saved by the invitation's own SaveChanges: the entry and the invitation are written together.
        audit.Record("user.invited", UserAdmin.EntityType, email, null,
            new Dictionary<string, object?> { ["Email"] = email, ["Role"] = Roles.CooperativeMember, ["ProducerId"] = Producer });
        await invitations.InviteAsync(email, Producer, ct);
        return RedirectToPage(new { sent = true });
    }

    public async Task<IActionResult> OnPostStaffAsync(CancellationToken ct)
    {
        await LoadAsync(ct);
        if (Address() is not { } email) return Refuse("Admin.Invite.Problem.Email");
        if (Role is not (Roles.Admin or Roles.Auditor)) return Refuse("Admin.Invite.Problem.Role");
        var normalized = email.ToUpperInvariant();
        var userId = await db.Users.Where(u => u.NormalizedEmail == normalized).Select(u => u.Id).FirstOrDefaultAsync(ct);
        if (userId is null)
        {
            // No account yet: an emailed link (used once within seven days); the invitation and its entry are saved together.
            audit.Record("user.invited", UserAdmin.EntityType, email, null,
                new Dictionary<string, object?> { ["Email"] = email, ["Role"] = Role });
            staffInvitations.Add(email, Role, "zh-CN");
            await db.SaveChangesAsync(ct);
            outbox.SendSoon();
            return RedirectToPage(new { sent = true });
        }
        var refusal = await admin.ApplyAsync(User.UserId()!, userId, UserAdmin.Change.AddRole, Role, ct);
        return RedirectToPage("Details", new { id = userId, refused = refusal == UserAdmin.Refusal.None ? (UserAdmin.Refusal?)null : refusal });
    }

    private string? Address()
    {
        var email = Email?.Trim() ?? "";
        return email.Length is > 0 and <= 256 && MailAddress.TryCreate(email, out var parsed) && parsed.Address == email ? email : null;
    }

    private PageResult Refuse(string problem)
    {
        Problem = problem;
        return Page();
    }

    private async Task LoadAsync(CancellationToken ct) =>
        Producers = await db.Producers.AsNoTracking().Where(p => p.IsActive).OrderBy(p => p.Id).ToListAsync(ct);
}
