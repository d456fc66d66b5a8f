using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using ReliefMarket.Web.Channels.Campaigns;

namespace ReliefMarket.Web.Pages.Live;

/// <summary>
/// /live/{code}: where a livestream's share link lands. While the campaign runs, it remembers the campaign in a cookie
/// (checkout tags the order with it) and lists the campaign's products; outside its dates it says so and remembers nothing.
/// </summary>
public class IndexModel(AppDbContext db, TimeProvider clock) : PageModel
{
    public sealed record Item(string Slug, string Name, Money Price, string ImagePath);

    public string Name { get; private set; } = "";
    public DateOnly StartsOn { get; private set; }
    public DateOnly EndsOn { get; private set; }
    public bool IsOn { get; private set; }
    public IReadOnlyList<Item> Items { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(string code, CancellationToken ct)
    {
        var campaign = await db.Campaigns.AsNoTracking().Include(c => c.Products).SingleOrDefaultAsync(c => c.Code == code, ct);
        if (campaign is null) return NotFound();
        (Name, StartsOn, EndsOn) = (campaign.Name, campaign.StartsOn, campaign.EndsOn);
        IsOn = campaign.IsOn(ChinaTime.Today(clock));
        if (!IsOn) return Page();

        Response.Cookies.Append(CampaignLink.Cookie, campaign.Code, new CookieOptions
        {
            HttpOnly = true, Secure = Request.IsHttps, SameSite = SameSiteMode.Lax, IsEssential = true,
            // Until the campaign's last day is over in China; checkout checks the dates again anyway.
            Expires = new DateTimeOffset(ChinaTime.ToUtc(campaign.EndsOn.AddDays(1)), TimeSpan.Zero),
        });
        var ids = campaign.Products.Select(p => p.ProductId).ToList();
        var products = await db.Products.AsNoTracking().Where(p => ids.Contains(p.Id)).OrderBy(p => p.Id).ToListAsync(ct);
        Items = products.Select(p => new Item(p.Slug, p.Name.Current, p.Price, p.ImagePath)).ToList();
        return Page();
    }
}
