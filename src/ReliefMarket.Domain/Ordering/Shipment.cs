namespace ReliefMarket.Domain.Ordering;

public enum ShipmentStatus { ToPack, Shipped, Delivered }

/// <summary>
/// One producer's part of one paid order: each cooperative packs and ships its own lines, so an order with
/// products from two producers travels as two parcels. ToPack → Shipped (carrier, tracking number) → Delivered.
/// The order follows its shipments (<see cref="Order.ShipIfAllShipped"/>, <see cref="Order.DeliverIfAllDelivered"/>).
/// </summary>
public class Shipment
{
    public const int MaxCarrierLength = 32;
    public const int MaxTrackingNumberLength = 40;

    private Shipment() { }

    private Shipment(Guid orderId, int producerId, DateTime createdAtUtc)
    {
        OrderId = orderId;
        ProducerId = producerId;
        CreatedAtUtc = createdAtUtc;
        Status = ShipmentStatus.ToPack;
    }

    /// <summary>One shipment per producer with lines in the order, made when the order becomes paid.</summary>
    public static IReadOnlyList<Shipment> ForPaidOrder(Order order, DateTime atUtc)
    {
        if (order.PaidAtUtc is null) throw new DomainException("Only a paid order has shipments.");
        return order.Lines.Select(l => l.ProducerId).Distinct().Order().Select(p => new Shipment(order.Id, p, atUtc)).ToList();
    }

    public long Id { get; private set; }
    public Guid OrderId { get; private set; }
    public int ProducerId { get; private set; }
    public ShipmentStatus Status { get; private set; }
    public DateTime CreatedAtUtc { get; private set; }
    /// <summary>The carrier's code from the configured list (e.g. SF, ZTO, OTHER).</summary>
    public string? Carrier { get; private set; }
    public string? TrackingNumber { get; private set; }
    public DateTime? ShippedAtUtc { get; private set; }
    public DateTime? DeliveredAtUtc { get; private set; }

    /// <summary>
    /// A tracking number as couriers print them: letters, digits and dashes, at most
    /// <see cref="MaxTrackingNumberLength"/> characters. Anything else is a typing mistake the buyer could not use.
    /// </summary>
    public static bool IsTrackingNumber(string? value) =>
        value is not null && value.Trim() is { Length: > 0 and <= MaxTrackingNumberLength } t && t.All(c => char.IsAsciiLetterOrDigit(c) || c == '-');

    public void Ship(string carrier, string trackingNumber, DateTime atUtc)
    {
        Require(Status == ShipmentStatus.ToPack, "ship");
        if (string.IsNullOrWhiteSpace(carrier) || carrier.Trim().Length > MaxCarrierLength) throw new DomainException("Shipping needs a carrier.");
        if (!IsTrackingNumber(trackingNumber)) throw new DomainException("Shipping needs a valid tracking number.");
        Status = ShipmentStatus.Shipped;
        Carrier = carrier.Trim();
        TrackingNumber = trackingNumber.Trim().ToUpperInvariant();
        ShippedAtUtc = atUtc;
    }

    public void MarkDelivered(DateTime atUtc)
    {
        Require(Status == ShipmentStatus.Shipped, "mark delivered");
        if (atUtc < ShippedAtUtc) throw new DomainException("A shipment cannot arrive before it was sent.");
        Status = ShipmentStatus.Delivered;
        DeliveredAtUtc = atUtc;
    }

    private void Require(bool allowed, string action)
    {
        if (!allowed) throw new DomainException($"Cannot {action} a shipment that is {Status}.");
    }
}
