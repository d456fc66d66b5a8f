using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Console;
using Microsoft.Extensions.Options;
using OpenTelemetry.Metrics;
using OpenTelemetry.Trace;
using WireMock.RequestBuilders;
using WireMock.ResponseBuilders;
using WireMock.Server;
using WireMock.Settings;

namespace ReliefMarket.Web.Tests.Operations;

/// <summary>An OTLP/HTTP collector stand-in on a loopback port: accepts every POST and remembers it.</summary>
public sealed class OtlpCollector : IDisposable
{
    public const string InstanceId = "test-node-1";
    public WireMockServer Server { get; } = WireMockServer.Start(new WireMockServerSettings { Urls = [$"http://127.0.0.1:{MailShop.FreePort()}"] });

    public OtlpCollector() => Server.Given(Request.Create().UsingPost())
        .RespondWith(Response.Create().WithStatusCode(200).WithHeader("Content-Type", "application/x-protobuf"));

    public void Configure(IWebHostBuilder builder)
    {
        builder.UseSetting("OpenTelemetry:OtlpEndpoint", Server.Url);
        builder.UseSetting("OpenTelemetry:ServiceInstanceId", InstanceId);
        builder.UseSetting("OpenTelemetry:ExportIntervalMilliseconds", "300");
    }

    /// <summary>The bodies posted to <paramref name="path"/> so far, waiting up to <paramref name="within"/> for the first.</summary>
    public async Task<List<string>> ReceivedAsync(string path, TimeSpan within, string? containing = null)
    {
        var deadline = DateTime.UtcNow + within;
        while (true)
        {
            var bodies = Server.LogEntries.Where(e => e.RequestMessage.Path == path)
                .Select(e => Encoding.UTF8.GetString(e.RequestMessage.BodyAsBytes ?? [])).ToList();
            if (bodies.Any(b => containing is null || b.Contains(containing)) || DateTime.UtcNow > deadline) return bodies;
            await Task.Delay(100);
        }
    }

    public void Dispose() => Server.Stop();
}

public sealed class OtlpSqliteShop : SqliteShop
{
    public OtlpCollector Collector { get; } = new();
    protected override void ConfigureWebHost(IWebHostBuilder builder) { base.ConfigureWebHost(builder); Collector.Configure(builder); }
    public override async Task DisposeAsync() { await base.DisposeAsync(); Collector.Dispose(); }
}

public sealed class OtlpPostgresShop : PostgresShop
{
    public OtlpCollector Collector { get; } = new();
    protected override void ConfigureWebHost(IWebHostBuilder builder) { base.ConfigureWebHost(builder); Collector.Configure(builder); }
    public override async Task DisposeAsync() { await base.DisposeAsync(); Collector.Dispose(); }
}

public abstract class OtlpExportTests<TShop>(TShop shop, OtlpCollector collector) where TShop : ShopFactory
{
    [Fact]
    public async Task Page_requests_are_exported_as_traces_and_metrics_of_the_named_service()
    {
        var client = shop.Client();
        foreach (var url in new[] { "/", "/products", "/origins" })
            Assert.Equal(System.Net.HttpStatusCode.OK, (await client.GetAsync(url)).StatusCode);

        var traces = await collector.ReceivedAsync("/v1/traces", TimeSpan.FromSeconds(30), containing: "/products");
        Assert.Contains(traces, t => t.Contains("/products") && t.Contains("ReliefMarket") && t.Contains(OtlpCollector.InstanceId));
        var metrics = await collector.ReceivedAsync("/v1/metrics", TimeSpan.FromSeconds(30), containing: "http.server.request.duration");
        Assert.Contains(metrics, m => m.Contains("http.server.request.duration"));
        if (shop.DatabaseProvider == DatabaseProvider.Postgres)
            Assert.NotEmpty(await collector.ReceivedAsync("/v1/traces", TimeSpan.FromSeconds(30), containing: "postgresql"));
    }
}

public sealed class OtlpExportOnSqlite(OtlpSqliteShop shop) : OtlpExportTests<OtlpSqliteShop>(shop, shop.Collector), IClassFixture<OtlpSqliteShop>;
public sealed class OtlpExportOnPostgres(OtlpPostgresShop shop) : OtlpExportTests<OtlpPostgresShop>(shop, shop.Collector), IClassFixture<OtlpPostgresShop>;

public class TelemetryTests(SqliteShop shop) : IClassFixture<SqliteShop>
{
    [Fact]
    public void Without_an_OTLP_endpoint_no_OpenTelemetry_provider_is_registered()
    {
        Assert.Null(shop.Services.GetService<TracerProvider>());
        Assert.Null(shop.Services.GetService<MeterProvider>());
    }

    private static IServiceProvider Built(string environment, params string[] args)
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { EnvironmentName = environment, Args = args });
        builder.AddTelemetry();
        return builder.Build().Services;
    }

    [Theory]
    [InlineData("Production")]
    [InlineData("Staging", "--Logging:Console:FormatterName=json")]
    public void Production_or_a_json_formatter_setting_logs_JSON_lines_with_scopes_and_the_trace_id(string environment, params string[] args)
    {
        var services = Built(environment, args);
        Assert.Equal(ConsoleFormatterNames.Json, services.GetRequiredService<IOptionsMonitor<ConsoleLoggerOptions>>().CurrentValue.FormatterName);
        var json = services.GetRequiredService<IOptionsMonitor<JsonConsoleFormatterOptions>>().CurrentValue;
        Assert.True(json.IncludeScopes && json.UseUtcTimestamp);
        var tracking = services.GetRequiredService<IOptions<LoggerFactoryOptions>>().Value.ActivityTrackingOptions;
        Assert.True(tracking.HasFlag(ActivityTrackingOptions.TraceId) && tracking.HasFlag(ActivityTrackingOptions.SpanId));
        Assert.Equal("RedactingLoggerFactory", services.GetRequiredService<ILoggerFactory>().GetType().Name);
    }

    [Fact]
    public void Development_keeps_the_plain_text_console()
    {
        var formatter = Built("Development").GetRequiredService<IOptionsMonitor<ConsoleLoggerOptions>>().CurrentValue.FormatterName;
        Assert.NotEqual(ConsoleFormatterNames.Json, formatter);
    }
}
