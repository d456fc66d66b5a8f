using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

public sealed class IndexModel(IServiceProvider services) : PageModel
{
    public List<Product> Products { get; private set; } = [];

    public async Task OnGetAsync() => Products = services.GetService<FloorDb>() is { } db
        ? await db.Products.AsNoTracking().OrderBy(p => p.Id).Take(20).ToListAsync()
        : [new Product { Id = 1, Name = "威宁土豆" }];
}
