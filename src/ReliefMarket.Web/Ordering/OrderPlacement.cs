using Microsoft.Extensions.Options;

namespace ReliefMarket.Web.Ordering;

/// <summary>
/// Turns a signed-in consumer's cart into an order in one transaction: reserve every line's stock with a
/// conditional update, snapshot the lines, empty the cart. Any failure rolls everything back.
/// </summary>
public sealed class OrderPlacement(AppDbContext db, Stock stock, TimeProvider clock, IOptions<Payments.ShippingOptions> shipping)
{
    public abstract record Outcome;
    public sealed record Placed(Order Order) : Outcome;
    /// <summary>Prices, quantities or shipping differ from the quote the shopper confirmed: show them again.</summary>
    public sealed record QuoteChanged(CartSummary Current) : Outcome;
    public sealed record OutOfStock(CartItem Item) : Outcome;
    public sealed record EmptyCart : Outcome;

    public async Task<Outcome> PlaceAsync(string userId, ShippingAddress address, string confirmedQuote, CancellationToken ct)
    {
        var outcome = await db.RetryAsync(t => PlaceOnceAsync(userId, address, confirmedQuote, t), ct);
        if (outcome is Placed) await stock.StockChangedAsync(ct);
        return outcome;
    }

    private async Task<Outcome> PlaceOnceAsync(string userId, ShippingAddress address, string confirmedQuote, CancellationToken ct)
    {
        Order order;
        await using (var tx = await db.Database.BeginTransactionAsync(ct))
        {
            // A second submission of the same checkout waits here and then finds the cart empty.
            await db.LockCartAsync(userId, ct);
            var cart = await db.Carts.SingleOrDefaultAsync(c => c.UserId == userId, ct);
            var summary = await CartSummary.LoadAsync(db, cart, shipping.Value, ct);
            if (summary.IsEmpty) return new EmptyCart();
            if (summary.Quote != confirmedQuote) return new QuoteChanged(summary);

            var ids = summary.Items.Select(i => i.ProductId).ToList();
            var products = await db.Products.AsNoTracking().Include(p => p.Producer).Where(p => ids.Contains(p.Id)).ToDictionaryAsync(p => p.Id, ct);
            var villageIds = products.Values.SelectMany(p => p.Producer.SourcingShares.Select(s => s.VillageId)).Distinct().ToList();
            var countyOf = await db.Villages.Where(v => villageIds.Contains(v.Id)).ToDictionaryAsync(v => v.Id, v => v.CountyId, ct);
            var today = ChinaTime.Today(clock);
            var lines = summary.Items.Select(i => OrderLine.Snapshot(products[i.ProductId], products[i.ProductId].Producer, countyOf, i.Quantity, today)).ToList();

            order = new Order(Guid.NewGuid(), userId, Channel.Online, lines, summary.Shipping, clock.GetUtcNow().UtcDateTime, address);

            // Reserve last: the row locks on hot products are then held only for the insert and the commit. In product
            // id order, like every stock change, so two carts with the same products in another order cannot deadlock.
            foreach (var item in summary.Items.OrderBy(i => i.ProductId))
                if (!await stock.TryReserveAsync(item.ProductId, item.Quantity, ct))
                    return new OutOfStock(item); // disposing the transaction rolls back earlier reservations

            db.Orders.Add(order);
            cart!.Clear(clock.GetUtcNow().UtcDateTime);
            await db.SaveChangesAsync(ct);
            await tx.CommitAsync(ct);
        }
        return new Placed(order);
    }
}
