using System.Data.Common;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Npgsql;

namespace ReliefMarket.Web.Tests.Infrastructure;

/// <summary>
/// The whole shop on a fresh database of its own: migrated and seeded by the app's own start-up,
/// exactly as in production. One subclass per provider; tests are written once and run on both.
/// </summary>
public abstract class ShopFactory : WebApplicationFactory<Program>, IAsyncLifetime
{
    protected abstract DatabaseProvider Provider { get; }
    protected virtual string EnvironmentName => "Testing";
    protected abstract string ConnectionString { get; }

    public DatabaseProvider DatabaseProvider => Provider;

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment(EnvironmentName);
        builder.UseSetting("Database:Provider", Provider.ToString());
        builder.UseSetting($"ConnectionStrings:{Provider}", ConnectionString);
        builder.UseSetting("Database:SeedDemoData", "true");
        builder.UseSetting("Site:PublicBaseUrl", PublicBaseUrl);
        // Tests run the expiry job themselves, with a clock they control.
        builder.UseSetting("Jobs:RunServer", "false");
        // Uploaded photos and evidence go to a folder of this shop's own, removed with it.
        builder.UseSetting("Photos:Folder", Path.Combine(UploadFolder, "photos"));
        builder.UseSetting("Photos:EvidenceFolder", Path.Combine(UploadFolder, "evidence"));
        // Tests sign in and post many times from one (missing) address; RateLimitTests sets low limits of its own.
        foreach (var limit in new[] { "SignIn", "Register", "ForgotPassword", "Checkout", "Webhook", "ChannelSales" })
            builder.UseSetting($"RateLimits:{limit}:PermitLimit", "100000");
        builder.ConfigureTestServices(services =>
        {
            services.AddSingleton<Microsoft.AspNetCore.Hosting.IStartupFilter, ClientAddress>();
            services.AddSingleton<IInterceptor>(Sql);
            services.AddSingleton<TimeProvider>(Clock);
        });
    }

    public TestClock Clock { get; } = new();

    public string UploadFolder { get; } = Path.Combine(Path.GetTempPath(), $"relief-uploads-{Guid.NewGuid():N}");

    /// <summary>Production refuses the sandbox and the mail folder unless asked: a Production test shop asks.</summary>
    public static void AskForSandboxAndMailFolder(IWebHostBuilder builder)
    {
        builder.UseSetting("Payments:UseSandbox", "true");
        builder.UseSetting("Email:UsePickupFolder", "true");
        builder.UseSetting("Email:PickupFolder", Path.Combine(Path.GetTempPath(), $"relief-mail-{Guid.NewGuid():N}"));
    }

    /// <summary>The shop's configured public address: every absolute link must use it, whatever Host a request names.</summary>
    public const string PublicBaseUrl = "https://shop.reliefmarket.test";

    /// <summary>Counts the SQL commands the app sends, to catch N+1 queries and to see cache hits.</summary>
    public SqlCounter Sql { get; } = new();

    public virtual Task InitializeAsync() => Task.CompletedTask;

    public new virtual async Task DisposeAsync()
    {
        await base.DisposeAsync();
        if (Directory.Exists(UploadFolder)) Directory.Delete(UploadFolder, recursive: true);
    }

    /// <summary>A fresh DbContext from the app's own container, for arranging and asserting.</summary>
    public AsyncServiceScope Scope(out AppDbContext db)
    {
        var scope = Services.CreateAsyncScope();
        db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        return scope;
    }

    /// <summary>A client that sends the given Accept-Language and never follows redirects.</summary>
    public HttpClient Client(string? acceptLanguage = null)
    {
        var client = CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        // Each client is a person on a network of their own, as the sign-in throttle and the rate limits see them
        // (10.200.0.0 and up: outside the proxy networks that tests configure). ClientAddress.From replaces it.
        ClientAddress.From(client, $"10.{Random.Shared.Next(200, 256)}.{Random.Shared.Next(256)}.{Random.Shared.Next(1, 255)}");
        if (acceptLanguage is not null) client.DefaultRequestHeaders.AcceptLanguage.ParseAdd(acceptLanguage);
        return client;
    }
}

public class SqliteShop : ShopFactory
{
    private readonly string _file = Path.Combine(Path.GetTempPath(), $"relief-test-{Guid.NewGuid():N}.db");
    protected override DatabaseProvider Provider => DatabaseProvider.Sqlite;
    protected override string ConnectionString => $"Data Source={_file};Pooling=False";

    public override async Task DisposeAsync()
    {
        await base.DisposeAsync();
        foreach (var f in new[] { _file, _file + "-wal", _file + "-shm" }) File.Delete(f);
    }
}

public class PostgresShop : ShopFactory
{
    private readonly string _database = $"relief_test_{Guid.NewGuid():N}";
    protected override DatabaseProvider Provider => DatabaseProvider.Postgres;
    protected override string ConnectionString => new NpgsqlConnectionStringBuilder(TestPostgres.Server) { Database = _database }.ToString();

    public override async Task DisposeAsync()
    {
        await base.DisposeAsync();
        NpgsqlConnection.ClearAllPools();
        await TestPostgres.ExecuteAsync($"DROP DATABASE IF EXISTS {_database} WITH (FORCE)");
    }

    public override Task InitializeAsync() => TestPostgres.ExecuteAsync($"CREATE DATABASE {_database}");
}

/// <summary>The PostgreSQL server the tests use: RELIEF_TEST_POSTGRES, which scripts/test sets after starting one.</summary>
public static class TestPostgres
{
    public static string Server => Environment.GetEnvironmentVariable("RELIEF_TEST_POSTGRES") is { Length: > 0 } cs
        ? cs
        : throw new InvalidOperationException(
            "RELIEF_TEST_POSTGRES is not set. Run the tests with scripts/test (it starts PostgreSQL), or point it at a server, "
            + "e.g. Host=127.0.0.1;Port=5433;Username=relief;Password=relief");

    public static async Task ExecuteAsync(string sql)
    {
        await using var connection = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(Server) { Database = "postgres", Pooling = false }.ToString());
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }
}

public sealed class SqlCounter : DbCommandInterceptor
{
    private int _count;
    public int Count => Volatile.Read(ref _count);

    public override ValueTask<InterceptionResult<DbDataReader>> ReaderExecutingAsync(DbCommand command, CommandEventData eventData,
        InterceptionResult<DbDataReader> result, CancellationToken ct = default)
    {
        Interlocked.Increment(ref _count);
        return base.ReaderExecutingAsync(command, eventData, result, ct);
    }

    public override ValueTask<InterceptionResult<object>> ScalarExecutingAsync(DbCommand command, CommandEventData eventData,
        InterceptionResult<object> result, CancellationToken ct = default)
    {
        Interlocked.Increment(ref _count);
        return base.ScalarExecutingAsync(command, eventData, result, ct);
    }

    /// <summary>How many commands <paramref name="action"/> sent (tests using this must not run requests in parallel on the same shop).</summary>
    public async Task<int> CountDuring(Func<Task> action)
    {
        var before = Count;
        await action();
        return Count - before;
    }
}
