namespace ReliefMarket.Web.Channels.Campaigns;

/// <summary>
/// How a campaign reaches an order: following the share link stores the campaign's code in a cookie; placing an order
/// asks <see cref="ForOrderAsync"/> whether that campaign applies to it now.
/// </summary>
public static class CampaignLink
{
    public const string Cookie = "rm_live";

    /// <summary>
    /// The campaign to tag an order placed today with: the one whose link was followed, if it runs today (China time)
    /// and sells at least one of the order's products; null otherwise (the order is an ordinary online order).
    /// </summary>
    public static async Task<int?> ForOrderAsync(AppDbContext db, string? code, IReadOnlyCollection<int> productIds, DateOnly chinaToday, CancellationToken ct)
    {
        if (code is not { Length: Campaign.CodeLength }) return null;
        return await db.Campaigns.Where(c => c.Code == code && c.StartsOn <= chinaToday && c.EndsOn >= chinaToday
                                             && c.Products.Any(p => productIds.Contains(p.ProductId)))
            .Select(c => (int?)c.Id).SingleOrDefaultAsync(ct);
    }
}
