using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Localization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using ReliefMarket.Web.Localization;

namespace ReliefMarket.Web.Pages.Account;

[Authorize]
public class ProfileModel(UserManager<AppUser> users) : PageModel
{
    [BindProperty, StringLength(32, ErrorMessage = "Account.DisplayNameTooLong"), Display(Name = "Account.DisplayName")]
    public string? DisplayName { get; set; }

    [BindProperty, Display(Name = "Checkout.Mobile")]
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
        if (!string.IsNullOrWhiteSpace(Phone) && !ShippingAddress.IsMobile(Phone)) ModelState.AddModelError(nameof(Phone), "Checkout.Invalid.Mobile");
        if (!LocalizationExtensions.Cultures.Contains(Language)) ModelState.AddModelError(nameof(Language), "Account.GenericError");
        if (!ModelState.IsValid) return Page();

        user.DisplayName = string.IsNullOrWhiteSpace(DisplayName) ? null : DisplayName.Trim();
        user.PhoneNumber = string.IsNullOrWhiteSpace(Phone) ? null : new string(Phone.Where(char.IsAsciiDigit).ToArray());
        user.PreferredCulture = Language;
        await users.UpdateAsync(user);
        CultureModel.Remember(Response, Language);
        return RedirectToPage(new { saved = true });
    }
}
