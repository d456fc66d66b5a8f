using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using ReliefMarket.Web.Accounts;

namespace ReliefMarket.Web.Pages.Account;

/// <summary>"Resend the confirmation link": an unconfirmed account is never a dead end. The same answer for any address.</summary>
public class ResendModel(AccountEmails emails) : PageModel
{
    [BindProperty, Required(ErrorMessage = "Validation.Required"), EmailAddress(ErrorMessage = "Validation.Email"), StringLength(256), PlainText,
     Display(Name = "Account.Email")]
    public string Email { get; set; } = "";

    public void OnGet() { }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        if (!ModelState.IsValid) return Page();
        await emails.SendForAddressAsync(UserText.Clean(Email)!, resetWhenConfirmed: false, ct);
        return RedirectToPage("/Account/CheckEmail", new { reason = "register" });
    }
}
