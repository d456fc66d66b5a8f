using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.OutputCaching;

namespace ReliefMarket.Web.Pages.Products;

[OutputCache(PolicyName = CatalogCache.Policy)]
public class DetailsModel(AppDbContext db, TimeProvider clock) : PageModel
{
    /// <summary>One village's part of the money: its share and what it receives of one unit's price.</summary>
    public sealed record MoneyShare(Village Village, int BasisPoints, Money PerUnit);

    public Product Product { get; private set; } = null!;
    public bool Certified { get; private set; }
    public County? IssuingCounty { get; private set; }
    public IReadOnlyList<MoneyShare> Shares { get; private set; } = [];
    /// <summary>The producer's photos, cover first; none means the illustration is shown.</summary>
    public IReadOnlyList<ProductPhoto> Photos { get; private set; } = [];

    public const int LowStock = 10;

    /// <summary>
    /// All the page says about stock is a function of this (sold out, "only n left" up to <see cref="LowStock"/>, the
    /// quantity field's maximum): a sale that leaves it unchanged leaves the cached page right (see Ordering/Stock.cs).
    /// </summary>
    public static int ShownStock(int stock) => Math.Min(stock, ReliefMarket.Domain.Ordering.Cart.MaxQuantity);

    public async Task<IActionResult> OnGetAsync(string slug, CancellationToken ct)
    {
        var product = await db.Products.AsNoTracking()
            .Include(p => p.Producer).ThenInclude(p => p.Village).ThenInclude(v => v.Township)
            .Include(p => p.Producer).ThenInclude(p => p.Village).ThenInclude(v => v.County)
            .AsSplitQuery()
            .SingleOrDefaultAsync(p => p.Slug == slug && p.IsListed, ct);
        if (product is null) return NotFound();
        Product = product;
        // Stock moves evict this product's pages alone while it neither sells out nor comes back.
        HttpContext.Features.Get<IOutputCacheFeature>()?.Context.Tags.Add(CatalogCache.ProductTag(product.Id));
        Certified = product.IsCertifiedOn(ChinaTime.Today(clock));
        Photos = await db.ProductPhotos.AsNoTracking().Where(f => f.ProductId == product.Id).OrderBy(f => f.Position).ToListAsync(ct);
        if (Certified) IssuingCounty = await db.Counties.AsNoTracking().SingleAsync(c => c.Id == product.IssuingCountyId, ct);

        var shares = product.Producer.SourcingShares;
        var villageIds = shares.Select(s => s.VillageId).ToList();
        var villages = await db.Villages.AsNoTracking().Include(v => v.County).Where(v => villageIds.Contains(v.Id)).ToDictionaryAsync(v => v.Id, ct);
        var perUnit = product.Price.Allocate(shares.Select(s => (long)s.BasisPoints).ToList());
        Shares = shares.Select((s, i) => new MoneyShare(villages[s.VillageId], s.BasisPoints, perUnit[i])).ToList();
        return Page();
    }
}
