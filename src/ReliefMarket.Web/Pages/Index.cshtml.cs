using Microsoft.AspNetCore.Mvc.RazorPages;
using ReliefMarket.Web.Pages.Products;

namespace ReliefMarket.Web.Pages;

[Microsoft.AspNetCore.OutputCaching.OutputCache(PolicyName = CatalogCache.Policy)]
public class IndexModel(AppDbContext db, TimeProvider clock) : PageModel
{
    public IReadOnlyList<ProductCard> Featured { get; private set; } = [];
    public IReadOnlyList<County> Counties { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken ct)
    {
        var today = ChinaTime.Today(clock);
        Featured = await db.Products.AsNoTracking()
            .Where(p => p.IsListed && p.Stock > 0 && p.CertificationStatus == CertificationStatus.Certified && p.CertifiedUntil >= today)
            .OrderBy(p => p.Id)
            .Take(8)
            .Select(ProductCard.Projection(today, db.ProductPhotos))
            .ToListAsync(ct);
        Counties = await db.Counties.AsNoTracking().OrderBy(c => c.Id).ToListAsync(ct);
    }
}
