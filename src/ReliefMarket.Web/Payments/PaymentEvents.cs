namespace ReliefMarket.Web.Payments;

/// <summary>
/// What a payment outcome does to an order — the one path for Stripe's webhooks, the sandbox page and the
/// expiry job. Every method runs inside <see cref="ApplyOnceAsync"/>: one transaction that also records the
/// event, so an outcome applies exactly once however often it is delivered, in whatever order.
/// </summary>
public sealed class PaymentEvents(AppDbContext db, Ordering.Stock stock, IPaymentGateway gateway, Email.EmailOutbox outbox,
    Email.EmailTemplates templates, TimeProvider clock, ILogger<PaymentEvents> log)
{
    public enum Result { Applied, AlreadyApplied, NotYet }

    /// <summary>
    /// Runs <paramref name="apply"/> and records <paramref name="eventId"/> in one transaction. A known event is
    /// skipped. <see cref="Result.NotYet"/> (e.g. a refund for an order not yet paid) records nothing, so a
    /// redelivery can try again.
    /// </summary>
    public async Task<Result> ApplyOnceAsync(string eventId, string eventType, Func<CancellationToken, Task<bool>> apply, CancellationToken ct)
    {
        if (await db.ProcessedWebhookEvents.AnyAsync(e => e.Id == eventId, ct)) return Result.AlreadyApplied;
        (_stockMoved, _emailWritten) = (false, false);
        await using (var tx = await db.Database.BeginTransactionAsync(ct))
        {
            var applied = await apply(ct);
            if (!applied) return Result.NotYet;
            db.ProcessedWebhookEvents.Add(new ProcessedWebhookEvent(eventId, eventType, Now));
            try
            {
                await db.SaveChangesAsync(ct);
                await tx.CommitAsync(ct);
            }
            catch (DbUpdateException)
            {
                await tx.RollbackAsync(ct);
                db.ChangeTracker.Clear();
                // A concurrent delivery of the same event won the race; anything else is a real failure.
                if (await db.ProcessedWebhookEvents.AnyAsync(e => e.Id == eventId, ct)) return Result.AlreadyApplied;
                throw;
            }
        }
        if (_stockMoved) await stock.StockChangedAsync(ct);
        if (_emailWritten) outbox.SendSoon();
        return Result.Applied;
    }

    private bool _stockMoved;
    private bool _emailWritten;
    private DateTime Now => clock.GetUtcNow().UtcDateTime;

    /// <summary>The order is paid: mark it and write its attribution. A payment for an order that was cancelled meanwhile is refunded.</summary>
    public async Task<bool> PaidAsync(Guid orderId, string paymentReference, CancellationToken ct)
    {
        var order = await LoadAsync(orderId, ct);
        if (order is null) return Unknown(orderId);
        if (order.Status == OrderStatus.Cancelled)
        {
            // Money arrived for an order whose stock was already released: give it back rather than keep a charge without an order.
            log.LogWarning("Payment {Reference} arrived for cancelled order {Order}; refunding it.", paymentReference, orderId);
            await gateway.RefundAsync(paymentReference, order.Total, $"refund:late:{order.Id:N}", ct);
            return true;
        }
        if (order.MarkPaid(paymentReference, Now))
        {
            db.AttributionEntries.AddRange(AttributionRule.ForPaidOrder(order));
            await EmailCustomerAsync(order, "order-paid", async (culture, link) =>
                templates.OrderPaid(culture, order, await Ordering.OrderVillages.ForAsync(db, order, ct), link), ct);
        }
        return true;
    }

    /// <summary>Checkout finished with a method that confirms later: keep the hold until it does.</summary>
    public async Task<bool> AwaitingAsync(Guid orderId, CancellationToken ct)
    {
        var order = await LoadAsync(orderId, ct);
        if (order is null) return Unknown(orderId);
        if (order.Status == OrderStatus.PendingPayment) order.MarkAwaitingAsyncPayment();
        return true;
    }

    /// <summary>Payment failed, was declined, or its session expired: an unpaid order is cancelled and its stock returned.</summary>
    public async Task<bool> NotPaidAsync(Guid orderId, string reason, CancellationToken ct)
    {
        var order = await LoadAsync(orderId, ct);
        if (order is null) return Unknown(orderId);
        if (order.Status != OrderStatus.PendingPayment) return true; // already paid or cancelled: nothing to undo
        order.Cancel(reason, Now);
        await stock.ReleaseAsync(order, ct);
        _stockMoved = true;
        if (reason != "cancelled_by_customer")
            await EmailCustomerAsync(order, "order-not-paid", (culture, link) => Task.FromResult(templates.OrderNotPaid(culture, order, link)), ct);
        return true;
    }

    /// <summary>The provider reports the total refunded so far; the new part is recorded with negating attribution.</summary>
    public async Task<bool> RefundedAsync(string paymentReference, Money totalRefunded, CancellationToken ct)
    {
        var order = await db.Orders.Include(o => o.Lines).SingleOrDefaultAsync(o => o.PaymentReference == paymentReference, ct);
        if (order is null) return false; // not paid yet (or not ours): let the provider deliver it again later
        var delta = totalRefunded - order.Refunded;
        if (delta.Fen <= 0) return true;
        order.RecordRefund(delta);
        db.AttributionEntries.AddRange(AttributionRule.ForOrderRefund(order, delta, Now));
        return true;
    }

    /// <summary>Writes the email into the outbox inside the current transaction, in the customer's language.</summary>
    private async Task EmailCustomerAsync(Order order, string kind, Func<string, string, Task<Email.EmailContent>> render, CancellationToken ct)
    {
        if (order.CustomerId is null) return;
        var customer = await db.Users.AsNoTracking().Where(u => u.Id == order.CustomerId)
            .Select(u => new { u.Email, u.PreferredCulture }).SingleOrDefaultAsync(ct);
        if (customer?.Email is null) return;
        outbox.Add(customer.Email, await render(customer.PreferredCulture, outbox.Link($"/orders/{order.Id}")), kind);
        _emailWritten = true;
    }

    private Task<Order?> LoadAsync(Guid orderId, CancellationToken ct) =>
        db.Orders.Include(o => o.Lines).SingleOrDefaultAsync(o => o.Id == orderId, ct);

    private bool Unknown(Guid orderId)
    {
        log.LogWarning("Payment event for unknown order {Order} ignored.", orderId);
        return true;
    }
}
