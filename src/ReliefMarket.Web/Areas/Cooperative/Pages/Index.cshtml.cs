using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using ReliefMarket.Web.Access;

namespace ReliefMarket.Web.Areas.Cooperative.Pages;

/// <summary>/coop: the member's producer at a glance — sales today, 7 and 30 days, by listing and village, and what needs attention.</summary>
public class IndexModel(AppDbContext db, TimeProvider clock) : PageModel
{
    /// <summary>The period the listing and village tables show: 1, 7 or 30 China days.</summary>
    [BindProperty(SupportsGet = true)] public int Days { get; set; } = 7;

    public IReadOnlyList<DashboardQueries.Figures> Periods { get; private set; } = [];
    public IReadOnlyList<DashboardQueries.ListingRow> Listings { get; private set; } = [];
    public IReadOnlyList<DashboardQueries.VillageRow> Villages { get; private set; } = [];
    public IReadOnlyList<DashboardQueries.StockRow> LowStock { get; private set; } = [];
    public IReadOnlyList<DashboardQueries.ExpiryRow> Expiring { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken ct)
    {
        if (!DashboardQueries.PeriodDays.Contains(Days)) Days = 7;
        var producer = User.ProducerId()!.Value;
        var today = ChinaTime.Today(clock);
        var periods = new List<DashboardQueries.Figures>();
        // Three periods, each a handful of set-based sums: a DbContext runs one query at a time anyway.
        foreach (var days in DashboardQueries.PeriodDays) periods.Add(await db.FiguresAsync(producer, days, today, ct));
        Periods = periods;
        Listings = await db.ByListingAsync(producer, Days, today, ct);
        Villages = await db.ByVillageAsync(producer, Days, today, ct);
        LowStock = await db.LowStockAsync(producer, ct);
        Expiring = await db.ExpiringAsync(producer, today, ct);
    }
}
