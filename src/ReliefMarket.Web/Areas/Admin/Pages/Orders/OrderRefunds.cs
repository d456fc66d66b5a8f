using ReliefMarket.Web.Audit;
using ReliefMarket.Web.Payments;

namespace ReliefMarket.Web.Areas.Admin.Pages.Orders;

/// <summary>
/// An administrator gives money back for an order: an amount, or chosen lines and quantities. The gateway call carries
/// a deterministic key (<c>refund:admin:{order}:{n}</c>, n = the admin refunds already recorded for the order, as the
/// form saw it), so a double click or two administrators submitting the same form reach the provider as one refund.
/// Before the call the refund is written down as a <see cref="RefundPlan"/> under that key; a different refund under
/// the same key (two administrators, two different forms) is refused. The refund is then applied through the webhook's
/// own path, <see cref="PaymentEvents.ApplyOnceAsync"/> + <see cref="PaymentEvents.RefundedAsync"/>, keyed by the
/// provider's refund id: attribution (split by the plan, whichever of this request and the webhook gets there first),
/// the consumer's email and the audit entry are written once, in one transaction.
/// <para>
/// RefundedAsync takes the provider's total refunded so far and records only the difference. We pass the total
/// as it was when the form was checked plus this refund; if the refund's own charge.refunded webhook got there first
/// the difference is zero and nothing is counted twice. See docs/decisions/0017 and 0021.
/// </para>
/// </summary>
public sealed class OrderRefunds(AppDbContext db, IPaymentGateway gateway, PaymentEvents events, AuditLog audit, TimeProvider clock,
    ILogger<OrderRefunds> log)
{
    public const int MaxReasonLength = 500;
    public const string AuditAction = "order.refund";
    public const string EntityType = "Order";

    public enum Refusal { NotFound, NotRefundable, ZeroAmount, TooMuch, ReasonMissing, ReasonTooLong, FormOutdated, GatewayFailed, LineTooMuch }

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

    /// <summary>What each line of the order has had refunded so far (line id → amount), from its refund attribution.</summary>
    public static async Task<Dictionary<long, Money>> RefundedByLineAsync(AppDbContext db, Guid orderId, CancellationToken ct) =>
        AttributionRule.RefundedByLine(await db.AttributionEntries.AsNoTracking()
            .Where(a => a.OrderId == orderId && a.Kind == AttributionKind.Refund).ToListAsync(ct));

    /// <summary>Refunds <paramref name="amount"/>, spread over what remains of the order's lines and shipping.</summary>
    public Task<Outcome> RefundAsync(Guid orderId, Money amount, string? reason, int sequence, CancellationToken ct) =>
        amount.Fen <= 0 ? Refuse(reason, Refusal.ZeroAmount) : RefundPlannedAsync(orderId, amount, [], reason, sequence, ct);

    /// <summary>Refunds chosen quantities of chosen lines (line id → quantity; zeros are ignored), each at its unit price.</summary>
    public async Task<Outcome> RefundLinesAsync(Guid orderId, IReadOnlyDictionary<long, int> quantities, string? reason, int sequence, CancellationToken ct)
    {
        var chosen = quantities.Where(q => q.Value != 0).ToList();
        if (chosen.Count == 0) return await Refuse(reason, Refusal.ZeroAmount);
        if (chosen.Any(q => q.Value is < 0 or > OrderLine.MaxQuantity)) return await Refuse(reason, Refusal.LineTooMuch);
        var order = await db.Orders.AsNoTracking().Include(o => o.Lines).SingleOrDefaultAsync(o => o.Id == orderId, ct);
        if (order is null || chosen.Any(q => order.Lines.All(l => l.Id != q.Key))) return new Refused(Refusal.NotFound);
        var refunded = await RefundedByLineAsync(db, orderId, ct);
        var lines = chosen.Select(q => order.Lines.Single(l => l.Id == q.Key))
            .Select(l => new RefundPlanLine(l.Id, quantities[l.Id], l.UnitPrice * quantities[l.Id])).ToList();
        if (lines.Any(p => p.Amount > order.Lines.Single(l => l.Id == p.OrderLineId).Amount - refunded.GetValueOrDefault(p.OrderLineId)))
            return await Refuse(reason, Refusal.LineTooMuch);
        return await RefundPlannedAsync(orderId, Money.Sum(lines.Select(l => l.Amount)), lines, reason, sequence, ct);
    }

    /// <summary>A reason problem is reported before an amount problem: the form then says what to fix first.</summary>
    private static Task<Outcome> Refuse(string? reason, Refusal why) =>
        Task.FromResult<Outcome>(new Refused(CheckReason(ref reason) ?? why));

    private static Refusal? CheckReason(ref string? reason)
    {
        reason = reason?.Trim() ?? "";
        if (reason.Length == 0) return Refusal.ReasonMissing;
        if (reason.Length > MaxReasonLength) return Refusal.ReasonTooLong;
        return null;
    }

    private async Task<Outcome> RefundPlannedAsync(Guid orderId, Money amount, IReadOnlyList<RefundPlanLine> lines, string? reason, int sequence, CancellationToken ct)
    {
        if (CheckReason(ref reason) is { } bad) return new Refused(bad);
        var order = await db.Orders.AsNoTracking().Include(o => o.Lines).SingleOrDefaultAsync(o => o.Id == orderId, ct);
        if (order is null) return new Refused(Refusal.NotFound);
        if (!IsRefundable(order)) return new Refused(Refusal.NotRefundable);
        // The form was for refund number `sequence`; if one has been recorded since, this post is a repeat or stale.
        if (await CountAsync(db, orderId, ct) != sequence) return new Refused(Refusal.FormOutdated);
        if (amount > order.Total - order.Refunded) return new Refused(Refusal.TooMuch);

        var key = $"refund:admin:{orderId:N}:{sequence}";
        if (!await PlanAsync(new RefundPlan(key, orderId, amount, lines, clock.GetUtcNow().UtcDateTime), ct)) return new Refused(Refusal.FormOutdated);
        var reference = order.PaymentReference!;
        string refundId;
        try { refundId = await gateway.RefundAsync(reference, amount, key, ct); }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            log.LogError(e, "Refund of {Amount} for order {Order} failed at the payment provider.", amount, orderId);
            await db.RefundPlans.Where(p => p.Key == key && p.AppliedAtUtc == null).ExecuteDeleteAsync(CancellationToken.None);
            return new Refused(Refusal.GatewayFailed);
        }

        var total = order.Refunded + amount;
        var what = lines.Select(l => $"{order.Lines.Single(x => x.Id == l.OrderLineId).ProductName.Zh} × {l.Quantity}").ToList();
        var result = await events.ApplyOnceAsync($"refund:{refundId}", "admin.refund", async t =>
        {
            // Lock and load first, so "before" is what the database holds now, not what the form saw.
            await db.LockOrderAsync(orderId, t);
            var current = await db.Orders.SingleAsync(o => o.Id == orderId, t);
            var before = new Dictionary<string, object?> { ["Refunded"] = current.Refunded, ["Status"] = current.Status };
            if (!await events.RefundedAsync(reference, total, t)) return false;
            var after = new Dictionary<string, object?>
            {
                ["Refunded"] = current.Refunded, ["Status"] = current.Status,
                ["Amount"] = amount, ["Reason"] = reason, ["RefundId"] = refundId,
            };
            if (what.Count > 0) after["Lines"] = string.Join("; ", what);
            audit.Record(AuditAction, EntityType, orderId.ToString(), before, after);
            return true;
        }, ct);
        return result == PaymentEvents.Result.NotYet ? new Refused(Refusal.NotRefundable) : new Refunded(amount, refundId, result == PaymentEvents.Result.Applied);
    }

    /// <summary>Writes the plan, or finds the same plan already written (a double click). False: another refund holds this key.</summary>
    private async Task<bool> PlanAsync(RefundPlan plan, CancellationToken ct)
    {
        if (await db.RefundPlans.AsNoTracking().SingleOrDefaultAsync(p => p.Key == plan.Key, ct) is { } existing) return existing.SameAs(plan);
        db.RefundPlans.Add(plan);
        try
        {
            await db.SaveChangesAsync(ct);
            return true;
        }
        catch (DbUpdateException)
        {
            db.ChangeTracker.Clear();
            return await db.RefundPlans.AsNoTracking().SingleOrDefaultAsync(p => p.Key == plan.Key, ct) is { } other && other.SameAs(plan);
        }
        finally { db.ChangeTracker.Clear(); }
    }
}
