using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using ReliefMarket.Web.Accounts;

namespace ReliefMarket.Web.Pages.Account;

public class ResetModel(UserManager<AppUser> users) : PageModel
{
    [BindProperty(SupportsGet = true)] public string? Email { get; set; }
    [BindProperty(SupportsGet = true)] public string? Code { get; set; }

    [BindProperty, Required(ErrorMessage = "Validation.Required"), DataType(DataType.Password), Display(Name = "Account.NewPassword")]
    public string Password { get; set; } = "";

    [BindProperty, Required(ErrorMessage = "Validation.Required"), DataType(DataType.Password), Display(Name = "Account.ConfirmPassword"),
     Compare(nameof(Password), ErrorMessage = "Account.PasswordsDiffer")]
    public string ConfirmPassword { get; set; } = "";

    public IReadOnlyList<string> Errors { get; private set; } = [];
    public bool Done { get; private set; }

    public void OnGet() { }

    public async Task<IActionResult> OnPostAsync()
    {
        if (!ModelState.IsValid) return Page();
        var token = AccountEmails.Decode(Code);
        var user = Email is null ? null : await users.FindByEmailAsync(Email);
        if (user is null || token is null)
        {
            Errors = ["Account.InvalidLink"];
            return Page();
        }
        var result = await users.ResetPasswordAsync(user, token, Password);
        if (!result.Succeeded)
        {
            Errors = result.Errors.Select(AccountEmails.MessageKey).Distinct().ToList();
            return Page();
        }
        Done = true;
        return Page();
    }
}
