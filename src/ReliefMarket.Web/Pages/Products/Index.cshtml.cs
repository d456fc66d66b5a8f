using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.OutputCaching;

namespace ReliefMarket.Web.Pages.Products;

[OutputCache(PolicyName = CatalogCache.Policy)]
public class IndexModel(CatalogSnapshot catalog, AppDbContext db, TimeProvider clock) : PageModel
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
        var data = await catalog.GetAsync();
        var sold = Query.Sort == CatalogSort.BestSelling ? await CatalogSnapshot.SoldUnitsAsync(db, ct) : null;
        var matching = Query.Apply(data.Products, today, sold).ToList();
        Total = matching.Count;
        // A page beyond the end shows the last page rather than an empty list.
        if (Query.Page > PageCount) Query = Query with { Page = PageCount };
        Products = matching.Skip((Query.Page - 1) * CatalogQuery.PageSize).Take(CatalogQuery.PageSize).Select(p => p.Card).ToList();
        Counties = data.Counties;
        Villages = data.Villages;
    }
}
