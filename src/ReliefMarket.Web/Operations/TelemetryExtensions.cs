using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using ReliefMarket.Web.Operations;

// In the root namespace, like the other builder extensions Program.cs calls, so Program.cs needs no using for it.
namespace ReliefMarket.Web;

public static class TelemetryExtensions
{
    /// <summary>Structured, redacted logs carrying the trace id; OpenTelemetry export when an OTLP endpoint is configured.</summary>
    public static WebApplicationBuilder AddTelemetry(this WebApplicationBuilder builder)
    {
        // Log aggregators parse one JSON object per line; developers read the plain text formatter.
        if (builder.Environment.IsProduction()
            || string.Equals(builder.Configuration["Logging:Console:FormatterName"], "json", StringComparison.OrdinalIgnoreCase))
            builder.Logging.AddJsonConsole(o =>
            {
                o.IncludeScopes = true;   // the trace and span ids, the request path and id travel as scopes
                o.UseUtcTimestamp = true;
                o.TimestampFormat = "yyyy-MM-ddTHH:mm:ss.fffZ";   // without a format the JSON lines carry no time at all
            });
        // A log line can then be found from a trace, and the other lines of the same request from it.
        builder.Logging.Configure(o => o.ActivityTrackingOptions = ActivityTrackingOptions.TraceId | ActivityTrackingOptions.SpanId);

        builder.Services.Replace(ServiceDescriptor.Singleton<ILoggerFactory>(sp => new RedactingLoggerFactory(new LoggerFactory(
            sp.GetServices<ILoggerProvider>(),
            sp.GetRequiredService<IOptionsMonitor<LoggerFilterOptions>>(),
            sp.GetRequiredService<IOptions<LoggerFactoryOptions>>(),
            sp.GetService<IExternalScopeProvider>()))));

        builder.AddOpenTelemetryExport();
        return builder;
    }
}
