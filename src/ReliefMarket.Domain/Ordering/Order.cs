namespace ReliefMarket.Domain.Ordering;

/// <summary>
/// An order and its status machine: PendingPayment → Paid → Shipped → Delivered, with Cancelled
/// (unpaid only) and PartiallyRefunded / Refunded. Illegal transitions throw <see cref="DomainException"/>.
/// Carriers and tracking numbers belong to its <see cref="Shipment"/>s (one per producer); the order only follows them.
/// </summary>
public class Order
{
    private readonly List<OrderLine> _lines = [];

    private Order() { }

    /// <summary>How long an unpaid order holds its stock.</summary>
    public static readonly TimeSpan PaymentHold = TimeSpan.FromMinutes(30);

    public Order(Guid id, string? customerId, Channel channel, IEnumerable<OrderLine> lines, Money shippingFee, DateTime createdAtUtc,
        ShippingAddress? shippingAddress = null)
    {
        _lines.AddRange(lines);
        if (_lines.Count == 0) throw new DomainException("An order needs at least one line.");
        if (shippingFee.IsNegative) throw new DomainException("A shipping fee cannot be negative.");
        Id = id;
        CustomerId = customerId;
        Channel = channel;
        ShippingFee = shippingFee;
        Subtotal = Money.Sum(_lines.Select(l => l.Amount));
        Total = Subtotal + shippingFee;
        CreatedAtUtc = createdAtUtc;
        ExpiresAtUtc = createdAtUtc + PaymentHold;
        ShippingAddress = shippingAddress;
        Status = OrderStatus.PendingPayment;
    }

    /// <summary>
    /// A sale an offline channel has already taken the money for (a vending cabinet, an exhibition-centre till): no
    /// customer, no shipping, paid at the moment of sale with the channel's own reference for it.
    /// </summary>
    public static Order SoldOffline(Guid id, Channel channel, IEnumerable<OrderLine> lines, DateTime soldAtUtc, string saleReference)
    {
        if (channel == Channel.Online) throw new DomainException("An online order is placed and paid through checkout, not reported as sold.");
        var order = new Order(id, customerId: null, channel, lines, Money.Zero, soldAtUtc);
        order.MarkPaid(saleReference, soldAtUtc);
        return order;
    }

    /// <summary>
    /// A work unit's bulk order: delivered to the unit, no shipping fee, paid by bank transfer against an invoice. The
    /// transfer takes days, so the order waits for it (like an asynchronous payment) instead of losing its stock after
    /// <see cref="PaymentHold"/>; an administrator marks it paid when the money arrives. Its stock is held until
    /// <paramref name="payByUtc"/> (kept as <see cref="ExpiresAtUtc"/>), when an unpaid order is cancelled.
    /// </summary>
    public static Order ForProcurement(Guid id, IEnumerable<OrderLine> lines, ShippingAddress deliveryAddress, DateTime createdAtUtc, DateTime payByUtc)
    {
        var order = new Order(id, customerId: null, Channel.Procurement, lines, Money.Zero, createdAtUtc,
            deliveryAddress ?? throw new DomainException("A procurement order needs a delivery address."));
        if (payByUtc <= createdAtUtc) throw new DomainException("A procurement order's payment deadline comes after it is placed.");
        order.MarkAwaitingAsyncPayment();
        order.ExpiresAtUtc = payByUtc;
        return order;
    }

    public Guid Id { get; private set; }
    /// <summary>The consumer's account; null for offline-channel sales.</summary>
    public string? CustomerId { get; private set; }
    public Channel Channel { get; private set; }
    /// <summary>The livestream campaign whose share link the buyer followed; null for every other order.</summary>
    public int? CampaignId { get; private set; }
    public OrderStatus Status { get; private set; }
    public IReadOnlyList<OrderLine> Lines => _lines;
    public Money Subtotal { get; private set; }
    public Money ShippingFee { get; private set; }
    public Money Total { get; private set; }
    public Money Refunded { get; private set; }
    public DateTime CreatedAtUtc { get; private set; }
    /// <summary>When an unpaid order gives its stock back.</summary>
    public DateTime ExpiresAtUtc { get; private set; }
    public ShippingAddress? ShippingAddress { get; private set; }
    /// <summary>The payment provider's session for this order (a Stripe Checkout Session id, or the sandbox's).</summary>
    public string? PaymentSessionId { get; private set; }
    /// <summary>The customer finished checkout with a method that confirms later (e.g. a bank debit): do not expire the hold meanwhile.</summary>
    public bool AwaitingAsyncPayment { get; private set; }
    public string? CancellationReason { get; private set; }
    public string? PaymentReference { get; private set; }
    public DateTime? PaidAtUtc { get; private set; }
    public DateTime? ShippedAtUtc { get; private set; }
    public DateTime? DeliveredAtUtc { get; private set; }
    public DateTime? CancelledAtUtc { get; private set; }

    /// <summary>
    /// Records payment. Returns true when the order became paid now, false when it was already paid
    /// with this same reference (a repeated notification). Another reference, or a state that cannot
    /// be paid, throws.
    /// </summary>
    public bool MarkPaid(string paymentReference, DateTime atUtc)
    {
        if (string.IsNullOrWhiteSpace(paymentReference)) throw new DomainException("A payment reference is required.");
        if (PaymentReference is not null)
        {
            if (PaymentReference == paymentReference) return false;
            throw new DomainException($"Order {Id} was already paid with another payment.");
        }
        Require(Status == OrderStatus.PendingPayment, "mark paid");
        Status = OrderStatus.Paid;
        AwaitingAsyncPayment = false;
        PaymentReference = paymentReference;
        PaidAtUtc = atUtc;
        return true;
    }

    /// <summary>Cancels an unpaid order (by the consumer, a failed payment or an expired hold); the caller returns its stock.</summary>
    public void Cancel(string reason, DateTime atUtc)
    {
        Require(Status == OrderStatus.PendingPayment, "cancel");
        Status = OrderStatus.Cancelled;
        CancellationReason = reason;
        CancelledAtUtc = atUtc;
        AwaitingAsyncPayment = false;
    }

    /// <summary>Tags a livestream order with its campaign, before it is paid (the campaign is part of what was bought).</summary>
    public void FromCampaign(int campaignId)
    {
        Require(Status == OrderStatus.PendingPayment, "tag a campaign on");
        if (Channel != Channel.Livestream) throw new DomainException("Only a livestream order comes from a campaign.");
        CampaignId = campaignId;
    }

    public bool IsHoldExpired(DateTime nowUtc) => Status == OrderStatus.PendingPayment && !AwaitingAsyncPayment && nowUtc >= ExpiresAtUtc;

    /// <summary>Remembers the payment session; a new session replaces an old one only while the order is unpaid.</summary>
    public void AttachPaymentSession(string sessionId)
    {
        Require(Status == OrderStatus.PendingPayment, "start a payment for");
        if (string.IsNullOrWhiteSpace(sessionId)) throw new DomainException("A payment session id is required.");
        PaymentSessionId = sessionId;
    }

    public void MarkAwaitingAsyncPayment()
    {
        Require(Status == OrderStatus.PendingPayment, "await payment for");
        AwaitingAsyncPayment = true;
    }

    /// <summary>
    /// The order is Shipped once every one of its shipments has left; false while some producer still packs.
    /// A partly refunded order ships too; a wholly refunded one has nothing left to ship.
    /// </summary>
    public bool ShipIfAllShipped(IReadOnlyCollection<Shipment> shipments, DateTime atUtc)
    {
        RequireAllShipmentsOf(shipments);
        if (shipments.Any(s => s.Status == ShipmentStatus.ToPack)) return false;
        Require(Status is OrderStatus.Paid or OrderStatus.PartiallyRefunded, "ship");
        Status = OrderStatus.Shipped;
        ShippedAtUtc = atUtc;
        return true;
    }

    /// <summary>The order is Delivered once every one of its shipments has arrived; false until then.</summary>
    public bool DeliverIfAllDelivered(IReadOnlyCollection<Shipment> shipments, DateTime atUtc)
    {
        RequireAllShipmentsOf(shipments);
        if (shipments.Any(s => s.Status != ShipmentStatus.Delivered)) return false;
        Require(Status == OrderStatus.Shipped || Status == OrderStatus.PartiallyRefunded && ShippedAtUtc is not null, "mark delivered");
        Status = OrderStatus.Delivered;
        DeliveredAtUtc = atUtc;
        return true;
    }

    /// <summary>"All shipped" means something only over every producer's shipment of this order, and no other order's.</summary>
    private void RequireAllShipmentsOf(IReadOnlyCollection<Shipment> shipments)
    {
        if (shipments.Any(s => s.OrderId != Id)) throw new DomainException($"A shipment of another order was given to order {Id}.");
        var producers = _lines.Select(l => l.ProducerId).ToHashSet();
        if (!producers.SetEquals(shipments.Select(s => s.ProducerId)) || shipments.Count != producers.Count)
            throw new DomainException($"Order {Id} needs exactly one shipment per producer.");
    }

    /// <summary>Records money given back; the order is Refunded once everything paid has been returned.</summary>
    public void RecordRefund(Money amount)
    {
        Require(Status is OrderStatus.Paid or OrderStatus.Shipped or OrderStatus.Delivered or OrderStatus.PartiallyRefunded, "refund");
        if (amount.Fen <= 0) throw new DomainException("A refund must be more than zero.");
        if (Refunded + amount > Total) throw new DomainException("Cannot refund more than was paid.");
        Refunded += amount;
        Status = Refunded == Total ? OrderStatus.Refunded : OrderStatus.PartiallyRefunded;
    }

    private void Require(bool allowed, string action)
    {
        if (!allowed) throw new DomainException($"Cannot {action} an order that is {Status}.");
    }
}
