using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.OutputCaching;

namespace ReliefMarket.Web.Pages.Products;

[OutputCache(PolicyName = CatalogCache.Policy)]
public class IndexModel(AppDbContext db, TimeProvider clock) : PageModel
{
    public CatalogQuery Query { get; private set; } = CatalogQuery.Parse(new QueryCollection());
    public IReadOnlyList<ProductCard> Products { get; private set; } = [];
    public int Total { get; private set; }
    public int PageCount => Math.Max(1, (Total + CatalogQuery.PageSize - 1) / CatalogQuery.PageSize);
    public IReadOnlyList<County> Counties { get; private set; } = [];
    public IReadOnlyList<Village> Villages { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken ct)
    {
        Query = CatalogQuery.Parse(Request.Query);
        var today = ChinaTime.Today(clock);
        var matching = Query.Apply(db, today);
        Total = await matching.CountAsync(ct);
        // A page beyond the end shows the last page rather than an empty list.
        if (Query.Page > PageCount) Query = Query with { Page = PageCount };
        Products = await matching.Skip((Query.Page - 1) * CatalogQuery.PageSize).Take(CatalogQuery.PageSize)
            .Select(ProductCard.Projection(today, db.ProductPhotos)).ToListAsync(ct);
        Counties = await db.Counties.AsNoTracking().OrderBy(c => c.Id).ToListAsync(ct);
        Villages = await db.Villages.AsNoTracking().OrderBy(v => v.CountyId).ThenBy(v => v.Id).ToListAsync(ct);
    }
}
