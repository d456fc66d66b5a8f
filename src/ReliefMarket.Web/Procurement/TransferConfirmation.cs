namespace ReliefMarket.Web.Procurement;

public enum ConfirmOutcome { Confirmed, AlreadyConfirmed, NotFound, BadReference, OtherReference, ReferenceUsed, NotPending, Cancelled }

/// <summary>
/// An administrator records that a work unit's bank transfer arrived. The order is then paid like any other — attribution
/// (certified at the time of sale, from the line snapshots), the ledger entry and one shipment per producer — in one
/// transaction with its audit entry and the buyer's email, on the locked order row: confirming twice with the same
/// reference applies once.
/// </summary>
public sealed class TransferConfirmation(AppDbContext db, Audit.AuditLog audit, ProcurementEmails emails, Email.EmailOutbox outbox, TimeProvider clock)
{
    public const string AuditAction = "procurement.transfer-confirmed";

    public async Task<ConfirmOutcome> ConfirmAsync(Guid orderId, string? bankReference, CancellationToken ct)
    {
        var reference = UserText.Clean(bankReference);
        if (reference is not { Length: > 0 and <= ProcurementOrder.MaxBankReferenceLength }) return ConfirmOutcome.BadReference;
        var paymentReference = ProcurementOrder.PaymentReferencePrefix + reference;
        try
        {
            var outcome = await db.RetryAsync(t => ConfirmOnceAsync(orderId, paymentReference, reference, t), ct);
            if (outcome == ConfirmOutcome.Confirmed) outbox.SendSoon();
            return outcome;
        }
        catch (DbUpdateException e) when (!Data.Concurrency.IsRetryable(e))
        {
            // The unique payment reference: this transfer was already used to pay another order.
            db.ChangeTracker.Clear();
            return ConfirmOutcome.ReferenceUsed;
        }
    }

    private async Task<ConfirmOutcome> ConfirmOnceAsync(Guid orderId, string paymentReference, string reference, CancellationToken ct)
    {
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        if (!await db.ProcurementOrders.AnyAsync(p => p.OrderId == orderId, ct)) return ConfirmOutcome.NotFound;
        await db.LockOrderAsync(orderId, ct);
        var order = await db.Orders.Include(o => o.Lines).SingleAsync(o => o.Id == orderId, ct);
        if (order.PaymentReference is { } paid) return paid == paymentReference ? ConfirmOutcome.AlreadyConfirmed : ConfirmOutcome.OtherReference;
        // Cancelled by the unit or an administrator, or expired unpaid: its stock went back, so the money cannot pay it.
        if (order.Status == OrderStatus.Cancelled) return ConfirmOutcome.Cancelled;
        if (order.Status != OrderStatus.PendingPayment) return ConfirmOutcome.NotPending;
        if (await db.Orders.AnyAsync(o => o.PaymentReference == paymentReference, ct)) return ConfirmOutcome.ReferenceUsed;

        var now = clock.GetUtcNow().UtcDateTime;
        order.MarkPaid(paymentReference, now);
        db.AttributionEntries.AddRange(AttributionRule.ForPaidOrder(order));
        Ledger.LedgerPosting.Paid(db, order);
        db.Shipments.AddRange(Shipment.ForPaidOrder(order, now));
        audit.Record(AuditAction, nameof(Order), order.Id.ToString(), new Dictionary<string, object?> { ["Status"] = OrderStatus.PendingPayment },
            new Dictionary<string, object?> { ["Status"] = order.Status, ["BankReference"] = reference, ["Amount"] = order.Total });
        await emails.PaidAsync(order, ct);
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        db.ChangeTracker.Clear();
        return ConfirmOutcome.Confirmed;
    }
}
