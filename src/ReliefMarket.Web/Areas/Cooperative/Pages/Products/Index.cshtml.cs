using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace ReliefMarket.Web.Areas.Cooperative.Pages.Products;

/// <summary>/coop/products: the producer's listings, where each stands, and what sold in the last 30 days.</summary>
public class IndexModel(AppDbContext db, TimeProvider clock) : PageModel
{
    public const int SoldDays = 30;

    public sealed record Row(int Id, LocalizedText Name, LocalizedText Unit, Money Price, int Stock, bool IsListed,
        CertificationStatus Status, DateOnly? CertifiedUntil, string? Note, int SoldLast30Days, string? Thumbnail);

    public IReadOnlyList<Row> Rows { get; private set; } = [];
    /// <summary>Relisting was refused: an administrator deactivated the producer or its village.</summary>
    public bool Inactive { get; private set; }

    public async Task OnGetAsync(CancellationToken ct)
    {
        var since = clock.GetUtcNow().UtcDateTime.AddDays(-SoldDays);
        // Paid means money arrived: paid, shipped or delivered orders (refunds are not netted here).
        var paid = new[] { OrderStatus.Paid, OrderStatus.Shipped, OrderStatus.Delivered };
        Rows = await db.Mine(User).AsNoTracking().OrderByDescending(p => p.CreatedAtUtc)
            .Select(p => new Row(p.Id, p.Name, p.Unit, p.Price, p.Stock, p.IsListed, p.CertificationStatus, p.CertifiedUntil, p.CertificationNote,
                db.OrderLines.Where(l => l.ProductId == p.Id && db.Orders.Any(o => o.Id == l.OrderId && paid.Contains(o.Status) && o.PaidAtUtc >= since))
                    .Sum(l => (int?)l.Quantity) ?? 0,
                db.ProductPhotos.Where(f => f.ProductId == p.Id && f.Position == 0).Select(f => f.ThumbnailName).FirstOrDefault()))
            .ToListAsync(ct);
    }

    public Task<IActionResult> OnPostUnlistAsync(int id, CancellationToken ct) => SetListedAsync(id, false, ct);
    public Task<IActionResult> OnPostRelistAsync(int id, CancellationToken ct) => SetListedAsync(id, true, ct);

    private async Task<IActionResult> SetListedAsync(int id, bool listed, CancellationToken ct)
    {
        var product = await db.FindMineAsync(User, id, ct);
        if (product is null) return NotFound();
        if (listed && !await Listings.ActiveProducers.CanListAsync(db, product.ProducerId, ct))
        {
            Inactive = true;
            await OnGetAsync(ct);
            return Page();
        }
        if (listed) product.List(); else product.Unlist();
        await db.SaveChangesAsync(ct);
        return RedirectToPage();
    }
}
