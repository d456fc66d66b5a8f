using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.OutputCaching;
using ReliefMarket.Web.Pages.Products;

namespace ReliefMarket.Web.Pages.Origins;

[OutputCache(PolicyName = CatalogCache.Policy)]
public class CountyModel(AppDbContext db, TimeProvider clock) : PageModel
{
    public County County { get; private set; } = null!;
    public IReadOnlyList<Village> Villages { get; private set; } = [];
    public IReadOnlyList<Producer> Producers { get; private set; } = [];
    public IReadOnlyList<ProductCard> Products { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(string county, CancellationToken ct)
    {
        var found = await db.Counties.AsNoTracking().SingleOrDefaultAsync(c => c.Code == county, ct);
        if (found is null) return NotFound();
        County = found;
        Villages = await db.Villages.AsNoTracking().Include(v => v.Township).Where(v => v.CountyId == found.Id && v.IsActive).OrderBy(v => v.Id).ToListAsync(ct);
        Producers = await db.Producers.AsNoTracking().Include(p => p.Village).Where(p => p.Village.CountyId == found.Id && p.IsActive && p.Village.IsActive).OrderBy(p => p.Id).ToListAsync(ct);
        Products = await db.Products.AsNoTracking().Where(p => p.IsListed && p.Producer.Village.CountyId == found.Id).OrderBy(p => p.Id)
            .Select(ProductCard.Projection(ChinaTime.Today(clock), db.ProductPhotos)).ToListAsync(ct);
        return Page();
    }
}
