using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace ReliefMarket.Web.Areas.Admin.Pages.Users;

/// <summary>/admin/users: people by email or name, with their roles and whether they are locked out.</summary>
public class IndexModel(AppDbContext db, TimeProvider clock) : PageModel
{
    public const int PageSize = 50;

    public sealed record Row(string Id, string? Email, string? UserName, DateTimeOffset? LockoutEnd, List<string?> Roles);

    [BindProperty(SupportsGet = true)] public string? Q { get; set; }
    [BindProperty(SupportsGet = true, Name = "p")] public int PageNumber { get; set; } = 1;
    public IReadOnlyList<Row> Rows { get; private set; } = [];
    public bool HasNext { get; private set; }

    public async Task OnGetAsync(CancellationToken ct)
    {
        PageNumber = Math.Max(1, PageNumber);
        var people = db.Users.AsNoTracking();
        if (Q?.Trim() is { Length: > 0 } q)
        {
            var upper = q.ToUpperInvariant();
            people = people.Where(u => u.NormalizedEmail!.Contains(upper) || u.NormalizedUserName!.Contains(upper));
        }
        var rows = await people.OrderBy(u => u.NormalizedEmail).Skip((PageNumber - 1) * PageSize).Take(PageSize + 1)
            .Select(u => new Row(u.Id, u.Email, u.UserName, u.LockoutEnd,
                db.UserRoles.Where(ur => ur.UserId == u.Id).Join(db.Roles, ur => ur.RoleId, r => r.Id, (_, r) => r.Name).ToList()))
            .ToListAsync(ct);
        HasNext = rows.Count > PageSize;
        Rows = rows.Take(PageSize).ToList();
    }

    public bool IsLocked(Row row) => row.LockoutEnd > clock.GetUtcNow();
}
