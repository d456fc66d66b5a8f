using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using ReliefMarket.Web.Ordering;

namespace ReliefMarket.Web.Pages.Cart;

/// <summary>
/// POST /cart/add from a product page. Product pages are output-cached and so cannot carry a per-visitor
/// antiforgery token; this one handler relies instead on SameSite=Lax cookies plus a same-origin check
/// (docs/decisions/0006). Every other form keeps its antiforgery token.
/// </summary>
[IgnoreAntiforgeryToken]
public class AddModel(AppDbContext db, CartStore carts, TimeProvider clock, Hosting.SiteLinks links) : PageModel
{
    public IActionResult OnGet() => Redirect("/cart");

    public async Task<IActionResult> OnPostAsync(string? slug, string? quantity, CancellationToken ct)
    {
        if (!SameOrigin.IsSameOrigin(Request, links.BaseUrl)) return StatusCode(StatusCodes.Status403Forbidden);
        var product = Slug.IsValid(slug) ? await db.Products.AsNoTracking().SingleOrDefaultAsync(p => p.Slug == slug && p.IsListed, ct) : null;
        if (product is null) return NotFound();
        if (!int.TryParse(quantity ?? "1", out var q) || q is < 1 or > ReliefMarket.Domain.Ordering.Cart.MaxQuantity)
            return Redirect("/cart?error=quantity");
        if (product.Stock == 0) return Redirect("/cart?error=soldout");

        var cart = await carts.GetOrCreateAsync(ct);
        try
        {
            cart.Add(product.Id, q, product.Price, product.Stock, clock.GetUtcNow().UtcDateTime);
        }
        catch (DomainException)
        {
            return Redirect("/cart?error=full");
        }
        await db.SaveChangesAsync(ct);
        return Redirect($"/cart?added={product.Slug}");
    }
}
