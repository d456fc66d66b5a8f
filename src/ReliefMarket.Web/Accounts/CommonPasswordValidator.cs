using Microsoft.AspNetCore.Identity;

namespace ReliefMarket.Web.Accounts;

/// <summary>Refuses passwords that appear on lists of the most used passwords (and simple variants of the email).</summary>
public sealed class CommonPasswordValidator : IPasswordValidator<AppUser>
{
    // Drawn from the most common entries of public breach lists, including the ones popular in China.
    private static readonly HashSet<string> Common = new(StringComparer.OrdinalIgnoreCase)
    {
        "12345678", "123456789", "1234567890", "11111111", "88888888", "00000000", "66666666", "12341234", "11223344",
        "password", "password1", "password123", "passw0rd", "qwertyui", "qwerty123", "qwertyuiop", "1qaz2wsx", "1q2w3e4r",
        "1q2w3e4r5t", "zaq12wsx", "abcd1234", "abc12345", "abcdefgh", "a1234567", "aa123456", "iloveyou", "woaini1314",
        "5201314520", "1314520520", "admin123", "welcome1", "sunshine", "princess", "football", "baseball", "letmein1",
        "dragon123", "monkey123", "superman", "whatever", "trustno1", "987654321", "87654321", "123123123", "147258369",
        "123qweasd", "qweasdzxc", "asdfghjk", "zxcvbnm1", "q1w2e3r4", "changeme", "reliefmarket",
    };

    public Task<IdentityResult> ValidateAsync(UserManager<AppUser> manager, AppUser user, string? password)
    {
        var p = password ?? "";
        var local = user.Email?.Split('@')[0] ?? "";
        var weak = Common.Contains(p) || (local.Length >= 4 && p.Contains(local, StringComparison.OrdinalIgnoreCase)) || p.Distinct().Count() <= 2;
        return Task.FromResult(weak
            ? IdentityResult.Failed(new IdentityError { Code = "CommonPassword", Description = "Account.CommonPassword" })
            : IdentityResult.Success);
    }
}
