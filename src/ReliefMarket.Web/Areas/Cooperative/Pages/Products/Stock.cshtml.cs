using System.Globalization;
using System.Security.Claims;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using ReliefMarket.Web.Access;
using ReliefMarket.Web.Listings;

namespace ReliefMarket.Web.Areas.Cooperative.Pages.Products;

/// <summary>
/// /coop/products/stock/{id}: set the counted figure or add/remove units, with a reason. Units of paid orders not yet
/// shipped were already taken out when those orders were placed, so the figure here is what is free to sell.
/// </summary>
public class StockModel(AppDbContext db, ListingStock stock) : PageModel
{
    public int Id { get; private set; }
    public LocalizedText Name { get; private set; } = null!;
    public int Current { get; private set; }
    public string? ErrorKey { get; private set; }
    public IReadOnlyList<StockChange> History { get; private set; } = [];

    [BindProperty] public string? Value { get; set; }
    /// <summary>The figure the member saw: a set only applies if nobody (a buyer) changed stock since.</summary>
    [BindProperty] public int Seen { get; set; }
    [BindProperty] public StockChangeReason Reason { get; set; }
    [BindProperty] public string? Note { get; set; }

    public async Task<IActionResult> OnGetAsync(int id, CancellationToken ct) => await LoadAsync(id, ct) ? Page() : NotFound();

    public Task<IActionResult> OnPostSetAsync(int id, CancellationToken ct) => ChangeAsync(id, set: true, ct);
    public Task<IActionResult> OnPostAdjustAsync(int id, CancellationToken ct) => ChangeAsync(id, set: false, ct);

    private async Task<IActionResult> ChangeAsync(int id, bool set, CancellationToken ct)
    {
        if (!await LoadAsync(id, ct)) return NotFound();
        var styles = set ? NumberStyles.None : NumberStyles.AllowLeadingSign;
        if (!int.TryParse(Value?.Trim(), styles, CultureInfo.InvariantCulture, out var number) || Math.Abs((long)number) > Product.MaxStock)
            return Refuse(set ? "Coop.Error.Stock" : "Coop.Stock.BadDelta");
        if (!Enum.IsDefined(Reason) || Note?.Length > 200) return Refuse("Coop.Stock.BadReason");
        var producerId = User.ProducerId()!.Value;
        var userId = User.FindFirstValue(ClaimTypes.NameIdentifier)!;
        var result = set
            ? await stock.SetAsync(producerId, id, number, Seen, Reason, Note, userId, ct)
            : await stock.AdjustAsync(producerId, id, number, Reason, Note, userId, ct);
        return result.Outcome switch
        {
            StockOutcome.NotFound => NotFound(),
            StockOutcome.Changed => RedirectToPage(new { id }),
            var refused => await RefuseAfterReloadAsync(id, "Coop.Stock.Refused." + refused, ct),
        };
    }

    private async Task<IActionResult> RefuseAfterReloadAsync(int id, string key, CancellationToken ct)
    {
        await LoadAsync(id, ct);
        return Refuse(key);
    }

    private async Task<bool> LoadAsync(int id, CancellationToken ct)
    {
        var product = await db.Mine(User).AsNoTracking().Where(p => p.Id == id).Select(p => new { p.Name, p.Stock }).SingleOrDefaultAsync(ct);
        if (product is null) return false;
        (Id, Name, Current) = (id, product.Name, product.Stock);
        History = await db.StockChanges.AsNoTracking().Where(s => s.ProductId == id).OrderByDescending(s => s.AtUtc).Take(20).ToListAsync(ct);
        return true;
    }

    private PageResult Refuse(string key)
    {
        ErrorKey = key;
        return Page();
    }
}
