using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Options;
using ReliefMarket.Web.Email;
using ReliefMarket.Web.Payments;
using ReliefMarket.Domain.Settlement;

namespace ReliefMarket.Web.Ordering;

public enum ShipOutcome { Shipped, NotFound, UnknownCarrier, BadTrackingNumber, NotToPack, OrderRefunded }

public enum DeliverOutcome { Delivered, NotFound, NotShipped }

/// <summary>
/// A cooperative member sends or closes one of their producer's shipments; the order follows once every producer's
/// parcel has. Each change is one transaction on the locked order row, so two producers shipping the same order at
/// once each see the other's parcel and exactly one of them moves the order to Shipped.
/// </summary>
public sealed class Fulfilment(AppDbContext db, IOptions<ShippingOptions> shipping, IOptions<Settlement.SettlementOptions> settlement,
    EmailOutbox outbox, EmailTemplates templates, TimeProvider clock)
{
    public async Task<ShipOutcome> ShipAsync(int producerId, long shipmentId, string? carrier, string? trackingNumber, CancellationToken ct)
    {
        var emailed = false;
        var outcome = await ChangeAsync(producerId, shipmentId, ShipOutcome.NotFound, async (order, shipment, all, t) =>
        {
            if (carrier is null || !shipping.Value.CarrierCodes.Contains(carrier)) return ShipOutcome.UnknownCarrier;
            if (!Shipment.IsTrackingNumber(trackingNumber)) return ShipOutcome.BadTrackingNumber;
            if (shipment.Status != ShipmentStatus.ToPack) return ShipOutcome.NotToPack;
            // Everything paid was given back: there is nothing left the buyer is owed.
            if (order.Status == OrderStatus.Refunded) return ShipOutcome.OrderRefunded;
            shipment.Ship(carrier, trackingNumber!, Now);
            order.ShipIfAllShipped(all, Now);
            emailed = await EmailCustomerAsync(order, shipment, t);
            return ShipOutcome.Shipped;
        }, ct);
        if (emailed && outcome == ShipOutcome.Shipped) outbox.SendSoon();
        return outcome;
    }

    public Task<DeliverOutcome> DeliverAsync(int producerId, long shipmentId, CancellationToken ct) =>
        ChangeAsync(producerId, shipmentId, DeliverOutcome.NotFound, async (order, shipment, all, t) =>
        {
            if (shipment.Status != ShipmentStatus.Shipped) return DeliverOutcome.NotShipped;
            shipment.MarkDelivered(Now);
            if (order.Status != OrderStatus.Refunded && order.DeliverIfAllDelivered(all, Now))
            {
                // What the producers' settlement held back for this order comes free some days from now (decision 0027).
                var held = await db.AttributionEntries.AsNoTracking().Where(e => e.OrderId == order.Id && e.Held).ToListAsync(t);
                db.HoldReleases.AddRange(HoldRelease.ForDelivered(order.Id, Now, held, settlement.Value.HoldDays));
            }
            return DeliverOutcome.Delivered;
        }, ct);

    private DateTime Now => clock.GetUtcNow().UtcDateTime;

    private Task<T> ChangeAsync<T>(int producerId, long shipmentId, T notFound,
        Func<Order, Shipment, IReadOnlyCollection<Shipment>, CancellationToken, Task<T>> change, CancellationToken ct) =>
        db.RetryAsync(async t =>
        {
            await using var tx = await db.Database.BeginTransactionAsync(t);
            // Scoped to the member's producer: another producer's shipment id is simply not found, and nothing changes.
            var orderId = await db.Shipments.Where(s => s.Id == shipmentId && s.ProducerId == producerId)
                .Select(s => (Guid?)s.OrderId).SingleOrDefaultAsync(t);
            if (orderId is not { } id) return notFound;
            await db.LockOrderAsync(id, t);
            var order = await db.Orders.Include(o => o.Lines).SingleAsync(o => o.Id == id, t);
            var all = await db.Shipments.Where(s => s.OrderId == id).ToListAsync(t);
            var result = await change(order, all.Single(s => s.Id == shipmentId), all, t);
            await db.SaveChangesAsync(t);
            await tx.CommitAsync(t);
            return result;
        }, ct);

    /// <summary>Writes the "on its way" email into the outbox inside the current transaction, in the buyer's language.</summary>
    private async Task<bool> EmailCustomerAsync(Order order, Shipment shipment, CancellationToken ct)
    {
        if (order.CustomerId is null) return false;
        var customer = await db.Users.AsNoTracking().Where(u => u.Id == order.CustomerId)
            .Select(u => new { u.Email, u.PreferredCulture }).SingleOrDefaultAsync(ct);
        if (customer?.Email is null) return false;
        outbox.Add(customer.Email, templates.ShipmentSent(customer.PreferredCulture, order, shipment, outbox.Link($"/orders/{order.Id}")), "shipment-sent");
        return true;
    }
}

/// <summary>A carrier's name in the reader's language: its Shipment.Carrier.{code} string, or the configured code itself.</summary>
public static class CarrierNames
{
    public static string Name(this IStringLocalizer localizer, string? code)
    {
        if (string.IsNullOrEmpty(code)) return "";
        var name = localizer["Shipment.Carrier." + code];
        return name.ResourceNotFound ? code : name.Value;
    }
}
