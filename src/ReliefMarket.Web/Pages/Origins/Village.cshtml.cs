using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.OutputCaching;
using ReliefMarket.Web.Pages.Products;

namespace ReliefMarket.Web.Pages.Origins;

[OutputCache(PolicyName = CatalogCache.Policy)]
public class VillageModel(AppDbContext db, TimeProvider clock) : PageModel
{
    /// <summary>A producer that sources from this village, and the share of its sales the village receives.</summary>
    public sealed record Supplier(Producer Producer, int BasisPoints);

    public Village Village { get; private set; } = null!;
    public IReadOnlyList<Supplier> Suppliers { get; private set; } = [];
    public IReadOnlyList<ProductCard> Products { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(string county, string village, CancellationToken ct)
    {
        var found = await db.Villages.AsNoTracking().Include(v => v.County).Include(v => v.Township)
            .SingleOrDefaultAsync(v => v.Code == village && v.County.Code == county && v.IsActive, ct);
        if (found is null) return NotFound();
        Village = found;
        var producers = await db.Producers.AsNoTracking().Include(p => p.Village)
            .Where(p => p.IsActive && p.SourcingShares.Any(s => s.VillageId == found.Id)).OrderBy(p => p.Id).ToListAsync(ct);
        Suppliers = producers.Select(p => new Supplier(p, p.SourcingShares.Single(s => s.VillageId == found.Id).BasisPoints)).ToList();
        var producerIds = producers.Select(p => p.Id).ToList();
        Products = await db.Products.AsNoTracking().Where(p => p.IsListed && producerIds.Contains(p.ProducerId)).OrderBy(p => p.Id)
            .Select(ProductCard.Projection(ChinaTime.Today(clock), db.ProductPhotos)).ToListAsync(ct);
        return Page();
    }
}
