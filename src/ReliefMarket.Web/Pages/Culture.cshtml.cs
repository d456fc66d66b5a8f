using Microsoft.AspNetCore.Localization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using ReliefMarket.Web.Localization;

namespace ReliefMarket.Web.Pages;

/// <summary>
/// The language switch: a plain link (GET /culture/en?returnUrl=…), so the pages that carry it stay
/// cacheable and free of per-visitor tokens. It only sets a preference cookie and returns to a local page.
/// </summary>
public class CultureModel : PageModel
{
    public IActionResult OnGet(string culture, string? returnUrl)
    {
        if (!LocalizationExtensions.Cultures.Contains(culture)) return NotFound();
        Response.Cookies.Append(CookieRequestCultureProvider.DefaultCookieName,
            CookieRequestCultureProvider.MakeCookieValue(new RequestCulture(culture)),
            new CookieOptions { Expires = DateTimeOffset.UtcNow.AddYears(1), IsEssential = true, HttpOnly = true, SameSite = SameSiteMode.Lax });
        Response.Headers.CacheControl = "no-store";
        return LocalRedirect(Url.IsLocalUrl(returnUrl) ? returnUrl : "/");
    }
}
