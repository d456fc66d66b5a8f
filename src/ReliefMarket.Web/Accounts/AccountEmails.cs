using System.Text;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Extensions.Options;
using ReliefMarket.Web.Email;

namespace ReliefMarket.Web.Accounts;

/// <summary>
/// The account emails: confirmation, password reset, "you already have an account". Written to the outbox, at
/// most one of a kind per address per cooldown, counted from the outbox itself so every node and every caller
/// shares the limit.
/// </summary>
public sealed class AccountEmails(AppDbContext db, UserManager<AppUser> users, EmailOutbox outbox, EmailTemplates templates,
    IOptions<AccountOptions> options, TimeProvider clock)
{
    public const string ConfirmKind = "confirm-email";
    public const string ResetKind = "reset-password";
    public const string ExistsKind = "already-registered";
    /// <summary>The kinds that carry one-time links or say an account exists: limited per address, bodies purged after sending.</summary>
    public static readonly string[] Kinds = [ConfirmKind, ResetKind, ExistsKind];

    /// <summary>Someone registers with an address that has an account: a fresh confirmation if it was never confirmed, else a note to the owner.</summary>
    public Task<bool> ForExistingRegistrationAsync(AppUser user, CancellationToken ct) =>
        user.EmailConfirmed ? AddAlreadyRegisteredAsync(user, ct) : AddConfirmationAsync(user, ct);

    /// <summary>
    /// The whole request of the forgot-password and resend pages: the email (if any) saved and sent, taking at least
    /// <see cref="EvenTime.AccountEmailFloor"/>, so neither the answer nor its timing says whether the address has an account.
    /// </summary>
    public Task SendForAddressAsync(string email, bool resetWhenConfirmed, CancellationToken ct) =>
        EvenTime.AtLeastAsync(EvenTime.AccountEmailFloor, async () =>
        {
            await ForForgottenAsync(email, resetWhenConfirmed, ct);
            await db.SaveChangesAsync(ct);
            outbox.SendSoon();
            return true;
        }, ct);

    /// <summary>
    /// "Forgot password" or "resend confirmation" for an address: a fresh confirmation link for an unconfirmed account,
    /// a reset link for a confirmed one (when asked), and otherwise the same lookups and rendering with nothing written.
    /// </summary>
    private async Task<bool> ForForgottenAsync(string email, bool resetWhenConfirmed, CancellationToken ct)
    {
        if (await users.FindByEmailAsync(email) is not { } user)
        {
            await EquivalentWorkAsync(email, ct);
            return false;
        }
        if (!user.EmailConfirmed) return await AddConfirmationAsync(user, ct);
        if (resetWhenConfirmed) return await AddPasswordResetAsync(user, ct);
        await EquivalentWorkAsync(email, ct); // "resend confirmation" for a confirmed account: nothing to send
        return false;
    }

    public async Task<bool> AddConfirmationAsync(AppUser user, CancellationToken ct)
    {
        if (await CoolingDownAsync(user.Email!, ConfirmKind, ct)) return false;
        var code = Encode(await users.GenerateEmailConfirmationTokenAsync(user));
        var link = outbox.Link($"/account/confirm?userId={Uri.EscapeDataString(user.Id)}&code={code}");
        outbox.Add(user.Email!, templates.ConfirmEmail(user.PreferredCulture, link), ConfirmKind);
        return true;
    }

    public async Task<bool> AddPasswordResetAsync(AppUser user, CancellationToken ct)
    {
        if (await CoolingDownAsync(user.Email!, ResetKind, ct)) return false;
        var code = Encode(await users.GeneratePasswordResetTokenAsync(user));
        var link = outbox.Link($"/account/reset?email={Uri.EscapeDataString(user.Email!)}&code={code}");
        outbox.Add(user.Email!, templates.ResetPassword(user.PreferredCulture, link), ResetKind);
        return true;
    }

    public async Task<bool> AddAlreadyRegisteredAsync(AppUser user, CancellationToken ct)
    {
        if (await CoolingDownAsync(user.Email!, ExistsKind, ct)) return false;
        outbox.Add(user.Email!, templates.AlreadyRegistered(user.PreferredCulture, outbox.Link("/account/login"), outbox.Link("/account/forgot")), ExistsKind);
        return true;
    }

    /// <summary>Was an email of this kind written to this address within the cooldown? Asked of the outbox, so it holds across nodes.</summary>
    public Task<bool> CoolingDownAsync(string to, string kind, CancellationToken ct)
    {
        var since = clock.GetUtcNow().UtcDateTime - TimeSpan.FromMinutes(options.Value.EmailCooldownMinutes);
        return db.OutboxMessages.AnyAsync(m => m.To == to && m.Kind == kind && m.CreatedAtUtc >= since, ct);
    }

    // What a real request costs (an outbox lookup, a token, a rendered template), spent for an address without an
    // account so the answer takes as long; nothing is stored about the address.
    private async Task EquivalentWorkAsync(string email, CancellationToken ct)
    {
        await CoolingDownAsync(email, ResetKind, ct);
        var nobody = new AppUser { Email = email, UserName = email, SecurityStamp = Guid.NewGuid().ToString() };
        var code = Encode(await users.GeneratePasswordResetTokenAsync(nobody));
        templates.ResetPassword(nobody.PreferredCulture, outbox.Link($"/account/reset?email={Uri.EscapeDataString(email)}&code={code}"));
    }

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
