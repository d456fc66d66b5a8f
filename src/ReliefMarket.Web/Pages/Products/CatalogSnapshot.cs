namespace ReliefMarket.Web.Pages.Products;

/// <summary>
/// The listed catalog held in memory for /products, so a page the output cache has not seen (a new query string, or
/// the first request after a catalog change) filters and sorts a few dozen rows in memory instead of running four
/// queries. It is dropped on the same signal that evicts the catalog pages (<see cref="ICatalogCopy"/>), and at the
/// latest after ten minutes like the pages themselves. Units sold are not in it: sales change them without touching
/// the catalog, so the best-selling order still asks the database (<see cref="SoldUnitsAsync"/>).
/// </summary>
public sealed class CatalogSnapshot(IServiceScopeFactory scopes, TimeProvider clock) : CatalogCopy<CatalogSnapshot.Data>
{
    private static readonly TimeSpan MaxAge = TimeSpan.FromMinutes(10);

    /// <summary>A listed product with what the list filters, sorts and shows.</summary>
    public sealed record Entry(int Id, LocalizedText Name, LocalizedText Description, LocalizedText VillageName, LocalizedText CountyName,
        string CountyCode, IReadOnlyList<string> SourcingVillageCodes, ProductCategory Category, CertificationStatus CertificationStatus,
        DateOnly? CertifiedUntil, Money Price, DateTime CreatedAtUtc, ProductCard Card)
    {
        public bool IsCertifiedOn(DateOnly chinaToday) => CertificationStatus == CertificationStatus.Certified && CertifiedUntil >= chinaToday;
    }

    public sealed record Data(IReadOnlyList<Entry> Products, IReadOnlyList<County> Counties, IReadOnlyList<Village> Villages, DateOnly Day, DateTimeOffset LoadedAt);

    public Task<Data> GetAsync()
    {
        var today = ChinaTime.Today(clock);
        return GetAsync(d => d.Day == today && clock.GetUtcNow() - d.LoadedAt <= MaxAge, () => LoadAsync(today));
    }

    private async Task<Data> LoadAsync(DateOnly today)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var loadedAt = clock.GetUtcNow();
        var villages = await db.Villages.AsNoTracking().OrderBy(v => v.CountyId).ThenBy(v => v.Id).ToListAsync();
        var villageCodes = villages.ToDictionary(v => v.Id, v => v.Code);
        var products = await db.Products.AsNoTracking().Where(p => p.IsListed)
            .Include(p => p.Producer).ThenInclude(p => p.Village).ThenInclude(v => v.County).ToListAsync();
        var cards = (await db.Products.AsNoTracking().Where(p => p.IsListed).Select(ProductCard.Projection(today, db.ProductPhotos)).ToListAsync())
            .ToDictionary(c => c.Slug);
        // A product listed between the two reads is left out; its listing evicts this snapshot anyway.
        var entries = products.Where(p => cards.ContainsKey(p.Slug)).Select(p => new Entry(p.Id, p.Name, p.Description,
            p.Producer.Village.Name, p.Producer.Village.County.Name, p.Producer.Village.County.Code,
            p.Producer.SourcingShares.Select(s => villageCodes.GetValueOrDefault(s.VillageId, "")).ToList(), p.Category,
            p.CertificationStatus, p.CertifiedUntil, p.Price, p.CreatedAtUtc, cards[p.Slug])).ToList();
        return new Data(entries, await db.Counties.AsNoTracking().OrderBy(c => c.Id).ToListAsync(), villages, today, loadedAt);
    }

    /// <summary>Units of each product in paid (or later) orders, for the best-selling order.</summary>
    public static async Task<IReadOnlyDictionary<int, int>> SoldUnitsAsync(AppDbContext db, CancellationToken ct)
    {
        var sold = new[] { OrderStatus.Paid, OrderStatus.Shipped, OrderStatus.Delivered, OrderStatus.PartiallyRefunded };
        return await db.OrderLines.Where(l => db.Orders.Any(o => o.Id == l.OrderId && sold.Contains(o.Status)))
            .GroupBy(l => l.ProductId).Select(g => new { g.Key, Units = g.Sum(l => l.Quantity) }).ToDictionaryAsync(g => g.Key, g => g.Units, ct);
    }
}
