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
    /// redelivery can try again. A transaction the database aborted for a deadlock runs again.
    /// </summary>
    public async Task<Result> ApplyOnceAsync(string eventId, string eventType, Func<CancellationToken, Task<bool>> apply, CancellationToken ct)
    {
        if (await db.ProcessedWebhookEvents.AnyAsync(e => e.Id == eventId, ct)) return Result.AlreadyApplied;
        var result = await db.RetryAsync(t => ApplyInTransactionAsync(eventId, eventType, apply, t), ct);
        if (result != Result.Applied) return result;
        if (_stockMoved) await stock.StockChangedAsync(ct);
        if (_emailWritten) outbox.SendSoon();
        return result;
    }

    private async Task<Result> ApplyInTransactionAsync(string eventId, string eventType, Func<CancellationToken, Task<bool>> apply, CancellationToken ct)
    {
        (_stockMoved, _emailWritten) = (false, false);
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        // Claim the event before touching the order: a concurrent copy of it waits here on the key, then finds
        // it taken, instead of queueing on the order row and deadlocking there.
        db.ProcessedWebhookEvents.Add(new ProcessedWebhookEvent(eventId, eventType, Now));
        try { await db.SaveChangesAsync(ct); }
        catch (DbUpdateException e) when (!Data.Concurrency.IsRetryable(e))
        {
            await tx.RollbackAsync(ct);
            db.ChangeTracker.Clear();
            if (await db.ProcessedWebhookEvents.AnyAsync(p => p.Id == eventId, ct)) return Result.AlreadyApplied;
            throw;
        }
        if (!await apply(ct))
        {
            await tx.RollbackAsync(ct);
            db.ChangeTracker.Clear();
            return Result.NotYet;
        }
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
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
        if (order.Status == OrderStatus.Cancelled || order.PaymentReference is { } paid && paid != paymentReference)
        {
            // Money arrived for an order whose stock was released, or that another payment already paid: give it back
            // rather than keep a charge without an order, and keep a record administrators can see.
            await RefundUnappliedAsync(order, paymentReference, ct);
            return true;
        }
        if (order.MarkPaid(paymentReference, Now))
        {
            db.AttributionEntries.AddRange(AttributionRule.ForPaidOrder(order));
            Ledger.LedgerPosting.Paid(db, order);
            // Each producer packs its own part: its shipment exists from the moment the order is paid, in the same transaction.
            db.Shipments.AddRange(Shipment.ForPaidOrder(order, Now));
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
        await db.LockOrderByPaymentAsync(paymentReference, ct);
        var order = await db.Orders.Include(o => o.Lines).SingleOrDefaultAsync(o => o.PaymentReference == paymentReference, ct);
        if (order is null) return false; // not paid yet (or not ours): let the provider deliver it again later
        var delta = totalRefunded - order.Refunded;
        if (delta.Fen <= 0) return true;
        var at = Now;
        var entries = await RefundEntriesAsync(order, delta, at, ct);
        db.AttributionEntries.AddRange(entries);
        Ledger.LedgerPosting.Refunded(db, order, entries, delta, at);
        // Here, not in the admin page: a refund started in the Stripe dashboard tells the consumer too, and only once.
        await EmailCustomerAsync(order, "order-refunded", (culture, link) => Task.FromResult(templates.OrderRefunded(culture, order, delta, link)), ct);
        return true;
    }

    /// <summary>
    /// Records <paramref name="delta"/> on the order and returns its negating attribution. Administrators' refund plans
    /// not yet applied that fit in it are taken first, oldest first, and split as they say (by line, or over what
    /// remains); whatever is left is spread over what remains of the order's lines and shipping.
    /// </summary>
    private async Task<List<AttributionEntry>> RefundEntriesAsync(Order order, Money delta, DateTime at, CancellationToken ct)
    {
        var earlier = await db.AttributionEntries.AsNoTracking()
            .Where(a => a.OrderId == order.Id && a.Kind == AttributionKind.Refund).ToListAsync(ct);
        var entries = new List<AttributionEntry>();
        var rest = delta;
        var plans = await db.RefundPlans.Where(p => p.OrderId == order.Id && p.AppliedAtUtc == null)
            .OrderBy(p => p.CreatedAtUtc).ThenBy(p => p.Key).ToListAsync(ct);
        foreach (var plan in plans)
        {
            if (plan.Amount > rest) continue;
            var parts = plan.Lines.Select(l => (Line: order.Lines.FirstOrDefault(x => x.Id == l.OrderLineId)!, l.Amount)).ToList();
            var sofar = earlier.Concat(entries).ToList();
            // A plan whose lines no longer fit (another refund took from them meanwhile) still refunds its amount, over what remains.
            entries.AddRange(parts.Count > 0 && parts.All(p => p.Line is not null) && AttributionRule.LinesCanRefund(order, parts, sofar)
                ? AttributionRule.ForLineRefunds(order, parts, sofar, at)
                : AttributionRule.ForRemainingRefund(order, plan.Amount, sofar, at));
            order.RecordRefund(plan.Amount);
            plan.MarkApplied(at);
            rest -= plan.Amount;
        }
        if (rest.Fen > 0)
        {
            entries.AddRange(AttributionRule.ForRemainingRefund(order, rest, earlier.Concat(entries).ToList(), at));
            order.RecordRefund(rest);
        }
        return entries;
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

    private async Task RefundUnappliedAsync(Order order, string paymentReference, CancellationToken ct)
    {
        var reason = order.Status == OrderStatus.Cancelled ? UnappliedReason.OrderCancelled : UnappliedReason.AlreadyPaid;
        log.LogWarning("Payment {Reference} cannot be applied to order {Order} ({Reason}); refunding it.", paymentReference, order.Id, reason);
        var refund = await gateway.RefundAsync(paymentReference, order.Total, UnappliedPayment.RefundKey(paymentReference), ct);
        if (!await db.UnappliedPayments.AnyAsync(u => u.PaymentReference == paymentReference, ct))
        {
            var at = Now;
            db.UnappliedPayments.Add(new UnappliedPayment(order.Id, paymentReference, order.Total, reason, refund, at));
            Ledger.LedgerPosting.UnappliedRefunded(db, order.Id, paymentReference, order.Total, at);
        }
    }

    /// <summary>Loads the order after locking its row, so two outcomes for one order apply one after the other.</summary>
    private async Task<Order?> LoadAsync(Guid orderId, CancellationToken ct)
    {
        await db.LockOrderAsync(orderId, ct);
        return await db.Orders.Include(o => o.Lines).SingleOrDefaultAsync(o => o.Id == orderId, ct);
    }

    private bool Unknown(Guid orderId)
    {
        log.LogWarning("Payment event for unknown order {Order} ignored.", orderId);
        return true;
    }
}
