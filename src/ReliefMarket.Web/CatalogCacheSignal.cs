using Microsoft.AspNetCore.OutputCaching;
using Npgsql;

namespace ReliefMarket.Web;

/// <summary>
/// Every node keeps its own in-memory output cache (a shared cache would put a network hop on every cached page);
/// on PostgreSQL a catalog change is announced with NOTIFY, and every node, the sender included, evicts its
/// catalog pages when it hears it. NOTIFY sent inside a transaction is delivered only when it commits, and not
/// at all on rollback, so no node evicts before the new values are readable. See docs/decisions/0009.
/// </summary>
public sealed class CatalogCacheSignal(IConfiguration configuration, IOutputCacheStore store, ILogger<CatalogCacheSignal> log) : BackgroundService
{
    public const string Channel = "catalog_changed";

    /// <summary>
    /// A page that started rendering just before the commit can still store the old values after the first
    /// eviction; a second one shortly after removes it.
    /// </summary>
    private static readonly TimeSpan SecondEviction = TimeSpan.FromMilliseconds(400);

    /// <summary>Announces a catalog change to every node; inside a transaction it goes out at commit.</summary>
    public static Task NotifyAsync(DbContext db, CancellationToken ct) =>
        db.Database.IsNpgsql() ? db.Database.ExecuteSqlRawAsync($"SELECT pg_notify('{Channel}', '')", ct) : Task.CompletedTask;

    protected override async Task ExecuteAsync(CancellationToken stop)
    {
        await Task.Yield(); // never hold up the host's start
        var connectionString = new NpgsqlConnectionStringBuilder(configuration.GetConnectionString("Postgres"))
        {
            Pooling = false, KeepAlive = 30, ApplicationName = "ReliefMarket catalog cache listener",
        }.ToString();
        var delay = TimeSpan.FromSeconds(1);
        var reconnecting = false;
        while (!stop.IsCancellationRequested)
        {
            try
            {
                await using var connection = new NpgsqlConnection(connectionString);
                var heard = false;
                connection.Notification += (_, _) => heard = true;
                await connection.OpenAsync(stop);
                await using (var listen = new NpgsqlCommand($"LISTEN {Channel}", connection)) await listen.ExecuteNonQueryAsync(stop);
                // After a lost connection, changes made meanwhile were missed: start again from an empty cache. (At the first
                // connection the cache holds only pages rendered since start-up, which are current.)
                if (reconnecting) await EvictAsync(stop);
                reconnecting = true;
                delay = TimeSpan.FromSeconds(1);
                while (!stop.IsCancellationRequested)
                {
                    await connection.WaitAsync(stop);
                    if (!heard) continue;
                    heard = false;
                    await EvictAsync(stop);
                    _ = EvictLaterAsync(stop);
                }
            }
            catch (OperationCanceledException) when (stop.IsCancellationRequested) { return; }
            catch (Exception e) when (e is NpgsqlException or System.Net.Sockets.SocketException or IOException or InvalidOperationException)
            {
                log.LogWarning("Catalog cache listener lost PostgreSQL ({Error}); retrying in {Delay}.", e.Message, delay);
                try { await Task.Delay(delay, stop); } catch (OperationCanceledException) { return; }
                delay = TimeSpan.FromTicks(Math.Min(delay.Ticks * 2, TimeSpan.FromSeconds(30).Ticks));
            }
        }
    }

    private ValueTask EvictAsync(CancellationToken ct) => store.EvictByTagAsync(CatalogCache.Tag, ct);

    private async Task EvictLaterAsync(CancellationToken ct)
    {
        try
        {
            await Task.Delay(SecondEviction, ct);
            await EvictAsync(ct);
        }
        catch (OperationCanceledException) { }
    }
}
