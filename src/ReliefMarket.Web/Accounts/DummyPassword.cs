using Microsoft.AspNetCore.Identity;

namespace ReliefMarket.Web.Accounts;

/// <summary>
/// A password check for an account that does not exist, with the same hasher and cost as a real one, so a
/// missing account answers as slowly as a wrong password (and as a registration that hashes).
/// </summary>
public sealed class DummyPassword(IPasswordHasher<AppUser> hasher)
{
    private static readonly AppUser Nobody = new() { Id = "nobody", UserName = "nobody" };
    // One per process: made with the app's own hasher settings the first time it is needed.
    private static string? _hash;

    public void Verify(string password) =>
        hasher.VerifyHashedPassword(Nobody, _hash ??= hasher.HashPassword(Nobody, Guid.NewGuid().ToString("N")), password);

    public void Hash(string password) => hasher.HashPassword(Nobody, password);
}
