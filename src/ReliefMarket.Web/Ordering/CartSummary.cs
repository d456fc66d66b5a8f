using System.Security.Cryptography;
using System.Text;

namespace ReliefMarket.Web.Ordering;

/// <summary>A cart line as it stands now: current price and stock beside the price the shopper saw when adding it.</summary>
public sealed record CartItem(int ProductId, string Slug, LocalizedText Name, LocalizedText Unit, string ImagePath,
    Money Price, Money PriceWhenAdded, int Quantity, int Stock, bool Listed)
{
    public Money Total => Price * Quantity;
    public bool PriceChanged => Price != PriceWhenAdded;
    public bool Available => Listed && Stock >= Quantity;
}

/// <summary>
/// The cart priced now. <see cref="Quote"/> fingerprints exactly what the shopper is shown (lines, quantities,
/// prices, shipping): checkout refuses to place an order when the quote it showed is no longer the current one.
/// </summary>
public sealed record CartSummary(IReadOnlyList<CartItem> Items, Money Subtotal, Money Shipping)
{
    public Money Total => Subtotal + Shipping;
    public bool IsEmpty => Items.Count == 0;

    public string Quote => Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(
        string.Join(';', Items.Select(i => $"{i.ProductId}:{i.Quantity}:{i.Price.Fen}")) + $"|{Shipping.Fen}")))[..24];

    public static async Task<CartSummary> LoadAsync(AppDbContext db, Cart? cart, Payments.ShippingOptions shipping, CancellationToken ct)
    {
        if (cart is null || cart.Lines.Count == 0) return new([], Money.Zero, Money.Zero);
        var ids = cart.Lines.Select(l => l.ProductId).ToList();
        var products = await db.Products.AsNoTracking().Where(p => ids.Contains(p.Id))
            .Select(p => new Priced(p.Id, p.Slug, p.Name, p.Unit, p.ImagePath, p.Price, p.Stock, p.IsListed))
            .ToListAsync(ct);
        return Of(cart, products, shipping);
    }

    /// <summary>The cart priced with products already loaded (checkout loads them whole, for the order's snapshots).</summary>
    public static CartSummary From(Cart? cart, IEnumerable<Product> products, Payments.ShippingOptions shipping) =>
        Of(cart, products.Select(p => new Priced(p.Id, p.Slug, p.Name, p.Unit, p.ImagePath, p.Price, p.Stock, p.IsListed)), shipping);

    private sealed record Priced(int Id, string Slug, LocalizedText Name, LocalizedText Unit, string ImagePath, Money Price, int Stock, bool IsListed);

    private static CartSummary Of(Cart? cart, IEnumerable<Priced> priced, Payments.ShippingOptions shipping)
    {
        if (cart is null || cart.Lines.Count == 0) return new([], Money.Zero, Money.Zero);
        var products = priced.ToDictionary(p => p.Id);
        var items = cart.Lines.Where(l => products.ContainsKey(l.ProductId)).Select(l =>
        {
            var p = products[l.ProductId];
            return new CartItem(p.Id, p.Slug, p.Name, p.Unit, p.ImagePath, p.Price, l.PriceWhenAdded, l.Quantity, p.Stock, p.IsListed);
        }).ToList();
        var subtotal = Money.Sum(items.Select(i => i.Total));
        return new(items, subtotal, items.Count == 0 ? Money.Zero : shipping.FeeFor(subtotal));
    }
}
