using Microsoft.AspNetCore.Mvc.RazorPages;

namespace ReliefMarket.Web.Pages.Products;

public class IndexModel(AppDbContext db, TimeProvider clock) : PageModel
{
    public IReadOnlyList<ProductCard> Products { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken ct)
    {
        Products = await db.Products.AsNoTracking()
            .Where(p => p.IsListed)
            .OrderByDescending(p => p.CreatedAtUtc).ThenBy(p => p.Id)
            .Select(ProductCard.Projection(ChinaTime.Today(clock)))
            .ToListAsync(ct);
    }
}
