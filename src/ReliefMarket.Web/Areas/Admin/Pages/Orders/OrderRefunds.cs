using ReliefMarket.Web.Audit;
using ReliefMarket.Web.Payments;

namespace ReliefMarket.Web.Areas.Admin.Pages.Orders;

/// <summary>
/// An administrator gives money back for an order. The gateway call carries a deterministic key
/// (<c>refund:admin:{order}:{n}</c>, n = the admin refunds already recorded for the order, as the form saw it), so a
/// double click or two administrators submitting the same form reach the provider as one refund. The refund is then
/// applied through the webhook's own path, <see cref="PaymentEvents.ApplyOnceAsync"/> + <see cref="PaymentEvents.RefundedAsync"/>,
/// keyed by the provider's refund id: attribution, the consumer's email and the audit entry are written once, in one
/// transaction.
/// <para>
/// RefundedAsync takes the provider's total refunded so far and records only the difference. We pass the total
/// as it was when the form was checked plus this refund; if the refund's own charge.refunded webhook got there first
/// the difference is zero and nothing is counted twice. If an unrelated refund (e.g. from the Stripe dashboard)
/// slipped in between, the total we pass is too low and less is recorded now; Stripe's webhook for this refund then
/// carries the true total and records the rest. Never too much, at worst late. See docs/decisions/0017-admin-policies-audit-and-refunds.md.
/// </para>
/// </summary>
public sealed class OrderRefunds(AppDbContext db, IPaymentGateway gateway, PaymentEvents events, AuditLog audit, ILogger<OrderRefunds> log)
{
    public const int MaxReasonLength = 500;
    public const string AuditAction = "order.refund";
    public const string EntityType = "Order";

    public enum Refusal { NotFound, NotRefundable, ZeroAmount, TooMuch, ReasonMissing, ReasonTooLong, FormOutdated, GatewayFailed }

    public abstract record Outcome;
    /// <summary><paramref name="AppliedNow"/> is false when this same refund had already been recorded (a second click).</summary>
    public sealed record Refunded(Money Amount, string RefundId, bool AppliedNow) : Outcome;
    public sealed record Refused(Refusal Why) : Outcome;

    /// <summary>How many refunds administrators have recorded for the order: the n of the next refund's key.</summary>
    public static Task<int> CountAsync(AppDbContext db, Guid orderId, CancellationToken ct)
    {
        var id = orderId.ToString();
        return db.AuditEntries.CountAsync(a => a.EntityType == EntityType && a.EntityId == id && a.Action == AuditAction, ct);
    }

    public static bool IsRefundable(Order order) =>
        order.PaymentReference is not null && order.Status is OrderStatus.Paid or OrderStatus.Shipped or OrderStatus.Delivered or OrderStatus.PartiallyRefunded;

    public async Task<Outcome> RefundAsync(Guid orderId, Money amount, string? reason, int sequence, CancellationToken ct)
    {
        reason = reason?.Trim() ?? "";
        if (reason.Length == 0) return new Refused(Refusal.ReasonMissing);
        if (reason.Length > MaxReasonLength) return new Refused(Refusal.ReasonTooLong);
        if (amount.Fen <= 0) return new Refused(Refusal.ZeroAmount);
        var order = await db.Orders.AsNoTracking().SingleOrDefaultAsync(o => o.Id == orderId, ct);
        if (order is null) return new Refused(Refusal.NotFound);
        if (!IsRefundable(order)) return new Refused(Refusal.NotRefundable);
        // The form was for refund number `sequence`; if one has been recorded since, this post is a repeat or stale.
        if (await CountAsync(db, orderId, ct) != sequence) return new Refused(Refusal.FormOutdated);
        if (amount > order.Total - order.Refunded) return new Refused(Refusal.TooMuch);

        var reference = order.PaymentReference!;
        string refundId;
        try { refundId = await gateway.RefundAsync(reference, amount, $"refund:admin:{orderId:N}:{sequence}", ct); }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            log.LogError(e, "Refund of {Amount} for order {Order} failed at the payment provider.", amount, orderId);
            return new Refused(Refusal.GatewayFailed);
        }

        var total = order.Refunded + amount;
        var result = await events.ApplyOnceAsync($"refund:{refundId}", "admin.refund", async t =>
        {
            // Lock and load first, so "before" is what the database holds now, not what the form saw.
            await db.LockOrderAsync(orderId, t);
            var current = await db.Orders.SingleAsync(o => o.Id == orderId, t);
            var before = new Dictionary<string, object?> { ["Refunded"] = current.Refunded, ["Status"] = current.Status };
            if (!await events.RefundedAsync(reference, total, t)) return false;
            audit.Record(AuditAction, EntityType, orderId.ToString(), before, new Dictionary<string, object?>
            {
                ["Refunded"] = current.Refunded, ["Status"] = current.Status,
                ["Amount"] = amount, ["Reason"] = reason, ["RefundId"] = refundId,
            });
            return true;
        }, ct);
        return result == PaymentEvents.Result.NotYet ? new Refused(Refusal.NotRefundable) : new Refunded(amount, refundId, result == PaymentEvents.Result.Applied);
    }
}
