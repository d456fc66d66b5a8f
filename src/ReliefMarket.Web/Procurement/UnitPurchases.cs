using Microsoft.Extensions.Options;
using ReliefMarket.Domain.Procurement;

namespace ReliefMarket.Web.Procurement;

/// <summary>
/// A buyer's bulk order for their work unit, placed in one transaction as checkout places a consumer's: every line's
/// stock reserved with a conditional update (in product id order), the lines snapshotted, the invoice request written.
/// It then waits for the unit's bank transfer (<see cref="TransferConfirmation"/>); the buyer is emailed how to pay.
/// </summary>
public sealed class UnitPurchases(AppDbContext db, Ordering.Stock stock, ProcurementEmails emails, Email.EmailOutbox outbox, TimeProvider clock,
    IOptions<ProcurementOptions> options)
{
    public abstract record Outcome;
    public sealed record Placed(Guid OrderId) : Outcome;
    /// <summary>No product was given a quantity above zero.</summary>
    public sealed record NothingOrdered : Outcome;
    /// <summary>A quantity below zero or above the unit ceiling.</summary>
    public sealed record OutOfRange(string ProductName, int Max) : Outcome;
    /// <summary>A product that is not (or no longer) for sale.</summary>
    public sealed record Unavailable : Outcome;
    public sealed record OutOfStock(string ProductName) : Outcome;
    public sealed record BadInvoiceTitle : Outcome;
    public sealed record BadTaxpayerId : Outcome;
    /// <summary>The listing cannot be sold as it stands (e.g. its producer's village shares are incomplete).</summary>
    public sealed record Unsellable(string ProductName) : Outcome;

    public int Ceiling => options.Value.MaxUnitsPerProduct;

    public async Task<Outcome> PlaceAsync(int workUnitId, string buyerId, IReadOnlyDictionary<int, int> quantities, string? invoiceTitle,
        string? taxpayerId, CancellationToken ct)
    {
        var wanted = quantities.Where(q => q.Value != 0).OrderBy(q => q.Key).ToList();
        var ids = wanted.Select(q => q.Key).ToList();
        var products = await db.Products.AsNoTracking().Include(p => p.Producer).Where(p => ids.Contains(p.Id) && p.IsListed).ToDictionaryAsync(p => p.Id, ct);
        if (wanted.FirstOrDefault(q => q.Value < 0 || q.Value > Ceiling) is { Key: > 0 } bad)
            return new OutOfRange(products.TryGetValue(bad.Key, out var p) ? p.Name.Current : bad.Key.ToString(System.Globalization.CultureInfo.InvariantCulture), Ceiling);
        if (wanted.Count == 0) return new NothingOrdered();
        if (products.Count != wanted.Count) return new Unavailable();
        if (!InvoiceDetails.IsTitle(invoiceTitle)) return new BadInvoiceTitle();
        if (!InvoiceDetails.IsTaxpayerId(taxpayerId)) return new BadTaxpayerId();
        var invoice = InvoiceDetails.Create(invoiceTitle, taxpayerId);

        var villageIds = products.Values.SelectMany(p => p.Producer.SourcingShares.Select(s => s.VillageId)).Distinct().ToList();
        var countyOf = await db.Villages.AsNoTracking().Where(v => villageIds.Contains(v.Id)).ToDictionaryAsync(v => v.Id, v => v.CountyId, ct);
        var today = ChinaTime.Today(clock);
        List<OrderLine> lines = [];
        foreach (var (id, quantity) in wanted)
        {
            try { lines.Add(OrderLine.Snapshot(products[id], products[id].Producer, countyOf, quantity, today)); }
            catch (DomainException) { return new Unsellable(products[id].Name.Current); }
        }

        var outcome = await db.RetryAsync(async t =>
        {
            await using var tx = await db.Database.BeginTransactionAsync(t);
            var unit = await db.WorkUnits.AsNoTracking().SingleAsync(u => u.Id == workUnitId, t);
            var now = clock.GetUtcNow().UtcDateTime;
            var order = Order.ForProcurement(Guid.NewGuid(), lines, unit.DeliveryAddress, now, now.AddDays(options.Value.PaymentDays));
            // Reserve last and in product id order, as checkout does, so two orders of the same products cannot deadlock.
            foreach (var line in order.Lines.OrderBy(l => l.ProductId))
                if (!await stock.TryReserveAsync(line.ProductId, line.Quantity, t))
                    return (Outcome)new OutOfStock(line.ProductName.Current); // disposing the transaction rolls back earlier reservations
            db.Orders.Add(order);
            var purchase = new ProcurementOrder(order.Id, workUnitId, buyerId, invoice, now);
            db.ProcurementOrders.Add(purchase);
            await emails.PlacedAsync(order, purchase, t);
            await db.SaveChangesAsync(t);
            await tx.CommitAsync(t);
            return new Placed(order.Id);
        }, ct);
        db.ChangeTracker.Clear();
        if (outcome is Placed)
        {
            outbox.SendSoon();
            await stock.StockChangedAsync(ct);
        }
        return outcome;
    }
}
