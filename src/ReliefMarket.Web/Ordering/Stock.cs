using Microsoft.AspNetCore.OutputCaching;

namespace ReliefMarket.Web.Ordering;

/// <summary>
/// Stock moves as single conditional UPDATEs in the database ("take 3 if at least 3 are left"), so two
/// buyers can never both take the last unit, on SQLite and PostgreSQL alike. The database's CHECK
/// (stock >= 0) is the last line of defence. Callers run these inside their transaction.
/// </summary>
public sealed class Stock(AppDbContext db, IOutputCacheStore cache)
{
    // What the moves made through this instance since the last StockChangedAsync changed on the catalog pages. A move
    // in a transaction that was rolled back and retried is counted too: evicting a page too many is harmless.
    private readonly HashSet<int> _productPagesChanged = [];
    private bool _moved, _everyPageChanged;

    public async Task<bool> TryReserveAsync(int productId, int quantity, CancellationToken ct)
    {
        // One statement takes the units and reads back what it left (RETURNING: SQLite 3.35+, PostgreSQL): the row is
        // locked from here to the commit, so the fewer round trips follow it, the sooner the next buyer gets it.
        var left = await db.Database.SqlQuery<int>(
                $"UPDATE products SET stock = stock - {quantity} WHERE id = {productId} AND is_listed AND stock >= {quantity} RETURNING stock AS \"Value\"")
            .ToListAsync(ct);
        if (left is not [var after]) return false;
        Moved(productId, after + quantity, after);
        return true;
    }

    /// <summary>
    /// Goods a device already sold: taken whether or not the listing is still online, but never below zero (false
    /// when there are not enough; the caller flags the sale instead).
    /// </summary>
    public async Task<bool> TryTakeSoldAsync(int productId, int quantity, CancellationToken ct)
    {
        // Batches of device sales are not worth a read-back per line: they evict the whole catalog, as they always did.
        var taken = await db.Products.Where(p => p.Id == productId && p.Stock >= quantity)
            .ExecuteUpdateAsync(s => s.SetProperty(p => p.Stock, p => p.Stock - quantity), ct) == 1;
        if (taken) (_moved, _everyPageChanged) = (true, true);
        return taken;
    }

    public async Task ReleaseAsync(Order order, CancellationToken ct)
    {
        // Rows are always taken in product id order, as in placement, so two transactions never wait on each other in a circle.
        foreach (var line in order.Lines.OrderBy(l => l.ProductId))
            if (await db.Database.SqlQuery<int>(
                    $"UPDATE products SET stock = stock + {line.Quantity} WHERE id = {line.ProductId} RETURNING stock AS \"Value\"").ToListAsync(ct) is [var after])
                Moved(line.ProductId, after - line.Quantity, after);
    }

    /// <summary>Notes a move made elsewhere (a member's adjustment), for <see cref="StockChangedAsync"/>.</summary>
    public void Moved(int productId, int before, int after)
    {
        _moved = true;
        if (before == 0 != (after == 0)) _everyPageChanged = true;
        else if (Pages.Products.DetailsModel.ShownStock(before) != Pages.Products.DetailsModel.ShownStock(after)) _productPagesChanged.Add(productId);
    }

    /// <summary>
    /// Stock shows on cached catalog pages; call after the transaction that moved it has committed. Only pages whose
    /// text changed are evicted: a product page when the stock it shows changed (sold out, "only 3 left", the quantity
    /// field's maximum), every catalog page when a product sold out or came back (cards, sorting, the in-stock filter).
    /// During a flash sale most orders change neither, and the cache stays warm (docs/decisions/0024).
    /// </summary>
    public async Task StockChangedAsync(CancellationToken ct)
    {
        var (everyPage, products) = (_everyPageChanged || !_moved, _productPagesChanged.ToList());
        (_moved, _everyPageChanged) = (false, false);
        _productPagesChanged.Clear();
        if (everyPage) await CatalogCache.ChangedAsync(db, cache, ct);
        else
            foreach (var productId in products)
                await CatalogCache.ProductChangedAsync(db, cache, productId, ct);
    }
}
