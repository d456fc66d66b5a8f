using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using ReliefMarket.Web.Access;

namespace ReliefMarket.Web.Areas.Cooperative.Pages.Orders;

public enum ShipmentTab { ToPack, Shipped, Delivered, All }

/// <summary>/coop/orders: the member's producer's shipments, by status and date, newest first, a page at a time.</summary>
public class IndexModel(AppDbContext db) : PageModel
{
    public const int PageSize = 20;

    [BindProperty(SupportsGet = true)] public ShipmentTab Tab { get; set; }
    [BindProperty(SupportsGet = true)] public DateOnly? From { get; set; }
    [BindProperty(SupportsGet = true)] public DateOnly? To { get; set; }
    // Not "page": Razor Pages reserves that route value for the page's own path.
    [BindProperty(SupportsGet = true, Name = "p")] public int PageNumber { get; set; } = 1;

    public IReadOnlyList<ShipmentQueries.Row> Rows { get; private set; } = [];
    public int Total { get; private set; }
    public bool HasNext => PageNumber * PageSize < Total;

    public async Task OnGetAsync(CancellationToken ct)
    {
        // A date that does not parse, or a range given backwards, filters nothing rather than failing the page.
        if (From > To) (From, To) = (To, From);
        PageNumber = Math.Clamp(PageNumber, 1, 10_000);
        var status = Tab switch
        {
            ShipmentTab.ToPack => ShipmentStatus.ToPack,
            ShipmentTab.Shipped => ShipmentStatus.Shipped,
            ShipmentTab.Delivered => ShipmentStatus.Delivered,
            _ => (ShipmentStatus?)null,
        };
        var shipments = db.OfProducer(User.ProducerId()!.Value).Matching(new ShipmentQueries.Filter(status, From, To));
        Total = await shipments.CountAsync(ct);
        Rows = await db.RowsAsync(shipments, (PageNumber - 1) * PageSize, PageSize, ct);
    }

    /// <summary>This list with another tab or page, keeping the dates.</summary>
    public string LinkTo(ShipmentTab tab, int page = 1)
    {
        var query = new Dictionary<string, string?> { ["tab"] = tab.ToString() };
        if (From is { } from) query["from"] = from.ToString("yyyy-MM-dd");
        if (To is { } to) query["to"] = to.ToString("yyyy-MM-dd");
        if (page > 1) query["p"] = page.ToString(System.Globalization.CultureInfo.InvariantCulture);
        return Microsoft.AspNetCore.WebUtilities.QueryHelpers.AddQueryString("/coop/orders", query);
    }
}
