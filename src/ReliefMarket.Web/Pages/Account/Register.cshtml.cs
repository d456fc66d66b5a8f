using System.ComponentModel.DataAnnotations;
using System.Globalization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using ReliefMarket.Web.Accounts;
using ReliefMarket.Web.Email;

namespace ReliefMarket.Web.Pages.Account;

public class RegisterModel(AppDbContext db, UserManager<AppUser> users, AccountEmails emails, EmailOutbox outbox, DummyPassword dummy) : PageModel
{
    [BindProperty, Required(ErrorMessage = "Validation.Required"), EmailAddress(ErrorMessage = "Validation.Email"), StringLength(256), PlainText,
     Display(Name = "Account.Email")]
    public string Email { get; set; } = "";

    [BindProperty, Required(ErrorMessage = "Validation.Required"), DataType(DataType.Password), Display(Name = "Account.Password")]
    public string Password { get; set; } = "";

    [BindProperty, Required(ErrorMessage = "Validation.Required"), DataType(DataType.Password), Display(Name = "Account.ConfirmPassword"),
     Compare(nameof(Password), ErrorMessage = "Account.PasswordsDiffer")]
    public string ConfirmPassword { get; set; } = "";

    public IReadOnlyList<string> Errors { get; private set; } = [];

    public void OnGet() { }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        if (!ModelState.IsValid) return Page();
        var email = UserText.Clean(Email)!;
        var culture = CultureInfo.CurrentUICulture.TwoLetterISOLanguageName == "en" ? "en" : "zh-CN";
        var user = new AppUser { UserName = email, Email = email, PreferredCulture = culture };

        // The password is judged before anyone looks the address up, so a weak password gets the same page
        // whether or not the address has an account.
        var weak = await PasswordProblemsAsync(user);
        if (weak.Count > 0)
        {
            Errors = weak;
            return Page();
        }

        await using var tx = await db.Database.BeginTransactionAsync(ct);
        if (await users.FindByEmailAsync(email) is { } existing)
        {
            // Same answer and the same hashing as a new registration; the owner (or the squatted address) gets the email.
            dummy.Hash(Password);
            await emails.ForExistingRegistrationAsync(existing, ct);
        }
        else
        {
            var created = await users.CreateAsync(user, Password);
            if (!created.Succeeded)
            {
                Errors = created.Errors.Select(AccountEmails.MessageKey).Distinct().ToList();
                return Page(); // disposing the transaction rolls back
            }
            await users.AddToRoleAsync(user, Roles.Consumer);
            await emails.AddConfirmationAsync(user, ct);
        }
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        outbox.SendSoon();
        return RedirectToPage("/Account/CheckEmail", new { reason = "register" });
    }

    private async Task<IReadOnlyList<string>> PasswordProblemsAsync(AppUser candidate)
    {
        var errors = new List<IdentityError>();
        foreach (var validator in users.PasswordValidators)
            if (await validator.ValidateAsync(users, candidate, Password) is { Succeeded: false } result) errors.AddRange(result.Errors);
        return errors.Select(AccountEmails.MessageKey).Distinct().ToList();
    }
}
