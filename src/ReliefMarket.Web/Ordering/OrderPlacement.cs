using Microsoft.Extensions.Options;

namespace ReliefMarket.Web.Ordering;

/// <summary>
/// Turns a signed-in consumer's cart into an order in one transaction: reserve every line's stock with a
/// conditional update, snapshot the lines, empty the cart. Any failure rolls everything back.
/// </summary>
public sealed class OrderPlacement(AppDbContext db, Stock stock, TimeProvider clock, IOptions<Payments.ShippingOptions> shipping,
    IOptions<OrderingOptions> limits)
{
    public abstract record Outcome;
    public sealed record Placed(Order Order) : Outcome;
    /// <summary>Prices, quantities or shipping differ from the quote the shopper confirmed: show them again.</summary>
    public sealed record QuoteChanged(CartSummary Current) : Outcome;
    public sealed record OutOfStock(CartItem Item) : Outcome;
    public sealed record EmptyCart : Outcome;
    /// <summary>The account already has this many unpaid orders holding stock.</summary>
    public sealed record TooManyUnpaidOrders(int Max) : Outcome;
    /// <summary>With this checkout the account would hold more than <paramref name="Max"/> units of one product unpaid.</summary>
    public sealed record TooManyUnitsHeld(string ProductName, int Max) : Outcome;

    public Task<Outcome> PlaceAsync(string userId, ShippingAddress address, string confirmedQuote, CancellationToken ct) =>
        PlaceAsync(userId, address, confirmedQuote, campaignCode: null, ct);

    /// <param name="campaignCode">The livestream campaign whose link the buyer followed (its cookie), if any: see <see cref="Channels.Campaigns.CampaignLink"/>.</param>
    public async Task<Outcome> PlaceAsync(string userId, ShippingAddress address, string confirmedQuote, string? campaignCode, CancellationToken ct)
    {
        var outcome = await db.RetryAsync(t => PlaceOnceAsync(userId, address, confirmedQuote, campaignCode, t), ct);
        if (outcome is Placed) await stock.StockChangedAsync(ct);
        return outcome;
    }

    // Round trips are what a flash sale waits on (docs/decisions/0024): the cart is read with its lock, the products with
    // their producers once (for the quote and the snapshots), the account's held units in one query, and the hot product
    // rows are locked only by the last statements before the commit.
    private async Task<Outcome> PlaceOnceAsync(string userId, ShippingAddress address, string confirmedQuote, string? campaignCode, CancellationToken ct)
    {
        Order order;
        await using (var tx = await db.Database.BeginTransactionAsync(ct))
        {
            // A second submission of the same checkout waits here and then finds the cart empty.
            var cart = await db.LockCartAsync(userId, ct);
            if (cart is null || cart.Lines.Count == 0) return new EmptyCart();
            var ids = cart.Lines.Select(l => l.ProductId).ToList();
            var products = await db.Products.AsNoTracking().Include(p => p.Producer).Where(p => ids.Contains(p.Id)).ToDictionaryAsync(p => p.Id, ct);
            var summary = CartSummary.From(cart, products.Values, shipping.Value);
            if (summary.IsEmpty) return new EmptyCart();
            if (summary.Quote != confirmedQuote) return new QuoteChanged(summary);
            // Under the cart lock, so two checkouts of one account cannot both slip under the limit.
            if (await HoldLimitAsync(userId, summary, ct) is { } overLimit) return overLimit;

            var villageIds = products.Values.SelectMany(p => p.Producer.SourcingShares.Select(s => s.VillageId)).Distinct().ToList();
            var countyOf = await db.Villages.Where(v => villageIds.Contains(v.Id)).ToDictionaryAsync(v => v.Id, v => v.CountyId, ct);
            var today = ChinaTime.Today(clock);
            var lines = summary.Items.Select(i => OrderLine.Snapshot(products[i.ProductId], products[i.ProductId].Producer, countyOf, i.Quantity, today)).ToList();

            var campaign = await Channels.Campaigns.CampaignLink.ForOrderAsync(db, campaignCode, ids, today, ct);
            order = new Order(Guid.NewGuid(), userId, campaign is null ? Channel.Online : Channel.Livestream, lines, summary.Shipping,
                clock.GetUtcNow().UtcDateTime, address);
            if (campaign is { } campaignId) order.FromCampaign(campaignId);

            db.Orders.Add(order);
            cart.Clear(clock.GetUtcNow().UtcDateTime);
            await db.SaveChangesAsync(ct);

            // Reserve last: a hot product's row is then locked only for its UPDATE and the commit. In product id order,
            // like every stock change, so two carts with the same products in another order cannot deadlock.
            foreach (var item in summary.Items.OrderBy(i => i.ProductId))
                if (!await stock.TryReserveAsync(item.ProductId, item.Quantity, ct))
                {
                    // Disposing the transaction rolls back the order, the emptied cart and earlier reservations; the
                    // tracked copies must go too, or the page would show the cart as saved (empty).
                    db.ChangeTracker.Clear();
                    return new OutOfStock(item);
                }
            await tx.CommitAsync(ct);
        }
        return new Placed(order);
    }

    /// <summary>
    /// One account may not hold too much unpaid: at most so many open unpaid orders, and so many units of a product
    /// across them and this cart. Checked inside the placing transaction, after the account's cart row is locked.
    /// </summary>
    private async Task<Outcome?> HoldLimitAsync(string userId, CartSummary cart, CancellationToken ct)
    {
        var max = limits.Value;
        // Every order has a line, so the open orders are the distinct orders of the held lines: one query for both limits.
        var held = await db.OrderLines
            .Where(l => db.Orders.Any(o => o.Id == l.OrderId && o.CustomerId == userId && o.Status == OrderStatus.PendingPayment))
            .Select(l => new { l.OrderId, l.ProductId, Units = l.Quantity }).ToListAsync(ct);
        if (held.Select(l => l.OrderId).Distinct().Count() >= max.MaxOpenUnpaidOrders) return new TooManyUnpaidOrders(max.MaxOpenUnpaidOrders);
        var over = cart.Items.FirstOrDefault(i => i.Quantity + held.Where(l => l.ProductId == i.ProductId).Sum(l => l.Units) > max.MaxUnitsPerProduct);
        return over is null ? null : new TooManyUnitsHeld(over.Name.Current, max.MaxUnitsPerProduct);
    }
}
