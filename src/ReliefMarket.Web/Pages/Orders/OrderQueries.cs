namespace ReliefMarket.Web.Pages.Orders;

/// <summary>Orders as their owner may see them: another person's order id is simply not found.</summary>
public static class OrderQueries
{
    public static string? UserId(this System.Security.Claims.ClaimsPrincipal user) =>
        user.FindFirst(System.Security.Claims.ClaimTypes.NameIdentifier)?.Value;

    public static Task<Order?> FindOwnAsync(this AppDbContext db, Guid id, string userId, CancellationToken ct) =>
        db.Orders.Include(o => o.Lines).SingleOrDefaultAsync(o => o.Id == id && o.CustomerId == userId, ct);
}
