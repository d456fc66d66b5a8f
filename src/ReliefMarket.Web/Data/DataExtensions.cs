using Microsoft.AspNetCore.DataProtection;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.Options;

namespace ReliefMarket.Web.Data;

public enum DatabaseProvider { Sqlite, Postgres }

public sealed class DatabaseOptions
{
    public const string Section = "Database";

    public DatabaseProvider Provider { get; set; } = DatabaseProvider.Sqlite;
    /// <summary>Apply pending migrations when the app starts (turn off where a release step migrates).</summary>
    public bool MigrateOnStartup { get; set; } = true;
    /// <summary>Insert the source article's counties, villages, producers and products where missing. On in
    /// Development (appsettings.Development.json); anywhere else only when set on purpose.</summary>
    public bool SeedDemoData { get; set; }
}

public static class DataExtensions
{
    public static WebApplicationBuilder AddData(this WebApplicationBuilder builder)
    {
        var options = builder.Configuration.GetSection(DatabaseOptions.Section).Get<DatabaseOptions>() ?? new();
        builder.Services.AddOptions<DatabaseOptions>().BindConfiguration(DatabaseOptions.Section).ValidateOnStart();

        // Pooled: each request takes a context that is ready instead of building one (five requests an order in a flash
        // sale). The interceptors are singletons, and EF resets what a request changes (tracking, timeout) on return.
        switch (options.Provider)
        {
            case DatabaseProvider.Postgres:
                var pg = builder.Configuration.GetConnectionString("Postgres");
                if (string.IsNullOrWhiteSpace(pg))
                    throw new OptionsValidationException("ConnectionStrings:Postgres", typeof(DatabaseOptions),
                        ["Database:Provider is Postgres but ConnectionStrings:Postgres is empty."]);
                builder.Services.AddDbContextPool<AppDbContext, PostgresAppDbContext>((sp, o) => o.UseNpgsql(pg).AddInterceptors(sp.GetServices<IInterceptor>()));
                break;
            default:
                var sqlite = SqliteConnectionString(builder.Configuration.GetConnectionString("Sqlite"), builder.Environment.ContentRootPath);
                builder.Services.AddDbContextPool<AppDbContext, SqliteAppDbContext>((sp, o) => o.UseSqlite(sqlite).AddInterceptors([.. sp.GetServices<IInterceptor>(), new SqliteWaits()]));
                break;
        }

        builder.Services.AddHealthChecks().AddReadinessChecks();
        // One key ring in the database under one application name, so every node (and every restart) reads what another wrote.
        builder.Services.AddDataProtection().SetApplicationName("ReliefMarket").PersistKeysToDbContext<AppDbContext>();
        builder.Services.AddScoped<Seed.DemoSeeder>();
        builder.Services.AddScoped<Seed.DemoSales>();
        return builder;
    }

    /// <summary>A relative SQLite file is placed under the content root, and its folder is created.</summary>
    internal static string SqliteConnectionString(string? configured, string contentRoot)
    {
        var csb = new SqliteConnectionStringBuilder(string.IsNullOrWhiteSpace(configured) ? "Data Source=.data/relief.db" : configured);
        if (csb.DataSource != ":memory:" && csb.Mode != SqliteOpenMode.Memory)
        {
            if (!Path.IsPathRooted(csb.DataSource)) csb.DataSource = Path.GetFullPath(Path.Combine(contentRoot, csb.DataSource));
            Directory.CreateDirectory(Path.GetDirectoryName(csb.DataSource)!);
        }
        return csb.ToString();
    }

    /// <summary>Migrates and seeds as configured, before the app takes requests.</summary>
    public static async Task PrepareDatabaseAsync(this WebApplication app)
    {
        var options = app.Services.GetRequiredService<IOptions<DatabaseOptions>>().Value;
        await using var scope = app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        // Nothing pending is the usual start, and asking costs one query; MigrateAsync itself would also diff the whole
        // model against the snapshot to warn of a forgotten migration (a second or more at start-up, docs/decisions/0025),
        // a check PersistenceTests makes on every test run instead.
        if (options.MigrateOnStartup && (await db.Database.GetPendingMigrationsAsync()).Any())
        {
            // A migration may backfill or index a large table (a million attribution entries take minutes): not a request.
            var timeout = db.Database.GetCommandTimeout();
            db.Database.SetCommandTimeout(TimeSpan.FromMinutes(30));
            await db.Database.MigrateAsync();
            db.Database.SetCommandTimeout(timeout); // seeding, below, uses the same context
        }
        var seeder = scope.ServiceProvider.GetRequiredService<Seed.DemoSeeder>();
        if (options.SeedDemoData)
            // Demo accounts have a published password: they exist only where DemoAccounts:Password is configured
            // (appsettings.Development.json, or an operator who asks for them).
            await seeder.SeedAsync(includeDemoAccounts: !string.IsNullOrEmpty(app.Configuration["DemoAccounts:Password"]));
        else if (options.MigrateOnStartup) await seeder.EnsureRolesAsync();
        // SQLite plans by the statistics only ANALYZE writes. Without them a county's report read every entry of the
        // county through the county index and the table, not the period from the covering report index (decision 0030).
        // "optimize" analyzes only the tables never analyzed or grown tenfold since, within a row limit (1.5 s for a
        // million entries never analyzed; nothing when current), so each start brings the statistics up to date.
        if (db.Database.IsSqlite()) await db.Database.ExecuteSqlRawAsync("PRAGMA optimize=0x10002");
    }
}
