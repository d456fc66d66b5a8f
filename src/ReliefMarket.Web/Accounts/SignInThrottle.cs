using Microsoft.Extensions.Options;

namespace ReliefMarket.Web.Accounts;

/// <summary>
/// Slows password guessing without handing anyone a way to lock an owner out (decision 0012): a client address
/// that keeps failing is refused, for one account or for all; an account that keeps failing from anywhere makes
/// every attempt on it wait a little longer, but its right password still signs in. Counts whatever name was
/// tried, so a missing account is throttled exactly like a real one.
/// </summary>
public sealed class SignInThrottle(AppDbContext db, IOptions<AccountOptions> options, TimeProvider clock)
{
    public sealed record Verdict(bool Refused, TimeSpan Delay);

    private AccountOptions O => options.Value;
    private DateTime Since => clock.GetUtcNow().UtcDateTime - TimeSpan.FromMinutes(O.FailedSignInWindowMinutes);

    public async Task<Verdict> CheckAsync(string accountKey, string clientAddress, CancellationToken ct)
    {
        var since = Since;
        var recent = db.Set<SignInFailure>().Where(f => f.AtUtc >= since);
        var fromAddress = await recent.CountAsync(f => f.ClientAddress == clientAddress, ct);
        var pair = await recent.CountAsync(f => f.ClientAddress == clientAddress && f.AccountKey == accountKey, ct);
        var account = await recent.CountAsync(f => f.AccountKey == accountKey, ct);
        var refused = pair >= O.MaxFailuresPerAccountAndAddress || fromAddress >= O.MaxFailuresPerAddress;
        var over = account - O.SlowdownAfterFailures;
        var delay = over < 0 ? TimeSpan.Zero : TimeSpan.FromSeconds(Math.Min(O.MaxSlowdownSeconds, Math.Pow(2, Math.Min(over, 16))));
        return new Verdict(refused, delay);
    }

    /// <summary>The address a request came from, as the server sees it (behind a proxy: after forwarded-header handling).</summary>
    public static string ClientAddressOf(HttpContext http) => http.Connection.RemoteIpAddress?.ToString() ?? "unknown";

    public async Task RecordFailureAsync(string accountKey, string clientAddress, CancellationToken ct)
    {
        db.Add(new SignInFailure(accountKey, clientAddress, clock.GetUtcNow().UtcDateTime));
        await db.SaveChangesAsync(ct);
        // Old rows tell nothing any more; deleting them here keeps the table the size of one window.
        var since = Since;
        await db.Set<SignInFailure>().Where(f => f.AtUtc < since).ExecuteDeleteAsync(ct);
    }

    /// <summary>The owner got in from this address: their own typing mistakes from here no longer count.</summary>
    public Task ForgetAsync(string accountKey, string clientAddress, CancellationToken ct) =>
        db.Set<SignInFailure>().Where(f => f.AccountKey == accountKey && f.ClientAddress == clientAddress).ExecuteDeleteAsync(ct);
}
