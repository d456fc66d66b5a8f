using System.Net;
using System.Text.Json;

namespace ReliefMarket.Web.Tests.Hosting;

public abstract class HealthProbeTests<TShop>(TShop shop) : IClassFixture<TShop> where TShop : ShopFactory
{
    [Fact]
    public async Task Live_answers_without_touching_the_database_and_ready_checks_database_and_migrations()
    {
        var live = await shop.Client().GetAsync("/healthz/live");
        Assert.Equal(HttpStatusCode.OK, live.StatusCode);
        Assert.Equal("{}", JsonDocument.Parse(await live.Content.ReadAsStringAsync()).RootElement.GetProperty("checks").GetRawText());

        var ready = await shop.Client().GetAsync("/healthz/ready");
        Assert.Equal(HttpStatusCode.OK, ready.StatusCode);
        var checks = JsonDocument.Parse(await ready.Content.ReadAsStringAsync()).RootElement.GetProperty("checks");
        Assert.Equal("Healthy", checks.GetProperty("database").GetString());
        Assert.Equal("Healthy", checks.GetProperty("migrations").GetString());
    }
}

public sealed class HealthProbesOnSqlite(SqliteShop shop) : HealthProbeTests<SqliteShop>(shop);
public sealed class HealthProbesOnPostgres(PostgresShop shop) : HealthProbeTests<PostgresShop>(shop);

public class UnreachableDatabaseProbeTests(UnreachableDatabaseShop shop) : IClassFixture<UnreachableDatabaseShop>
{
    [Fact]
    public async Task Without_its_database_a_node_is_live_but_not_ready()
    {
        Assert.Equal(HttpStatusCode.OK, (await shop.Client().GetAsync("/healthz/live")).StatusCode);
        Assert.Equal(HttpStatusCode.ServiceUnavailable, (await shop.Client().GetAsync("/healthz/ready")).StatusCode);
    }
}
