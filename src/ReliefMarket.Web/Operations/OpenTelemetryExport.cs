using Npgsql;
using OpenTelemetry.Exporter;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;

namespace ReliefMarket.Web.Operations;

public sealed class OpenTelemetrySettings
{
    public const string Section = "OpenTelemetry";

    /// <summary>Base address of an OTLP/HTTP (protobuf) collector, e.g. http://127.0.0.1:4318; empty = nothing is registered.</summary>
    public string OtlpEndpoint { get; set; } = "";
    /// <summary>Names this node among several; empty = machine name and port.</summary>
    public string ServiceInstanceId { get; set; } = "";
    /// <summary>How often spans and metrics are sent.</summary>
    public int ExportIntervalMilliseconds { get; set; } = 10_000;
}

public static class OpenTelemetryExport
{
    public const string ServiceName = "ReliefMarket";

    /// <summary>
    /// Traces and metrics of ASP.NET Core, outgoing HTTP (Stripe, Hangfire none: it has no ActivitySource) and
    /// Npgsql over OTLP/HTTP. With no endpoint nothing is registered, so a developer machine pays nothing.
    /// </summary>
    public static WebApplicationBuilder AddOpenTelemetryExport(this WebApplicationBuilder builder)
    {
        var settings = builder.Configuration.GetSection(OpenTelemetrySettings.Section).Get<OpenTelemetrySettings>() ?? new();
        if (string.IsNullOrWhiteSpace(settings.OtlpEndpoint)) return builder;
        if (!Uri.TryCreate(settings.OtlpEndpoint.TrimEnd('/') + "/", UriKind.Absolute, out var endpoint) || endpoint.Scheme is not ("http" or "https"))
            throw new InvalidOperationException($"OpenTelemetry:OtlpEndpoint '{settings.OtlpEndpoint}' is not an http(s) address.");
        var interval = Math.Max(settings.ExportIntervalMilliseconds, 100);
        var instance = settings.ServiceInstanceId is { Length: > 0 } id ? id : $"{Environment.MachineName}:{Port(builder.Configuration)}";

        builder.Services.AddOpenTelemetry()
            .ConfigureResource(r => r.AddService(ServiceName, serviceInstanceId: instance, autoGenerateServiceInstanceId: false))
            .WithTracing(t => t
                .AddAspNetCoreInstrumentation()   // query values are redacted by the instrumentation by default
                .AddHttpClientInstrumentation()
                .AddNpgsql()
                .AddOtlpExporter(o =>
                {
                    Otlp(o, endpoint, "v1/traces");
                    o.BatchExportProcessorOptions.ScheduledDelayMilliseconds = interval;
                }))
            .WithMetrics(m => m
                .AddAspNetCoreInstrumentation()
                .AddHttpClientInstrumentation()
                .AddNpgsqlInstrumentation()
                .AddMeter("System.Runtime")       // the runtime's own meter (GC, thread pool) since .NET 9
                .AddOtlpExporter((o, reader) =>
                {
                    Otlp(o, endpoint, "v1/metrics");
                    reader.PeriodicExportingMetricReaderOptions.ExportIntervalMilliseconds = interval;
                }));
        return builder;
    }

    private static void Otlp(OtlpExporterOptions o, Uri endpoint, string path)
    {
        o.Protocol = OtlpExportProtocol.HttpProtobuf;
        o.Endpoint = new Uri(endpoint, path);   // a signal endpoint set in code is used as is, path included
    }

    /// <summary>The port this node listens on, from the same settings Kestrel reads; "?" when only Kestrel's own section says.</summary>
    private static string Port(IConfiguration configuration)
    {
        foreach (var key in new[] { "urls", "http_ports", "https_ports" })
        {
            var first = configuration[key]?.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).FirstOrDefault();
            if (first is null) continue;
            if (int.TryParse(first, out var port)) return port.ToString();
            var authority = first.Split("://").Last().Split('/')[0];
            return authority[(authority.LastIndexOf(':') + 1)..];
        }
        return "?";
    }
}
