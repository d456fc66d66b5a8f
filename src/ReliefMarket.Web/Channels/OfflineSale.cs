namespace ReliefMarket.Web.Channels;

/// <summary>
/// A sale made away from the shop, as every offline path records it (a device's sale through the API, a row of an
/// imported file): the paid order on its channel with line snapshots at the reported prices, then its attribution
/// (certified at the time of sale) and its ledger posting. One place, so an imported sale and a device's sale count
/// alike in the reports and the ledger.
/// </summary>
public static class OfflineSale
{
    /// <summary>Every product a set of sales names, with its producer and the counties of its villages: read once.</summary>
    public sealed record Catalog(IReadOnlyDictionary<string, Product> BySlug, IReadOnlyDictionary<int, int> CountyOfVillage);

    public static async Task<Catalog> CatalogAsync(AppDbContext db, IEnumerable<string> slugs, CancellationToken ct)
    {
        var wanted = slugs.Distinct().ToList();
        var products = await db.Products.AsNoTracking().Include(p => p.Producer).Where(p => wanted.Contains(p.Slug)).ToDictionaryAsync(p => p.Slug, ct);
        var villageIds = products.Values.SelectMany(p => p.Producer.SourcingShares.Select(s => s.VillageId)).Distinct().ToList();
        var countyOf = await db.Villages.AsNoTracking().Where(v => villageIds.Contains(v.Id)).ToDictionaryAsync(v => v.Id, v => v.CountyId, ct);
        return new Catalog(products, countyOf);
    }

    /// <summary>The paid order for a checked sale; nothing is added to the context yet.</summary>
    public static Order PaidOrder(Channel channel, IReadOnlyList<(Product Product, int Quantity, Money UnitPrice)> lines, Catalog catalog,
        DateTime soldAtUtc, string saleReference)
    {
        var chinaDate = DateOnly.FromDateTime(ChinaTime.FromUtc(soldAtUtc));
        var orderLines = lines.Select(l => OrderLine.AtReportedPrice(l.Product, l.Product.Producer, catalog.CountyOfVillage, l.Quantity, l.UnitPrice, chinaDate)).ToList();
        return Order.SoldOffline(Guid.NewGuid(), channel, orderLines, soldAtUtc, saleReference);
    }

    /// <summary>
    /// The order's attribution entries and ledger posting, added to the caller's unit of work; the order must be saved
    /// first (entries name its lines' ids). The entries are booked now, whenever the sale happened: settlement counts a
    /// sale reported late in the period it arrives in, never in one already closed.
    /// </summary>
    public static void Post(AppDbContext db, Order order, DateTime nowUtc)
    {
        db.AttributionEntries.AddRange(AttributionRule.ForPaidOrder(order, bookedAtUtc: nowUtc));
        Ledger.LedgerPosting.Paid(db, order, nowUtc);
    }
}
