using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using ReliefMarket.Web.Access;
using ReliefMarket.Web.Accounts;

namespace ReliefMarket.Web.Areas.Cooperative.Pages;

/// <summary>
/// /coop/join?token=…: the link in an invitation. A new person sets a password; someone with an account proves it with
/// theirs. Either way the account joins the invitation's producer, once. Anonymous by design: the token is the key.
/// </summary>
[AllowAnonymous]
public class JoinModel(AppDbContext db, Invitations invitations, UserManager<AppUser> users, SignInManager<AppUser> signIn) : PageModel
{
    public enum Problem { None, InvalidLink, OtherProducer }

    [BindProperty(SupportsGet = true)] public string? Token { get; set; }
    [BindProperty, DataType(DataType.Password)] public string Password { get; set; } = "";
    [BindProperty, DataType(DataType.Password)] public string? ConfirmPassword { get; set; }

    public Problem Refused { get; private set; }
    public bool HasAccount { get; private set; }
    public string Email { get; private set; } = "";
    public LocalizedText? ProducerName { get; private set; }

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
        user.ProducerId = invitation.ProducerId;
        await users.UpdateAsync(user);
        if (!await users.IsInRoleAsync(user, Roles.CooperativeMember)) await users.AddToRoleAsync(user, Roles.CooperativeMember);
        await tx.CommitAsync(ct);
        // A fresh cookie carries the role and the producer claim.
        await signIn.SignInAsync(user, isPersistent: false);
        return RedirectToPage("/Products/Index", new { area = "Cooperative" });
    }

    public string? ErrorKey { get; private set; }

    private PageResult Error(string key)
    {
        ErrorKey = key;
        return Page();
    }

    private async Task<Invitation?> LoadAsync(CancellationToken ct)
    {
        var invitation = await invitations.FindOpenAsync(Token, ct);
        if (invitation is null)
        {
            Refused = Problem.InvalidLink;
            return null;
        }
        Email = invitation.Email;
        ProducerName = await db.Producers.Where(p => p.Id == invitation.ProducerId).Select(p => p.Name).SingleAsync(ct);
        var user = await users.FindByEmailAsync(invitation.Email);
        HasAccount = user is not null;
        // A member belongs to exactly one producer: an account already managing another is refused, not moved.
        if (user?.ProducerId is { } other && other != invitation.ProducerId)
        {
            Refused = Problem.OtherProducer;
            return null;
        }
        return invitation;
    }
}
