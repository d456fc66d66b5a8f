using ReliefMarket.Web.Ordering;

namespace ReliefMarket.Web.Listings;

public enum StockOutcome { Changed, NotFound, BelowZero, TooLarge, ChangedMeanwhile }

public sealed record StockResult(StockOutcome Outcome, int Stock);

/// <summary>
/// A member's stock changes, as single conditional UPDATEs like <see cref="Stock"/>: an adjustment applies to
/// whatever the row holds when it runs (so it composes with buyers taking units at the same moment) and is
/// refused if it would go below zero; setting a figure succeeds only if stock is still what the member saw.
/// Units of paid orders not yet shipped were taken out of stock when those orders were placed, so "below zero"
/// is exactly "below what those orders need". ExecuteUpdate bypasses the change tracker, so the catalog cache is
/// evicted here explicitly.
/// </summary>
public sealed class ListingStock(AppDbContext db, Stock stock, TimeProvider clock)
{
    public Task<StockResult> AdjustAsync(int producerId, int productId, int delta, StockChangeReason reason, string? note, string userId, CancellationToken ct) =>
        ChangeAsync(producerId, productId, delta, expected: null, reason, note, userId, ct);

    public async Task<StockResult> SetAsync(int producerId, int productId, int newStock, int expected, StockChangeReason reason, string? note, string userId, CancellationToken ct)
    {
        if (newStock < 0) return new(StockOutcome.BelowZero, expected);
        if (newStock > Product.MaxStock) return new(StockOutcome.TooLarge, expected);
        if (newStock == expected) return new(StockOutcome.Changed, expected);
        return await ChangeAsync(producerId, productId, newStock - expected, expected, reason, note, userId, ct);
    }

    private async Task<StockResult> ChangeAsync(int producerId, int productId, int delta, int? expected, StockChangeReason reason, string? note,
        string userId, CancellationToken ct)
    {
        var result = await db.RetryAsync(async c =>
        {
            await using var tx = await db.Database.BeginTransactionAsync(c);
            var mine = db.Products.Where(p => p.Id == productId && p.ProducerId == producerId);
            var current = await mine.Select(p => (int?)p.Stock).SingleOrDefaultAsync(c);
            if (current is null) return new StockResult(StockOutcome.NotFound, 0);
            if (delta == 0) return new StockResult(StockOutcome.Changed, current.Value);
            var rows = await mine
                .Where(p => expected == null ? p.Stock + delta >= 0 && p.Stock + delta <= Product.MaxStock : p.Stock == expected)
                .ExecuteUpdateAsync(s => s.SetProperty(p => p.Stock, p => p.Stock + delta), c);
            var after = await mine.Select(p => p.Stock).SingleAsync(c);
            if (rows == 0)
                return new StockResult(expected is not null ? StockOutcome.ChangedMeanwhile
                    : after + delta < 0 ? StockOutcome.BelowZero : StockOutcome.TooLarge, after);
            stock.Moved(productId, after - delta, after);
            db.StockChanges.Add(new StockChange(productId, delta, after, reason, note, userId, clock.GetUtcNow().UtcDateTime));
            await db.SaveChangesAsync(c);
            await tx.CommitAsync(c);
            return new StockResult(StockOutcome.Changed, after);
        }, ct);
        if (result.Outcome == StockOutcome.Changed) await stock.StockChangedAsync(ct);
        return result;
    }
}
