using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using ReliefMarket.Web.Accounts;
using ReliefMarket.Web.Email;

namespace ReliefMarket.Web.Pages.Account;

/// <summary>"Resend the confirmation link": an unconfirmed account is never a dead end. The same answer for any address.</summary>
public class ResendModel(AppDbContext db, AccountEmails emails, EmailOutbox outbox) : PageModel
{
    [BindProperty, Required(ErrorMessage = "Validation.Required"), EmailAddress(ErrorMessage = "Validation.Email"), StringLength(256), PlainText,
     Display(Name = "Account.Email")]
    public string Email { get; set; } = "";

    public void OnGet() { }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        if (!ModelState.IsValid) return Page();
        return await EvenTime.AtLeastAsync(EvenTime.AccountEmailFloor, async () =>
        {
            await emails.ForForgottenAsync(UserText.Clean(Email)!, resetWhenConfirmed: false, ct);
            await db.SaveChangesAsync(ct);
            outbox.SendSoon();
            return RedirectToPage("/Account/CheckEmail", new { reason = "register" });
        }, ct);
    }
}
