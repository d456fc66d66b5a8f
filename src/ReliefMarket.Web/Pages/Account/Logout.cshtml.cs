using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using ReliefMarket.Web.Ordering;

namespace ReliefMarket.Web.Pages.Account;

/// <summary>
/// Sign-out is a button in the header, which is cached for every signed-in shopper and so carries no antiforgery
/// token. Like add-to-cart (docs/decisions/0006) it relies on the SameSite=Lax sign-in cookie and a same-origin check;
/// the worst a forged post could do is sign someone out (docs/decisions/0024).
/// </summary>
[IgnoreAntiforgeryToken]
public class LogoutModel(SignInManager<AppUser> signIn, Hosting.SiteLinks links) : PageModel
{
    public IActionResult OnGet() => Redirect("/");

    public async Task<IActionResult> OnPostAsync()
    {
        if (!SameOrigin.IsSameOrigin(Request, links.BaseUrl)) return StatusCode(StatusCodes.Status403Forbidden);
        await signIn.SignOutAsync();
        return Redirect("/");
    }
}
