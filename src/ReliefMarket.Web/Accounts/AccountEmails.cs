using System.Text;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.WebUtilities;
using ReliefMarket.Web.Email;

namespace ReliefMarket.Web.Accounts;

/// <summary>The account emails: confirmation, password reset, "you already have an account". Written to the outbox.</summary>
public sealed class AccountEmails(UserManager<AppUser> users, EmailOutbox outbox, EmailTemplates templates)
{
    public async Task AddConfirmationAsync(AppUser user)
    {
        var code = Encode(await users.GenerateEmailConfirmationTokenAsync(user));
        var link = outbox.Link($"/account/confirm?userId={Uri.EscapeDataString(user.Id)}&code={code}");
        outbox.Add(user.Email!, templates.ConfirmEmail(user.PreferredCulture, link), "confirm-email");
    }

    public async Task AddPasswordResetAsync(AppUser user)
    {
        var code = Encode(await users.GeneratePasswordResetTokenAsync(user));
        var link = outbox.Link($"/account/reset?email={Uri.EscapeDataString(user.Email!)}&code={code}");
        outbox.Add(user.Email!, templates.ResetPassword(user.PreferredCulture, link), "reset-password");
    }

    public void AddAlreadyRegistered(AppUser user) =>
        outbox.Add(user.Email!, templates.AlreadyRegistered(user.PreferredCulture, outbox.Link("/account/login"), outbox.Link("/account/forgot")), "already-registered");

    public static string Encode(string token) => WebEncoders.Base64UrlEncode(Encoding.UTF8.GetBytes(token));

    public static string? Decode(string? code)
    {
        try { return code is null ? null : Encoding.UTF8.GetString(WebEncoders.Base64UrlDecode(code)); }
        catch (FormatException) { return null; }
    }

    /// <summary>The resource key that explains an Identity error to a person; never reveals whether an email is taken.</summary>
    public static string MessageKey(IdentityError error) => error.Code switch
    {
        nameof(IdentityErrorDescriber.PasswordTooShort) => "Account.PasswordTooShort",
        "CommonPassword" => "Account.CommonPassword",
        nameof(IdentityErrorDescriber.PasswordMismatch) => "Account.WrongPassword",
        nameof(IdentityErrorDescriber.InvalidToken) => "Account.InvalidLink",
        _ => "Account.GenericError",
    };
}
