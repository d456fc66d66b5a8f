using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using ReliefMarket.Web.Accounts;

namespace ReliefMarket.Web.Pages.Account;

public class ForgotModel(AccountEmails emails) : PageModel
{
    [BindProperty, Required(ErrorMessage = "Validation.Required"), EmailAddress(ErrorMessage = "Validation.Email"), StringLength(256), PlainText,
     Display(Name = "Account.Email")]
    public string Email { get; set; } = "";

    public void OnGet() { }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        if (!ModelState.IsValid) return Page();
        // The same answer, and about the same work, whether or not the address has an account; an unconfirmed
        // account gets a fresh confirmation link instead of a reset.
        await emails.SendForAddressAsync(UserText.Clean(Email)!, resetWhenConfirmed: true, ct);
        return RedirectToPage("/Account/CheckEmail", new { reason = "reset" });
    }
}
