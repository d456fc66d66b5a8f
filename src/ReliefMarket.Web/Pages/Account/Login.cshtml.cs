using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using ReliefMarket.Web.Accounts;
using ReliefMarket.Web.Ordering;

namespace ReliefMarket.Web.Pages.Account;

/// <summary>
/// Sign-in. A wrong password and a missing account answer alike, in the same time (one password hash each), and
/// go through the same throttle; only the right password hears that the account still needs confirming.
/// </summary>
public class LoginModel(SignInManager<AppUser> signIn, SignInThrottle throttle, DummyPassword dummy, CartStore carts) : PageModel
{
    [BindProperty, Required(ErrorMessage = "Validation.Required"), EmailAddress(ErrorMessage = "Validation.Email"), StringLength(256), PlainText,
     Display(Name = "Account.Email")]
    public string Email { get; set; } = "";

    [BindProperty, Required(ErrorMessage = "Validation.Required"), DataType(DataType.Password), Display(Name = "Account.Password")]
    public string Password { get; set; } = "";

    /// <summary>Keep the sign-in for 14 days; otherwise it ends with the browser session.</summary>
    [BindProperty, Display(Name = "Account.RememberMe")]
    public bool RememberMe { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? ReturnUrl { get; set; }

    public string? Error { get; private set; }
    /// <summary>The right password for an unconfirmed account: offer a fresh confirmation link.</summary>
    public bool OfferResend { get; private set; }

    public void OnGet() { }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        if (!ModelState.IsValid) return Page();
        var users = signIn.UserManager;
        var email = UserText.Clean(Email)!;
        var key = users.NormalizeEmail(email);
        var address = SignInThrottle.ClientAddressOf(HttpContext);

        var verdict = await throttle.CheckAsync(key, address, ct);
        if (verdict.Refused) return Fail("Account.TooManyAttempts");
        if (verdict.Delay > TimeSpan.Zero) await Task.Delay(verdict.Delay, ct);

        var user = await users.FindByEmailAsync(email);
        bool right;
        if (user is null) { dummy.Verify(Password); right = false; }
        else right = await users.CheckPasswordAsync(user, Password);
        if (!right)
        {
            await throttle.RecordFailureAsync(key, address, ct);
            return Fail("Account.BadLogin");
        }

        // Past this point the caller knows the password, so the account's state is theirs to hear.
        if (!await signIn.CanSignInAsync(user!))
        {
            OfferResend = true;
            return Fail("Account.NotConfirmed");
        }
        if (await users.IsLockedOutAsync(user!)) return Fail("Account.LockedOut");

        await throttle.ForgetAsync(key, address, ct);
        await signIn.SignInAsync(user!, isPersistent: RememberMe);
        await carts.MergeIntoAsync(user!.Id, ct);
        return LocalRedirect(Url.IsLocalUrl(ReturnUrl) ? ReturnUrl : "/");
    }

    private PageResult Fail(string error)
    {
        Error = error;
        return Page();
    }
}
