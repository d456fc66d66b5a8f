using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using ReliefMarket.Web.Pages.Orders;

namespace ReliefMarket.Web.Areas.Admin.Pages.Users;

/// <summary>/admin/users/{id}: one person's roles and lock; administrators add or remove a role and lock or unlock.</summary>
public class DetailsModel(AppDbContext db, UserManager<AppUser> users, UserAdmin admin) : PageModel
{
    public AppUser Person { get; private set; } = null!;
    public IReadOnlyList<string> Roles { get; private set; } = [];
    public bool Locked { get; private set; }
    public IReadOnlyList<ReliefMarket.Web.Audit.AuditEntry> History { get; private set; } = [];
    [BindProperty(SupportsGet = true)] public UserAdmin.Refusal Refused { get; set; }

    public async Task<IActionResult> OnGetAsync(string id, CancellationToken ct)
    {
        var person = await users.FindByIdAsync(id);
        if (person is null) return NotFound();
        Person = person;
        Roles = (await users.GetRolesAsync(person)).Order().ToList();
        Locked = await users.IsLockedOutAsync(person);
        History = await db.AuditEntries.AsNoTracking().Where(a => a.EntityType == UserAdmin.EntityType && a.EntityId == id)
            .OrderByDescending(a => a.AtUtc).ThenByDescending(a => a.Id).Take(100).ToListAsync(ct);
        return Page();
    }

    public Task<IActionResult> OnPostAddRoleAsync(string id, string role, CancellationToken ct) => ApplyAsync(id, UserAdmin.Change.AddRole, role, ct);
    public Task<IActionResult> OnPostRemoveRoleAsync(string id, string role, CancellationToken ct) => ApplyAsync(id, UserAdmin.Change.RemoveRole, role, ct);
    public Task<IActionResult> OnPostLockAsync(string id, CancellationToken ct) => ApplyAsync(id, UserAdmin.Change.Lock, null, ct);
    public Task<IActionResult> OnPostUnlockAsync(string id, CancellationToken ct) => ApplyAsync(id, UserAdmin.Change.Unlock, null, ct);

    private async Task<IActionResult> ApplyAsync(string id, UserAdmin.Change change, string? role, CancellationToken ct)
    {
        var refusal = await admin.ApplyAsync(User.UserId()!, id, change, role, ct);
        if (refusal == UserAdmin.Refusal.NotFound) return NotFound();
        return RedirectToPage(new { id, refused = refusal == UserAdmin.Refusal.None ? (UserAdmin.Refusal?)null : refusal });
    }
}
