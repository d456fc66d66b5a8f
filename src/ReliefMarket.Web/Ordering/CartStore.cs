namespace ReliefMarket.Web.Ordering;

/// <summary>
/// Finds the cart of whoever is asking: a signed-in consumer's stored cart, or an anonymous cart named by a
/// cookie. At sign-in the anonymous cart is merged into the account's.
/// </summary>
public sealed class CartStore(AppDbContext db, IHttpContextAccessor http, TimeProvider clock)
{
    public const string CookieName = "rm_cart";

    private HttpContext Http => http.HttpContext ?? throw new InvalidOperationException("No request.");
    private string? UserId => Http.User.Identity?.IsAuthenticated == true ? Http.User.FindFirst(System.Security.Claims.ClaimTypes.NameIdentifier)?.Value : null;
    private DateTime Now => clock.GetUtcNow().UtcDateTime;

    public async Task<Cart?> FindAsync(CancellationToken ct) =>
        UserId is { } userId ? await db.Carts.SingleOrDefaultAsync(c => c.UserId == userId, ct) : await AnonymousAsync(ct);

    public async Task<Cart> GetOrCreateAsync(CancellationToken ct)
    {
        if (await FindAsync(ct) is { } cart) return cart;
        cart = new Cart(Guid.NewGuid(), UserId, Now);
        db.Carts.Add(cart);
        if (UserId is null) RememberAnonymous(cart.Id);
        return cart;
    }

    /// <summary>Moves the anonymous cart (if any) into <paramref name="userId"/>'s cart and forgets the cookie.</summary>
    public async Task MergeIntoAsync(string userId, CancellationToken ct)
    {
        var anonymous = await AnonymousAsync(ct);
        if (anonymous is null) return;
        var mine = await db.Carts.SingleOrDefaultAsync(c => c.UserId == userId, ct);
        if (mine is null) db.Carts.Add(mine = new Cart(Guid.NewGuid(), userId, Now));
        mine.MergeFrom(anonymous, Now);
        db.Carts.Remove(anonymous);
        await db.SaveChangesAsync(ct);
        Http.Response.Cookies.Delete(CookieName);
    }

    private async Task<Cart?> AnonymousAsync(CancellationToken ct) =>
        Guid.TryParse(Http.Request.Cookies[CookieName], out var id)
            ? await db.Carts.SingleOrDefaultAsync(c => c.Id == id && c.UserId == null, ct)
            : null;

    private void RememberAnonymous(Guid id) =>
        Http.Response.Cookies.Append(CookieName, id.ToString("N"), new CookieOptions
        {
            HttpOnly = true, IsEssential = true, SameSite = SameSiteMode.Lax, Secure = Http.Request.IsHttps,
            Expires = DateTimeOffset.UtcNow.AddDays(30),
        });
}
