namespace ReliefMarket.Web.Ordering;

/// <summary>
/// GET /cart/count: how many units are in the asker's cart, for the header's badge. Catalog pages are cached and shared,
/// so the count is the one personal thing on them and comes after load, from /js/header.js (docs/decisions/0024).
/// </summary>
public static class CartCount
{
    public const string Path = "/cart/count";

    public static void MapCartCount(this WebApplication app) =>
        app.MapGet(Path, async (HttpContext http, CartStore carts, CancellationToken ct) =>
        {
            http.Response.Headers.CacheControl = "no-store";
            var cart = await carts.FindAsync(ct);
            return Results.Json(new { count = cart?.Lines.Sum(l => l.Quantity) ?? 0 });
        });
}
