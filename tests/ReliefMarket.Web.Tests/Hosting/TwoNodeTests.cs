using System.Diagnostics;
using System.Net;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Mvc.Testing.Handlers;
using Npgsql;

namespace ReliefMarket.Web.Tests.Hosting;

/// <summary>One app instance of several that share a PostgreSQL database, as behind a load balancer.</summary>
public sealed class PostgresNode(string connectionString) : ShopFactory
{
    protected override DatabaseProvider Provider => DatabaseProvider.Postgres;
    protected override string ConnectionString => connectionString;
}

/// <summary>Two nodes on one database; node A starts (and migrates) first, as a rolling deploy would.</summary>
public sealed class TwoNodes : IAsyncLifetime
{
    private readonly string _database = $"relief_test_{Guid.NewGuid():N}";
    public PostgresNode A { get; private set; } = null!;
    public PostgresNode B { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        await TestPostgres.ExecuteAsync($"CREATE DATABASE {_database}");
        var cs = new NpgsqlConnectionStringBuilder(TestPostgres.Server) { Database = _database }.ToString();
        A = new PostgresNode(cs);
        A.CreateClient().Dispose();
        B = new PostgresNode(cs);
        B.CreateClient().Dispose();
    }

    public async Task DisposeAsync()
    {
        await A.DisposeAsync();
        await B.DisposeAsync();
        NpgsqlConnection.ClearAllPools();
        await TestPostgres.ExecuteAsync($"DROP DATABASE IF EXISTS {_database} WITH (FORCE)");
    }

    /// <summary>One browser's cookie jar, used against whichever node the balancer picks.</summary>
    public static HttpClient Browser(ShopFactory node, CookieContainer cookies) =>
        node.CreateDefaultClient(new Uri("http://localhost"), new CookieContainerHandler(cookies));
}

public class TwoNodeTests(TwoNodes nodes) : IClassFixture<TwoNodes>
{
    [Fact]
    public async Task A_shopper_signed_in_on_one_node_stays_signed_in_on_the_other()
    {
        var cookies = new CookieContainer();
        await new Shopper(nodes.A, TwoNodes.Browser(nodes.A, cookies)).SignUpAndSignInAsync();

        var orders = await TwoNodes.Browser(nodes.B, cookies).GetAsync("/orders");
        Assert.Equal(HttpStatusCode.OK, orders.StatusCode);
    }

    [Fact]
    public async Task A_form_rendered_by_one_node_is_accepted_by_the_other()
    {
        var cookies = new CookieContainer();
        var onA = new Shopper(nodes.A, TwoNodes.Browser(nodes.A, cookies));
        await onA.SignUpAndSignInAsync();
        await onA.AddToCartAsync("hezhang-eggs");

        var form = (await onA.PageAsync("/checkout")).QuerySelector("form.checkout")!;
        var fields = form.QuerySelectorAll("input[name]").ToDictionary(i => i.GetAttribute("name")!, i => i.GetAttribute("value") ?? "");
        foreach (var (k, v) in Shopper.Address) fields[k] = v;
        var placed = await TwoNodes.Browser(nodes.B, cookies).PostAsync("/checkout", new FormUrlEncodedContent(fields));

        Assert.Equal(HttpStatusCode.Redirect, placed.StatusCode);
        Assert.StartsWith("/payments/sandbox/", placed.Headers.Location!.OriginalString);
    }

    [Fact]
    public async Task An_email_link_made_by_one_node_opens_on_the_other()
    {
        var email = $"two-nodes-{Guid.NewGuid():N}@example.test";
        var registered = await new Shopper(nodes.A, TwoNodes.Browser(nodes.A, new CookieContainer())).SubmitAsync("/account/register", "form",
            new() { ["Email"] = email, ["Password"] = Shopper.Password, ["ConfirmPassword"] = Shopper.Password });
        Assert.Equal(HttpStatusCode.Redirect, registered.StatusCode);

        string text;
        await using (var scope = nodes.A.Scope(out var db)) text = (await db.OutboxMessages.SingleAsync(m => m.To == email)).TextBody;
        var link = Regex.Match(text, $@"{Regex.Escape(ShopFactory.PublicBaseUrl)}(?<rel>/account/confirm\S*)").Groups["rel"].Value;
        var confirmed = await TwoNodes.Browser(nodes.B, new CookieContainer()).GetAsync(link);

        Assert.Equal(HttpStatusCode.OK, confirmed.StatusCode);
        await using (var scope = nodes.B.Scope(out var db)) Assert.True((await db.Users.SingleAsync(u => u.Email == email)).EmailConfirmed);
    }

    [Fact]
    public async Task A_price_changed_through_one_node_shows_on_the_other_within_a_second()
    {
        var visitor = nodes.B.Client();
        // Until B serves the page from its cache (an earlier test's order may still be evicting it, twice).
        var warm = Stopwatch.StartNew();
        while (await nodes.B.Sql.CountDuring(() => visitor.GetPageAsync("/products/weining-potatoes")) > 0)
        {
            Assert.True(warm.Elapsed < TimeSpan.FromSeconds(5), "node B never served the product page from its cache");
            await Task.Delay(100);
        }

        Money newPrice;
        var clock = Stopwatch.StartNew();
        await using (var scope = nodes.A.Scope(out var db))
        {
            var product = await db.Products.SingleAsync(p => p.Slug == "weining-potatoes");
            newPrice = product.Price + new Money(123);
            product.ChangePrice(newPrice);
            await db.SaveChangesAsync();
        }
        var committed = clock.Elapsed;

        while (true)
        {
            var price = (await visitor.GetPageAsync("/products/weining-potatoes")).QuerySelector(".price .amount")!.TextContent;
            if (price == newPrice.ToString()) break;
            Assert.True(clock.Elapsed - committed < TimeSpan.FromSeconds(1), $"node B still shows {price} a second after the change");
            await Task.Delay(20);
        }
    }
}
