using ReliefMarket.Web.Payments;

namespace ReliefMarket.Web.Jobs;

/// <summary>
/// Cancels unpaid orders whose hold ran out and gives their stock back. It runs every minute, finds its work in
/// the orders table, and is safe to run twice (each expiry is applied once per order).
/// </summary>
public sealed class ExpireUnpaidOrdersJob(AppDbContext db, PaymentEvents events, IPaymentGateway gateway, TimeProvider clock, ILogger<ExpireUnpaidOrdersJob> log)
{
    /// <summary>Lets the provider's own session expire (and its webhook arrive) before the hold is released here.</summary>
    public static readonly TimeSpan Grace = TimeSpan.FromMinutes(2);

    public async Task<int> RunAsync(CancellationToken ct)
    {
        var cutoff = clock.GetUtcNow().UtcDateTime - Grace;
        var due = await db.Orders.AsNoTracking()
            .Where(o => o.Status == OrderStatus.PendingPayment && !o.AwaitingAsyncPayment && o.ExpiresAtUtc < cutoff)
            .Select(o => new { o.Id, o.PaymentSessionId }).Take(500).ToListAsync(ct);
        var expired = 0;
        foreach (var order in due)
        {
            if (order.PaymentSessionId is { } session)
            {
                try { await gateway.CloseAsync(session, ct); }
                catch (Stripe.StripeException e)
                {
                    // Typically: the session was completed meanwhile. Its webhook will mark the order paid.
                    log.LogInformation("Could not close session {Session} of order {Order}: {Reason}", session, order.Id, e.Message);
                    continue;
                }
            }
            if (await events.ApplyOnceAsync($"expire:{order.Id:N}", "hold.expired", t => events.NotPaidAsync(order.Id, "expired", t), ct)
                == PaymentEvents.Result.Applied) expired++;
            db.ChangeTracker.Clear();
        }
        return expired;
    }
}
