using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Localization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using ReliefMarket.Web.Accounts;
using ReliefMarket.Web.Localization;

namespace ReliefMarket.Web.Pages.Account;

[Authorize]
public class ProfileModel(UserManager<AppUser> users, Microsoft.Extensions.Localization.IStringLocalizer<SharedResource> strings) : PageModel
{
    [BindProperty, StringLength(32, ErrorMessage = "Account.DisplayNameTooLong"), PlainText, Display(Name = "Account.DisplayName")]
    public string? DisplayName { get; set; }

    /// <summary>Full-width digits (as Chinese input methods type them) are read as ASCII digits.</summary>
    [BindProperty, PlainText, Display(Name = "Checkout.Mobile")]
    public string? Phone { get; set; }

    [BindProperty, Display(Name = "Account.Language")]
    public string Language { get; set; } = LocalizationExtensions.Chinese;

    public string? Email { get; private set; }
    public bool Saved { get; private set; }

    public async Task<IActionResult> OnGetAsync(bool saved = false)
    {
        var user = await users.GetUserAsync(User);
        if (user is null) return Challenge();
        (Email, DisplayName, Phone, Language, Saved) = (user.Email, user.DisplayName, user.PhoneNumber, user.PreferredCulture, saved);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync()
    {
        var user = await users.GetUserAsync(User);
        if (user is null) return Challenge();
        Email = user.Email;
        if (!string.IsNullOrWhiteSpace(Phone) && !ShippingAddress.IsMobile(Phone)) ModelState.AddModelError(nameof(Phone), strings["Checkout.Invalid.Mobile"]);
        if (!LocalizationExtensions.Cultures.Contains(Language)) ModelState.AddModelError(nameof(Language), strings["Account.GenericError"]);
        if (!ModelState.IsValid) return Page();

        user.DisplayName = UserText.Clean(DisplayName) is { Length: > 0 } name ? name : null;
        user.PhoneNumber = string.IsNullOrWhiteSpace(Phone) ? null : ShippingAddress.MobileDigits(Phone);
        user.PreferredCulture = Language;
        await users.UpdateAsync(user);
        CultureModel.Remember(Response, Language);
        return RedirectToPage(new { saved = true });
    }
}
