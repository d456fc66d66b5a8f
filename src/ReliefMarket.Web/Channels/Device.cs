namespace ReliefMarket.Web.Channels;

/// <summary>
/// A machine that reports sales made away from the shop: an egg vending cabinet, an exhibition-centre till. It
/// authenticates with an API key of which only the public prefix and a SHA-256 hash are kept.
/// </summary>
public class Device
{
    public const int MaxNameLength = 100, MaxLocationLength = 200;

    private Device() { }

    public Device(string name, string location, Channel channel, bool drawsOnStock, DeviceKey.Stored key, DateTime atUtc)
    {
        if (channel is not (Channel.VendingCabinet or Channel.ExhibitionCenter))
            throw new DomainException("A device reports for a vending cabinet or an exhibition centre.");
        Name = RequireText(name, MaxNameLength, "name");
        Location = RequireText(location, MaxLocationLength, "location");
        Channel = channel;
        DrawsOnStock = drawsOnStock;
        (KeyPrefix, KeyHash) = (key.Prefix, key.Hash);
        CreatedAtUtc = KeyIssuedAtUtc = atUtc;
    }

    public int Id { get; private set; }
    public string Name { get; private set; } = "";
    public string Location { get; private set; } = "";
    public Channel Channel { get; private set; }
    /// <summary>Its sales come out of the producer's online stock (a cabinet filled from the same eggs), or not (its own supply).</summary>
    public bool DrawsOnStock { get; private set; }
    /// <summary>The key's public part: finds the device without scanning hashes; unique.</summary>
    public string KeyPrefix { get; private set; } = "";
    public byte[] KeyHash { get; private set; } = [];
    public DateTime CreatedAtUtc { get; private set; }
    public DateTime KeyIssuedAtUtc { get; private set; }
    public DateTime? RevokedAtUtc { get; private set; }

    public bool IsRevoked => RevokedAtUtc is not null;

    /// <summary>A new key replaces the old one at once: the old prefix no longer finds the device.</summary>
    public void RotateKey(DeviceKey.Stored key, DateTime atUtc)
    {
        if (IsRevoked) throw new DomainException("A revoked device gets no new key.");
        (KeyPrefix, KeyHash, KeyIssuedAtUtc) = (key.Prefix, key.Hash, atUtc);
    }

    /// <summary>For good: a stolen or retired device. Its sales already recorded stay.</summary>
    public void Revoke(DateTime atUtc) => RevokedAtUtc ??= atUtc;

    private static string RequireText(string value, int max, string what)
    {
        var trimmed = value.Trim();
        if (trimmed.Length == 0 || trimmed.Length > max) throw new DomainException($"A device's {what} must be 1 to {max} characters.");
        return trimmed;
    }
}
