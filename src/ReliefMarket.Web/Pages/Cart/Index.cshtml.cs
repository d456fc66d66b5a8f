using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Options;
using ReliefMarket.Web.Ordering;
using ReliefMarket.Web.Payments;

namespace ReliefMarket.Web.Pages.Cart;

public class IndexModel(AppDbContext db, CartStore carts, IOptions<ShippingOptions> shipping, TimeProvider clock) : PageModel
{
    public CartSummary Summary { get; private set; } = new([], Money.Zero, Money.Zero);
    public ShippingOptions Shipping => shipping.Value;
    public string? Message { get; private set; }

    public async Task OnGetAsync(string? added, string? error, CancellationToken ct)
    {
        Summary = await CartSummary.LoadAsync(db, await carts.FindAsync(ct), shipping.Value, ct);
        Message = error switch
        {
            "full" => "Cart.Full",
            "quantity" => "Cart.BadQuantity",
            "soldout" => "Cart.SoldOut",
            _ => added is not null && Summary.Items.Any(i => i.Slug == added) ? "Cart.Added" : null,
        };
    }

    public async Task<IActionResult> OnPostUpdateAsync(int productId, string? quantity, CancellationToken ct)
    {
        var cart = await carts.FindAsync(ct);
        if (cart is null || cart.Lines.All(l => l.ProductId != productId)) return RedirectToPage();
        if (!int.TryParse(quantity, out var q) || q is < 1 or > ReliefMarket.Domain.Ordering.Cart.MaxQuantity)
            return RedirectToPage(new { error = "quantity" });
        var available = await db.Products.Where(p => p.Id == productId).Select(p => p.Stock).SingleAsync(ct);
        cart.SetQuantity(productId, q, available, clock.GetUtcNow().UtcDateTime);
        await db.SaveChangesAsync(ct);
        return RedirectToPage();
    }

    public async Task<IActionResult> OnPostRemoveAsync(int productId, CancellationToken ct)
    {
        var cart = await carts.FindAsync(ct);
        if (cart is not null)
        {
            cart.Remove(productId, clock.GetUtcNow().UtcDateTime);
            await db.SaveChangesAsync(ct);
        }
        return RedirectToPage();
    }
}
