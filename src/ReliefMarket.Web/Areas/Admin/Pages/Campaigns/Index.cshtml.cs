using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using ReliefMarket.Web.Channels.Campaigns;
using ReliefMarket.Web.Hosting;

namespace ReliefMarket.Web.Areas.Admin.Pages.Campaigns;

/// <summary>
/// /admin/campaigns: livestream campaigns and their share links (absolute, from Site:PublicBaseUrl). An Admin creates
/// them (the area lets only Admins post); Auditors read. Orders placed from a link while the campaign runs are tagged
/// Livestream with the campaign, and the aid report filters by it.
/// </summary>
public class IndexModel(AppDbContext db, SiteLinks links, TimeProvider clock) : PageModel
{
    public sealed record Row(int Id, string Name, string Code, DateOnly StartsOn, DateOnly EndsOn, IReadOnlyList<string> Products, string Link, int Orders, long PaidFen);
    public sealed record Choice(int Id, string Name);

    public sealed class CreateForm
    {
        public string? Name { get; set; }
        public DateOnly? StartsOn { get; set; }
        public DateOnly? EndsOn { get; set; }
        public List<int> ProductIds { get; set; } = [];
    }

    public IReadOnlyList<Row> Rows { get; private set; } = [];
    public IReadOnlyList<Choice> Products { get; private set; } = [];
    public bool CanChange { get; private set; }
    public string? ErrorKey { get; private set; }
    public DateOnly Today => ChinaTime.Today(clock);

    [BindProperty] public CreateForm Form { get; set; } = new();

    public Task OnGetAsync(CancellationToken ct) => LoadAsync(ct);

    public async Task<IActionResult> OnPostCreateAsync(CancellationToken ct)
    {
        var name = Form.Name?.Trim() ?? "";
        var known = await db.Products.Where(p => Form.ProductIds.Contains(p.Id)).Select(p => p.Id).ToListAsync(ct);
        ErrorKey = name.Length is 0 or > Campaign.MaxNameLength ? "Campaigns.Error.Name"
            : Form.StartsOn is not { } starts || Form.EndsOn is not { } ends || ends < starts ? "Campaigns.Error.Dates"
            : known.Count == 0 || known.Count != Form.ProductIds.Distinct().Count() ? "Campaigns.Error.Products"
            : null;
        if (ErrorKey is not null)
        {
            await LoadAsync(ct);
            return Page();
        }
        db.Campaigns.Add(new Campaign(name, Form.StartsOn!.Value, Form.EndsOn!.Value, known, clock.GetUtcNow().UtcDateTime));
        await db.SaveChangesAsync(ct);
        return RedirectToPage();
    }

    private async Task LoadAsync(CancellationToken ct)
    {
        CanChange = User.CanChange();
        var products = await db.Products.AsNoTracking().OrderBy(p => p.Id).ToListAsync(ct);
        var names = products.ToDictionary(p => p.Id, p => p.Name.Current);
        Products = products.Select(p => new Choice(p.Id, p.Name.Current)).ToList();
        var campaigns = await db.Campaigns.AsNoTracking().Include(c => c.Products).OrderByDescending(c => c.StartsOn).ThenBy(c => c.Name).Take(100).ToListAsync(ct);
        var ids = campaigns.Select(c => c.Id).ToList();
        var orders = await db.Orders.Where(o => o.CampaignId != null && ids.Contains(o.CampaignId.Value) && o.PaidAtUtc != null)
            .GroupBy(o => o.CampaignId!.Value).Select(g => new { Id = g.Key, Count = g.Count() }).ToDictionaryAsync(g => g.Id, g => g.Count, ct);
        // Net of refunds, as the aid report counts it: the attribution entries of the campaign's orders.
        var fen = await (from e in db.AttributionEntries
                         join o in db.Orders on e.OrderId equals o.Id
                         where o.CampaignId != null && ids.Contains(o.CampaignId.Value)
                         group e by o.CampaignId!.Value into g
                         select new { Id = g.Key, Fen = g.Sum(e => e.AmountFen) }).ToDictionaryAsync(g => g.Id, g => g.Fen, ct);
        Rows = campaigns.Select(c => new Row(c.Id, c.Name, c.Code, c.StartsOn, c.EndsOn,
                c.Products.Select(p => names.GetValueOrDefault(p.ProductId, "?")).ToList(), links.Absolute(Campaign.LinkPath(c.Code)),
                orders.GetValueOrDefault(c.Id), fen.GetValueOrDefault(c.Id)))
            .ToList();
    }
}
