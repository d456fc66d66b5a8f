using Npgsql;

namespace ReliefMarket.Web.Data;

/// <summary>
/// PostgreSQL runs transactions at once under read committed: work that reads a row and then decides must lock
/// it first, and a transaction the server aborted for a deadlock or a serialisation failure is simply run again.
/// SQLite runs one writer at a time (Microsoft.Data.Sqlite begins transactions IMMEDIATE), so locks are no-ops there.
/// </summary>
public static class Concurrency
{
    /// <summary>Locks one order row until the transaction ends: outcomes for one order then apply one after another.</summary>
    public static Task LockOrderAsync(this AppDbContext db, Guid orderId, CancellationToken ct) =>
        db.Database.IsNpgsql() ? db.Database.ExecuteSqlInterpolatedAsync($"SELECT 1 FROM orders WHERE id = {orderId} FOR UPDATE", ct) : Task.CompletedTask;

    public static Task LockOrderByPaymentAsync(this AppDbContext db, string paymentReference, CancellationToken ct) =>
        db.Database.IsNpgsql()
            ? db.Database.ExecuteSqlInterpolatedAsync($"SELECT 1 FROM orders WHERE payment_reference = {paymentReference} FOR UPDATE", ct)
            : Task.CompletedTask;

    /// <summary>
    /// Locks a consumer's cart row until the transaction ends, then loads the cart (tracked): two submissions of one
    /// checkout then place one order, not two attempts at one. Two statements on purpose: under read committed a single
    /// "lock and join the lines" statement that waited for the lock would still see the lines as they were before the
    /// wait (its snapshot), lines the first submission has since deleted.
    /// </summary>
    public static async Task<Cart?> LockCartAsync(this AppDbContext db, string userId, CancellationToken ct)
    {
        if (db.Database.IsNpgsql()) await db.Database.ExecuteSqlInterpolatedAsync($"SELECT 1 FROM carts WHERE user_id = {userId} FOR UPDATE", ct);
        return await db.Carts.SingleOrDefaultAsync(c => c.UserId == userId, ct);
    }

    /// <summary>Deadlock (40P01) or serialisation failure (40001): the server rolled the transaction back; running it again is safe.</summary>
    public static bool IsRetryable(Exception e) => e switch
    {
        PostgresException { SqlState: PostgresErrorCodes.DeadlockDetected or PostgresErrorCodes.SerializationFailure } => true,
        _ => e.InnerException is { } inner && IsRetryable(inner),
    };

    /// <summary>
    /// Runs <paramref name="work"/> (one whole transaction) and runs it again, up to <paramref name="attempts"/> times, when
    /// the server aborted it for a deadlock; the change tracker is emptied between attempts so nothing stale is saved.
    /// </summary>
    public static async Task<T> RetryAsync<T>(this AppDbContext db, Func<CancellationToken, Task<T>> work, CancellationToken ct, int attempts = 5)
    {
        for (var attempt = 1; ; attempt++)
        {
            try { return await work(ct); }
            catch (Exception e) when (attempt < attempts && IsRetryable(e))
            {
                db.ChangeTracker.Clear();
                await Task.Delay(Random.Shared.Next(5, 20 * attempt), ct);
            }
        }
    }
}
