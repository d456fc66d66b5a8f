namespace ReliefMarket.Web.Procurement;

public enum CancelOutcome { Cancelled, AlreadyCancelled, AlreadyPaid, NotFound }

public static class CancelOutcomes
{
    /// <summary>The order is cancelled now, whoever got there first: a success for the page that asked.</summary>
    public static bool Ended(this CancelOutcome outcome) => outcome is CancelOutcome.Cancelled or CancelOutcome.AlreadyCancelled;
}

/// <summary>Who ended an unpaid procurement order; its <see cref="Reason"/> is kept on the order (Order.Reason.* on pages and emails).</summary>
public enum CancelledBy { Buyer, Admin, Overdue }

/// <summary>
/// Ends an unpaid procurement order: cancelled by the unit's buyer or an administrator, or expired by
/// <see cref="ExpireUnpaidProcurementJob"/> when its transfer has not arrived by the deadline. Like checkout's
/// cancellation, on the locked order row: the order is cancelled and its stock returned once, with the audit entry and
/// the email to the buyer who placed it in the same transaction. A confirmation of the transfer racing it takes the
/// same lock, so one of them wins.
/// </summary>
public sealed class UnpaidProcurement(AppDbContext db, Ordering.Stock stock, Audit.AuditLog audit, ProcurementEmails emails, Email.EmailOutbox outbox,
    TimeProvider clock)
{
    public const string AuditAction = "procurement.cancelled";

    public static string Reason(CancelledBy by) => by switch
    {
        CancelledBy.Buyer => "cancelled_by_unit",
        CancelledBy.Admin => "cancelled_by_admin",
        _ => "transfer_overdue",
    };

    public async Task<CancelOutcome> CancelAsync(Guid orderId, CancelledBy by, CancellationToken ct)
    {
        var outcome = await db.RetryAsync(t => CancelOnceAsync(orderId, by, t), ct);
        db.ChangeTracker.Clear();
        if (outcome == CancelOutcome.Cancelled)
        {
            outbox.SendSoon();
            await stock.StockChangedAsync(ct);
        }
        return outcome;
    }

    private async Task<CancelOutcome> CancelOnceAsync(Guid orderId, CancelledBy by, CancellationToken ct)
    {
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        if (!await db.ProcurementOrders.AnyAsync(p => p.OrderId == orderId, ct)) return CancelOutcome.NotFound;
        await db.LockOrderAsync(orderId, ct);
        var order = await db.Orders.Include(o => o.Lines).SingleAsync(o => o.Id == orderId, ct);
        if (order.Status == OrderStatus.Cancelled) return CancelOutcome.AlreadyCancelled;
        if (order.Status != OrderStatus.PendingPayment) return CancelOutcome.AlreadyPaid;

        var reason = Reason(by);
        order.Cancel(reason, clock.GetUtcNow().UtcDateTime);
        await stock.ReleaseAsync(order, ct);
        audit.Record(AuditAction, nameof(Order), order.Id.ToString(), new Dictionary<string, object?> { ["Status"] = OrderStatus.PendingPayment },
            new Dictionary<string, object?> { ["Status"] = order.Status, ["Reason"] = reason, ["Amount"] = order.Total });
        await emails.CancelledAsync(order, ct);
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        return CancelOutcome.Cancelled;
    }
}
