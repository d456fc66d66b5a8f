namespace ReliefMarket.Web.Procurement;

/// <summary>
/// Cancels procurement orders still unpaid after their deadline (<see cref="ProcurementOptions.PaymentDays"/>, fixed
/// on the order when it was placed) and returns their stock. Finds its work in the orders table; safe to run twice (an
/// order cancelled or paid meanwhile is left as it is).
/// </summary>
public sealed class ExpireUnpaidProcurementJob(AppDbContext db, UnpaidProcurement unpaid, TimeProvider clock)
{
    public async Task<int> RunAsync(CancellationToken ct)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var due = await db.Orders.AsNoTracking()
            .Where(o => o.Channel == Channel.Procurement && o.Status == OrderStatus.PendingPayment && o.ExpiresAtUtc < now)
            .OrderBy(o => o.ExpiresAtUtc).Select(o => o.Id).Take(500).ToListAsync(ct);
        var expired = 0;
        foreach (var id in due)
            if (await unpaid.CancelAsync(id, CancelledBy.Overdue, ct) == CancelOutcome.Cancelled) expired++;
        return expired;
    }
}
