using System.Text.Json;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace ReliefMarket.Web;

public static class HealthExtensions
{
    public const string Ready = "ready";

    public static IHealthChecksBuilder AddReadinessChecks(this IHealthChecksBuilder checks) => checks
        .AddDbContextCheck<AppDbContext>("database", tags: [Ready])
        .AddCheck<MigrationsApplied>("migrations", tags: [Ready]);

    /// <summary>
    /// /healthz/live: the process answers (a restart is the cure when it does not). /healthz/ready: the database
    /// answers and its migrations are applied (the proxy sends traffic only then). /healthz: the same as ready.
    /// Each answers 200 or 503 with every check's status as JSON.
    /// </summary>
    public static void MapHealth(this WebApplication app)
    {
        app.MapHealthChecks("/healthz/live", Options(_ => false));
        app.MapHealthChecks("/healthz/ready", Options(c => c.Tags.Contains(Ready)));
        app.MapHealthChecks("/healthz", Options(c => c.Tags.Contains(Ready)));
    }

    private static HealthCheckOptions Options(Func<HealthCheckRegistration, bool> predicate) => new()
    {
        Predicate = predicate,
        ResponseWriter = (context, report) =>
        {
            context.Response.ContentType = "application/json";
            context.Response.Headers.CacheControl = "no-store";
            return context.Response.WriteAsync(JsonSerializer.Serialize(new
            {
                status = report.Status.ToString(),
                checks = report.Entries.ToDictionary(e => e.Key, e => e.Value.Status.ToString()),
            }));
        },
    };

    /// <summary>A node that started before a release step migrated the database is not ready for traffic.</summary>
    private sealed class MigrationsApplied(AppDbContext db) : IHealthCheck
    {
        public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken ct = default)
        {
            var pending = (await db.Database.GetPendingMigrationsAsync(ct)).ToList();
            return pending.Count == 0 ? HealthCheckResult.Healthy()
                : HealthCheckResult.Unhealthy($"{pending.Count} migration(s) pending");
        }
    }
}
