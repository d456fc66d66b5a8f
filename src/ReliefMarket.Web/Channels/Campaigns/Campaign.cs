using System.Security.Cryptography;

namespace ReliefMarket.Web.Channels.Campaigns;

/// <summary>
/// A livestream campaign (直播带货): a name, the China-time days it runs (inclusive) and the products it sells. Its share
/// link carries a random code, not the id, so links cannot be guessed one from another.
/// </summary>
public class Campaign
{
    public const int MaxNameLength = 100, CodeLength = 10;
    private readonly List<CampaignProduct> _products = [];

    private Campaign() { }

    public Campaign(string name, DateOnly startsOn, DateOnly endsOn, IReadOnlyCollection<int> productIds, DateTime atUtc)
    {
        var trimmed = name.Trim();
        if (trimmed.Length is 0 or > MaxNameLength) throw new DomainException($"A campaign's name must be 1 to {MaxNameLength} characters.");
        if (endsOn < startsOn) throw new DomainException("A campaign cannot end before it starts.");
        if (productIds.Count == 0) throw new DomainException("A campaign sells at least one product.");
        (Name, StartsOn, EndsOn, CreatedAtUtc) = (trimmed, startsOn, endsOn, atUtc);
        Code = NewCode();
        _products.AddRange(productIds.Distinct().Select(id => new CampaignProduct(id)));
    }

    public int Id { get; private set; }
    public string Name { get; private set; } = "";
    /// <summary>Lower-case letters and digits: the share link's last segment.</summary>
    public string Code { get; private set; } = "";
    public DateOnly StartsOn { get; private set; }
    public DateOnly EndsOn { get; private set; }
    public DateTime CreatedAtUtc { get; private set; }
    public IReadOnlyList<CampaignProduct> Products => _products;

    public bool IsOn(DateOnly chinaDay) => chinaDay >= StartsOn && chinaDay <= EndsOn;

    /// <summary>The share link's path; made absolute with SiteLinks.</summary>
    public static string LinkPath(string code) => $"/live/{code}";

    private static string NewCode() => RandomNumberGenerator.GetString("abcdefghijkmnpqrstuvwxyz23456789", CodeLength);
}

public class CampaignProduct
{
    private CampaignProduct() { }
    public CampaignProduct(int productId) => ProductId = productId;

    public int CampaignId { get; private set; }
    public int ProductId { get; private set; }
}
