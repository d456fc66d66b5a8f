using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using ReliefMarket.Web.Ordering;

namespace ReliefMarket.Web.Pages.Account;

public class LoginModel(SignInManager<AppUser> signIn, CartStore carts) : PageModel
{
    [BindProperty, Required(ErrorMessage = "Validation.Required"), EmailAddress(ErrorMessage = "Validation.Email"), Display(Name = "Account.Email")]
    public string Email { get; set; } = "";

    [BindProperty, Required(ErrorMessage = "Validation.Required"), DataType(DataType.Password), Display(Name = "Account.Password")]
    public string Password { get; set; } = "";

    [BindProperty(SupportsGet = true)]
    public string? ReturnUrl { get; set; }

    public string? Error { get; private set; }

    public void OnGet() { }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        if (!ModelState.IsValid) return Page();
        var result = await signIn.PasswordSignInAsync(Email.Trim(), Password, isPersistent: true, lockoutOnFailure: true);
        if (result.IsLockedOut) Error = "Account.LockedOut";
        else if (result.IsNotAllowed) Error = "Account.NotConfirmed";
        else if (!result.Succeeded) Error = "Account.BadLogin";
        if (Error is not null) return Page();

        var user = await signIn.UserManager.FindByEmailAsync(Email.Trim());
        await carts.MergeIntoAsync(user!.Id, ct);
        return LocalRedirect(Url.IsLocalUrl(ReturnUrl) ? ReturnUrl : "/");
    }
}
