using Hangfire;
using Microsoft.Extensions.Options;

namespace ReliefMarket.Web.Ordering;

/// <summary>
/// Deletes anonymous carts nobody has touched for <see cref="OrderingOptions.AbandonedCartDays"/> days: every
/// cookie-less "add to cart" starts one, and nothing else ever removes them. A signed-in person's cart stays.
/// Runs daily; safe to run twice (the second run finds nothing).
/// </summary>
public sealed class PurgeAbandonedCartsJob(AppDbContext db, IOptions<OrderingOptions> options, TimeProvider clock)
{
    [DisableConcurrentExecution(timeoutInSeconds: 600)]
    public async Task<int> RunAsync(CancellationToken ct)
    {
        var cutoff = clock.GetUtcNow().UtcDateTime - TimeSpan.FromDays(options.Value.AbandonedCartDays);
        // The cart lines go with their cart (cascading foreign key).
        return await db.Carts.Where(c => c.UserId == null && c.UpdatedAtUtc < cutoff).ExecuteDeleteAsync(ct);
    }
}
