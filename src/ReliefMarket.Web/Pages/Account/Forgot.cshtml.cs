using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using ReliefMarket.Web.Accounts;
using ReliefMarket.Web.Email;

namespace ReliefMarket.Web.Pages.Account;

public class ForgotModel(AppDbContext db, UserManager<AppUser> users, AccountEmails emails, EmailOutbox outbox) : PageModel
{
    [BindProperty, Required(ErrorMessage = "Validation.Required"), EmailAddress(ErrorMessage = "Validation.Email"), Display(Name = "Account.Email")]
    public string Email { get; set; } = "";

    public void OnGet() { }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        if (!ModelState.IsValid) return Page();
        // Whether or not the address has an account, the answer is the same.
        if (await users.FindByEmailAsync(Email.Trim()) is { EmailConfirmed: true } user)
        {
            await emails.AddPasswordResetAsync(user);
            await db.SaveChangesAsync(ct);
            outbox.SendSoon();
        }
        return RedirectToPage("/Account/CheckEmail", new { reason = "reset" });
    }
}
