using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.WebUtilities;

namespace ReliefMarket.Web.Channels;

/// <summary>
/// Device API keys: "<c>prefix.secret</c>", the secret 32 random bytes in base64url. The prefix is public (it finds the
/// device and keys its rate limit); the whole key is shown once and only its SHA-256 is stored. A plain hash is enough
/// because the key is random, not a password someone chose.
/// </summary>
public static class DeviceKey
{
    public const string Header = "X-Device-Key";
    public const int PrefixLength = 10;

    public sealed record Stored(string Prefix, byte[] Hash);

    public static (string Key, Stored Stored) New()
    {
        var prefix = "rm" + WebEncoders.Base64UrlEncode(RandomNumberGenerator.GetBytes(6));
        var key = $"{prefix}.{WebEncoders.Base64UrlEncode(RandomNumberGenerator.GetBytes(32))}";
        return (key, new Stored(prefix, Hash(key)));
    }

    /// <summary>The public prefix of a presented key, or null when it cannot be one of ours.</summary>
    public static string? PrefixOf(string? key) =>
        key is { Length: > PrefixLength + 1 and < 200 } && key[PrefixLength] == '.' ? key[..PrefixLength] : null;

    public static bool Matches(string key, byte[] hash) => CryptographicOperations.FixedTimeEquals(Hash(key), hash);

    private static byte[] Hash(string key) => SHA256.HashData(Encoding.UTF8.GetBytes(key));
}
