using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using ReliefMarket.Web.Accounts;
using ReliefMarket.Web.Procurement;

namespace ReliefMarket.Web.Areas.Unit.Pages;

/// <summary>
/// /unit/join?token=…: the link in a buyer invitation. A new person sets a password; someone with an account proves it with
/// theirs. Either way the account becomes a buyer of the invitation's unit, once. Anonymous by design: the token is the key.
/// </summary>
[AllowAnonymous]
public class JoinModel(AppDbContext db, WorkUnitInvitations invitations, UserManager<AppUser> users, SignInManager<AppUser> signIn,
    Audit.AuditLog audit) : PageModel
{
    public enum Problem { None, InvalidLink, OtherUnit }

    [BindProperty(SupportsGet = true)] public string? Token { get; set; }
    [BindProperty, DataType(DataType.Password)] public string Password { get; set; } = "";
    [BindProperty, DataType(DataType.Password)] public string? ConfirmPassword { get; set; }

    public Problem Refused { get; private set; }
    public bool HasAccount { get; private set; }
    public string Email { get; private set; } = "";
    public string UnitName { get; private set; } = "";
    public string? ErrorKey { get; private set; }

    public async Task OnGetAsync(CancellationToken ct) => await LoadAsync(ct);

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        var invitation = await LoadAsync(ct);
        if (invitation is null) return Page();
        var user = await users.FindByEmailAsync(invitation.Email);
        var isNew = user is null;
        if (user is null)
        {
            if (Password != ConfirmPassword) return Error("Account.PasswordsDiffer");
            user = new AppUser { UserName = invitation.Email, Email = invitation.Email, EmailConfirmed = true };
        }
        else if (!(await signIn.CheckPasswordSignInAsync(user, Password, lockoutOnFailure: true)).Succeeded)
            return Error("Coop.Join.WrongPassword");

        await using var tx = await db.Database.BeginTransactionAsync(ct);
        if (isNew && await users.CreateAsync(user, Password) is { Succeeded: false } created)
            return Error(AccountEmails.MessageKey(created.Errors.First()));
        // Claimed by a conditional update: of two people following one link at once, only one gets in.
        if (!await invitations.ClaimAsync(invitation, user.Id, ct))
        {
            Refused = Problem.InvalidLink;
            return Page();
        }
        user.WorkUnitId = invitation.WorkUnitId;
        // A role granted: audited with the change, saved by the update below in the same transaction.
        audit.Record("workunit.buyer-joined", nameof(Domain.Procurement.WorkUnit), invitation.WorkUnitId.ToString(System.Globalization.CultureInfo.InvariantCulture),
            null, new Dictionary<string, object?> { ["UserId"] = user.Id, ["Email"] = user.Email, ["Role"] = Roles.WorkUnitBuyer });
        await users.UpdateAsync(user);
        if (!await users.IsInRoleAsync(user, Roles.WorkUnitBuyer)) await users.AddToRoleAsync(user, Roles.WorkUnitBuyer);
        await tx.CommitAsync(ct);
        // A fresh cookie carries the role and the unit claim.
        await signIn.SignInAsync(user, isPersistent: false);
        return RedirectToPage("/Index", new { area = "Unit" });
    }

    private PageResult Error(string key)
    {
        ErrorKey = key;
        return Page();
    }

    private async Task<WorkUnitInvitation?> LoadAsync(CancellationToken ct)
    {
        var invitation = await invitations.FindOpenAsync(Token, ct);
        if (invitation is null)
        {
            Refused = Problem.InvalidLink;
            return null;
        }
        Email = invitation.Email;
        UnitName = await db.WorkUnits.Where(u => u.Id == invitation.WorkUnitId).Select(u => u.Name).SingleAsync(ct);
        var user = await users.FindByEmailAsync(invitation.Email);
        HasAccount = user is not null;
        // A buyer belongs to exactly one unit: an account already buying for another is refused, not moved.
        if (user?.WorkUnitId is { } other && other != invitation.WorkUnitId)
        {
            Refused = Problem.OtherUnit;
            return null;
        }
        return invitation;
    }
}
