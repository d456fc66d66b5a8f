using System.Net;
using System.Text.Json;
using Microsoft.AspNetCore.Hosting;

namespace ReliefMarket.Web.Tests;

public abstract class HealthTests<TShop>(TShop shop) : IClassFixture<TShop> where TShop : ShopFactory
{
    [Fact]
    public async Task Healthz_reports_a_reachable_database()
    {
        var response = await shop.Client().GetAsync("/healthz");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.Equal("Healthy", json.RootElement.GetProperty("status").GetString());
        Assert.Equal("Healthy", json.RootElement.GetProperty("checks").GetProperty("database").GetString());
    }
}

public sealed class HealthOnSqlite(SqliteShop shop) : HealthTests<SqliteShop>(shop);
public sealed class HealthOnPostgres(PostgresShop shop) : HealthTests<PostgresShop>(shop);

/// <summary>A shop whose PostgreSQL server is gone (nothing listens on port 1).</summary>
public sealed class UnreachableDatabaseShop : ShopFactory
{
    protected override DatabaseProvider Provider => DatabaseProvider.Postgres;
    protected override string ConnectionString => "Host=127.0.0.1;Port=1;Database=none;Username=none;Password=none;Timeout=2";

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.UseSetting("Database:MigrateOnStartup", "false");
        builder.UseSetting("Database:SeedDemoData", "false");
    }
}

public class UnreachableDatabaseTests(UnreachableDatabaseShop shop) : IClassFixture<UnreachableDatabaseShop>
{
    [Fact]
    public async Task Healthz_answers_503_when_the_database_is_unreachable()
    {
        var response = await shop.Client().GetAsync("/healthz");
        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        Assert.Contains("\"database\":\"Unhealthy\"", await response.Content.ReadAsStringAsync());
    }
}
