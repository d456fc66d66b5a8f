using Microsoft.AspNetCore.OutputCaching;

namespace ReliefMarket.Web.Ordering;

/// <summary>
/// Stock moves as single conditional UPDATEs in the database ("take 3 if at least 3 are left"), so two
/// buyers can never both take the last unit, on SQLite and PostgreSQL alike. The database's CHECK
/// (stock >= 0) is the last line of defence. Callers run these inside their transaction.
/// </summary>
public sealed class Stock(AppDbContext db, IOutputCacheStore cache)
{
    public async Task<bool> TryReserveAsync(int productId, int quantity, CancellationToken ct) =>
        await db.Products.Where(p => p.Id == productId && p.IsListed && p.Stock >= quantity)
            .ExecuteUpdateAsync(s => s.SetProperty(p => p.Stock, p => p.Stock - quantity), ct) == 1;

    /// <summary>
    /// Goods a device already sold: taken whether or not the listing is still online, but never below zero (false
    /// when there are not enough; the caller flags the sale instead).
    /// </summary>
    public async Task<bool> TryTakeSoldAsync(int productId, int quantity, CancellationToken ct) =>
        await db.Products.Where(p => p.Id == productId && p.Stock >= quantity)
            .ExecuteUpdateAsync(s => s.SetProperty(p => p.Stock, p => p.Stock - quantity), ct) == 1;

    public async Task ReleaseAsync(Order order, CancellationToken ct)
    {
        // Rows are always taken in product id order, as in placement, so two transactions never wait on each other in a circle.
        foreach (var line in order.Lines.OrderBy(l => l.ProductId))
            await db.Products.Where(p => p.Id == line.ProductId)
                .ExecuteUpdateAsync(s => s.SetProperty(p => p.Stock, p => p.Stock + line.Quantity), ct);
    }

    /// <summary>Stock shows on cached catalog pages; call after the transaction that moved it has committed.</summary>
    public Task StockChangedAsync(CancellationToken ct) => CatalogCache.ChangedAsync(db, cache, ct);
}
