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
    internal static readonly TimeSpan SecondEviction = TimeSpan.FromMilliseconds(400);

    /// <summary>
    /// Announces a catalog change to every node; inside a transaction it goes out at commit. The payload is the output
    /// cache tag to evict (an empty one, as older nodes send, means the whole catalog).
    /// </summary>
    public static Task NotifyAsync(DbContext db, string tag, CancellationToken ct) =>
        db.Database.IsNpgsql() ? db.Database.ExecuteSqlAsync($"SELECT pg_notify({Channel}, {tag})", ct) : Task.CompletedTask;

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
                var heard = new System.Collections.Concurrent.ConcurrentQueue<string>();
                connection.Notification += (_, e) => heard.Enqueue(e.Payload is { Length: > 0 } tag ? tag : CatalogCache.Tag);
                await connection.OpenAsync(stop);
                await using (var listen = new NpgsqlCommand($"LISTEN {Channel}", connection)) await listen.ExecuteNonQueryAsync(stop);
                // After a lost connection, changes made meanwhile were missed: start again from an empty cache. (At the first
                // connection the cache holds only pages rendered since start-up, which are current.)
                if (reconnecting) await EvictAsync([CatalogCache.Tag], stop);
                reconnecting = true;
                delay = TimeSpan.FromSeconds(1);
                while (!stop.IsCancellationRequested)
                {
                    await connection.WaitAsync(stop);
                    var tags = new HashSet<string>();
                    while (heard.TryDequeue(out var tag)) tags.Add(tag);
                    if (tags.Count == 0) continue;
                    if (tags.Contains(CatalogCache.Tag)) tags = [CatalogCache.Tag];
                    await EvictAsync(tags, stop);
                    _ = EvictLaterAsync(tags, stop);
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

    private async Task EvictAsync(IEnumerable<string> tags, CancellationToken ct)
    {
        foreach (var tag in tags) await store.EvictByTagAsync(tag, ct);
    }

    private async Task EvictLaterAsync(IEnumerable<string> tags, CancellationToken ct)
    {
        try
        {
            await Task.Delay(SecondEviction, ct);
            await EvictAsync(tags, ct);
        }
        catch (OperationCanceledException) { }
    }
}
