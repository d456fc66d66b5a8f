using Microsoft.AspNetCore.Identity;

namespace ReliefMarket.Web.Accounts;

/// <summary>
/// A password check for an account that does not exist, with the same hasher and cost as a real one, so a
/// missing account answers as slowly as a wrong password (and as a registration that hashes).
/// </summary>
public sealed class DummyPassword(IPasswordHasher<AppUser> hasher)
{
    private static readonly AppUser Nobody = new() { Id = "nobody", UserName = "nobody" };
    private readonly Lazy<string> _hash = new(() => hasher.HashPassword(Nobody, Guid.NewGuid().ToString("N")));

    public void Verify(string password) => hasher.VerifyHashedPassword(Nobody, _hash.Value, password);

    public void Hash(string password) => hasher.HashPassword(Nobody, password);
}
