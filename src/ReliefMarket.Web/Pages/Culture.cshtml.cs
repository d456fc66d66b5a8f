using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Localization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using ReliefMarket.Web.Localization;

namespace ReliefMarket.Web.Pages;

/// <summary>
/// The language switch. For everyone, a plain link (GET /culture/en?returnUrl=…), so the pages that carry it stay
/// cacheable and free of per-visitor tokens: it only sets a preference cookie and returns to a local page. A
/// signed-in person's header has a small form instead (POST), which also stores the language their emails are
/// written in: a state change never rides on a GET that any page or image could trigger. That header is cached for
/// every signed-in shopper, so the form carries no token; a same-origin check and SameSite=Lax cookies stand in for
/// it, as for add-to-cart (docs/decisions/0006, 0024).
/// </summary>
[IgnoreAntiforgeryToken]
public class CultureModel(UserManager<AppUser> users, Hosting.SiteLinks links) : PageModel
{
    public IActionResult OnGet(string culture, string? returnUrl)
    {
        if (!LocalizationExtensions.Cultures.Contains(culture)) return NotFound();
        Remember(Response, culture);
        Response.Headers.CacheControl = "no-store";
        return LocalRedirect(Url.IsLocalUrl(returnUrl) ? returnUrl : "/");
    }

    public async Task<IActionResult> OnPostAsync(string culture, string? returnUrl)
    {
        if (!LocalizationExtensions.Cultures.Contains(culture)) return NotFound();
        if (!Ordering.SameOrigin.IsSameOrigin(Request, links.BaseUrl)) return StatusCode(StatusCodes.Status403Forbidden);
        Remember(Response, culture);
        // A signed-in person's emails follow the language they shop in.
        if (await users.GetUserAsync(User) is { } user && user.PreferredCulture != culture)
        {
            user.PreferredCulture = culture;
            await users.UpdateAsync(user);
        }
        return LocalRedirect(Url.IsLocalUrl(returnUrl) ? returnUrl : "/");
    }

    public static void Remember(HttpResponse response, string culture) =>
        response.Cookies.Append(CookieRequestCultureProvider.DefaultCookieName,
            CookieRequestCultureProvider.MakeCookieValue(new RequestCulture(culture)),
            new CookieOptions { Expires = DateTimeOffset.UtcNow.AddYears(1), IsEssential = true, HttpOnly = true, SameSite = SameSiteMode.Lax });
}
