using System.ComponentModel.DataAnnotations;
using System.Globalization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using ReliefMarket.Web.Accounts;
using ReliefMarket.Web.Email;

namespace ReliefMarket.Web.Pages.Account;

public class RegisterModel(AppDbContext db, UserManager<AppUser> users, AccountEmails emails, EmailOutbox outbox) : PageModel
{
    [BindProperty, Required(ErrorMessage = "Validation.Required"), EmailAddress(ErrorMessage = "Validation.Email"), StringLength(256), Display(Name = "Account.Email")]
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
        var email = Email.Trim();
        var culture = CultureInfo.CurrentUICulture.TwoLetterISOLanguageName == "en" ? "en" : "zh-CN";

        await using var tx = await db.Database.BeginTransactionAsync(ct);
        if (await users.FindByEmailAsync(email) is { } existing)
        {
            // Same answer as a new registration: the page never tells whether an address has an account.
            emails.AddAlreadyRegistered(existing);
        }
        else
        {
            var user = new AppUser { UserName = email, Email = email, PreferredCulture = culture };
            var created = await users.CreateAsync(user, Password);
            if (!created.Succeeded)
            {
                Errors = created.Errors.Select(AccountEmails.MessageKey).Distinct().ToList();
                return Page(); // disposing the transaction rolls back
            }
            await users.AddToRoleAsync(user, Roles.Consumer);
            await emails.AddConfirmationAsync(user);
        }
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        outbox.SendSoon();
        return RedirectToPage("/Account/CheckEmail", new { reason = "register" });
    }
}
