using System.Text.Json;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;

namespace ReliefMarket.Web;

public static class HealthExtensions
{
    /// <summary>/healthz: 200 when the database answers, 503 when it does not, with each check's status as JSON.</summary>
    public static void MapHealth(this WebApplication app) =>
        app.MapHealthChecks("/healthz", new HealthCheckOptions
        {
            ResponseWriter = (context, report) =>
            {
                context.Response.ContentType = "application/json";
                return context.Response.WriteAsync(JsonSerializer.Serialize(new
                {
                    status = report.Status.ToString(),
                    checks = report.Entries.ToDictionary(e => e.Key, e => e.Value.Status.ToString()),
                }));
            },
        });
}
