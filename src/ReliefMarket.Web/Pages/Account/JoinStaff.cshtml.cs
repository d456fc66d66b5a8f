using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using ReliefMarket.Web.Access;
using ReliefMarket.Web.Accounts;
using ReliefMarket.Web.Areas.Admin.Pages.Users;

namespace ReliefMarket.Web.Pages.Account;

/// <summary>
/// /account/join-staff?token=…: the link in an administrator or auditor invitation. A new person sets a password;
/// someone with an account proves it with theirs. Either way the account gets the invited role, once, audited
/// "user.joined" in the transaction that claims the invitation. Anonymous by design: the token is the key.
/// </summary>
[AllowAnonymous]
public class JoinStaffModel(AppDbContext db, StaffInvitations invitations, UserAdmin admin, UserManager<AppUser> users, SignInManager<AppUser> signIn) : PageModel
{
    [BindProperty(SupportsGet = true)] public string? Token { get; set; }
    [BindProperty, DataType(DataType.Password)] public string Password { get; set; } = "";
    [BindProperty, DataType(DataType.Password)] public string? ConfirmPassword { get; set; }

    public bool InvalidLink { get; private set; }
    public bool HasAccount { get; private set; }
    public string Email { get; private set; } = "";
    public string Role { get; private set; } = "";
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
            InvalidLink = true;
            return Page();
        }
        if (await admin.JoinAsync(user, invitation.Role, invitation.Id, ct) != UserAdmin.Refusal.None) return Error("Admin.Users.Refused.Failed");
        await tx.CommitAsync(ct);
        // A fresh cookie carries the role.
        await signIn.SignInAsync(user, isPersistent: false);
        return Redirect("/admin");
    }

    private PageResult Error(string key)
    {
        ErrorKey = key;
        return Page();
    }

    private async Task<StaffInvitation?> LoadAsync(CancellationToken ct)
    {
        var invitation = await invitations.FindOpenAsync(Token, ct);
        if (invitation is null)
        {
            InvalidLink = true;
            return null;
        }
        (Email, Role) = (invitation.Email, invitation.Role);
        HasAccount = await users.FindByEmailAsync(invitation.Email) is not null;
        return invitation;
    }
}
