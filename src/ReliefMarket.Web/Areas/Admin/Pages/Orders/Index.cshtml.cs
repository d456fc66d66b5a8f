using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace ReliefMarket.Web.Areas.Admin.Pages.Orders;

/// <summary>/admin/orders: find an order by number, buyer, mobile, status, county, producer or date; newest first, paged.</summary>
public class IndexModel(AppDbContext db) : PageModel
{
    public const int PageSize = 50;

    [BindProperty(SupportsGet = true)] public OrderSearch Search { get; set; } = new();
    [BindProperty(SupportsGet = true, Name = "p")] public int PageNumber { get; set; } = 1;

    public IReadOnlyList<OrderSearch.Row> Rows { get; private set; } = [];
    public bool HasNext { get; private set; }
    public IReadOnlyList<County> Counties { get; private set; } = [];
    public IReadOnlyList<Producer> Producers { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken ct)
    {
        PageNumber = Math.Max(1, PageNumber);
        Counties = await db.Counties.AsNoTracking().OrderBy(c => c.Id).ToListAsync(ct);
        Producers = await db.Producers.AsNoTracking().OrderBy(p => p.Id).ToListAsync(ct);
        var rows = await Search.Apply(db).Skip((PageNumber - 1) * PageSize).Take(PageSize + 1).ToListAsync(ct);
        HasNext = rows.Count > PageSize;
        Rows = rows.Take(PageSize).ToList();
    }

    public Dictionary<string, string?> PageRoute(int page)
    {
        var values = Search.RouteValues();
        values["p"] = page.ToString(System.Globalization.CultureInfo.InvariantCulture);
        return values;
    }
}
