using System.Net;
using ReliefMarket.Web.Tests.Areas.Admin;
using ReliefMarket.Web.Tests.Areas.Cooperative;

namespace ReliefMarket.Web.Tests.Areas.Unit;

/// <summary>
/// Every /unit route and handler, requested by everyone who is not a buyer of the unit: anonymous visitors, consumers,
/// cooperative members, auditors, administrators, and a buyer of unit A using unit B's order. Each cell has one
/// expected outcome, and B's order and A's order count are unchanged at the end.
/// </summary>
public abstract class RouteTableTests<TShop>(TShop shop) : IClassFixture<TShop> where TShop : ShopFactory
{
    private static (string Method, string Url, Dictionary<string, string> Form)[] Routes(Guid orderOfB, int product) =>
    [
        ("GET", "/unit", []),
        ("GET", "/unit/orders/new", []),
        ("GET", "/unit/export", []),
        ("GET", $"/unit/orders/{orderOfB}", []),
        // Nothing ordered: a buyer is told so (422); nobody else gets that far.
        ("POST", "/unit/orders/new", new() { [$"Quantities[{product}]"] = "0", ["InvoiceTitle"] = "某单位", ["TaxpayerId"] = UnitShop.TaxpayerId }),
    ];

    private async Task<string> SnapshotAsync(Guid orderOfB, int unitA)
    {
        await using var scope = shop.Scope(out var db);
        var order = await db.Orders.AsNoTracking().SingleAsync(o => o.Id == orderOfB);
        return $"{order.Status}|{order.Total}|{order.PaymentReference}|{await db.ProcurementOrders.CountAsync(p => p.WorkUnitId == unitA)}";
    }

    [Fact]
    public async Task Nobody_but_the_unit_s_buyers_reaches_its_pages_or_orders()
    {
        var (unitA, unitB) = (await UnitShop.WorkUnitAsync(shop), await UnitShop.WorkUnitAsync(shop));
        var (product, _) = await UnitShop.ProductsAsync(shop);
        var orderOfB = UnitShop.OrderIdFrom(await UnitShop.OrderAsync(await UnitShop.BuyerAsync(shop, unitB), new Dictionary<int, string> { [product] = "3" }));
        var before = await SnapshotAsync(orderOfB, unitA);

        var people = new (string Who, Shopper Person, Func<string, string, HttpResponseMessage, string?> Check)[]
        {
            ("anonymous", Shopper.Anonymous(shop), (_, _, r) => Location(r).StartsWith("/account/login") ? null : "not sent to sign in"),
            ("consumer", await Shopper.Anonymous(shop).SignUpAndSignInAsync(role: Roles.Consumer), Denied),
            ("member", await shop.MemberAsync(), Denied),
            ("auditor", await AdminShop.AuditorAsync(shop), Denied),
            ("admin", await AdminShop.AdminAsync(shop), Denied),
            ("buyer of A", await UnitShop.BuyerAsync(shop, unitA), (method, url, r) =>
                url.Contains(orderOfB.ToString())
                    ? r.StatusCode == HttpStatusCode.NotFound ? null : $"answered {(int)r.StatusCode}, not 404"
                    : r.StatusCode == (method == "POST" ? HttpStatusCode.UnprocessableEntity : HttpStatusCode.OK) ? null : $"answered {(int)r.StatusCode} on its own page"),
        };

        var failures = new List<string>();
        foreach (var (who, person, check) in people)
        {
            // A real antiforgery token of this person, so that a refusal is the area's doing, not the token's.
            var token = (await person.PageAsync(who == "anonymous" ? "/account/login" : "/account/profile"))
                .QuerySelector("input[name=__RequestVerificationToken]")?.GetAttribute("value") ?? "";
            foreach (var (method, url, form) in Routes(orderOfB, product))
            {
                var response = method == "GET" ? await person.Client.GetAsync(url)
                    : await person.Client.PostAsync(url, new FormUrlEncodedContent(new Dictionary<string, string>(form) { ["__RequestVerificationToken"] = token }));
                if (check(method, url, response) is { } problem) failures.Add($"{who} {method} {url}: {problem}");
            }
        }

        Assert.True(failures.Count == 0, string.Join("\n", failures));
        Assert.Equal(before, await SnapshotAsync(orderOfB, unitA));
    }

    private static string Location(HttpResponseMessage r) =>
        r.Headers.Location is { } l ? (l.IsAbsoluteUri ? l.PathAndQuery : l.OriginalString) : $"({(int)r.StatusCode})";

    private static string? Denied(string method, string url, HttpResponseMessage r) =>
        Location(r).StartsWith("/account/access-denied") ? null : $"not denied: {Location(r)}";
}

public sealed class UnitRouteTableOnSqlite(SqliteShop shop) : RouteTableTests<SqliteShop>(shop);
public sealed class UnitRouteTableOnPostgres(PostgresShop shop) : RouteTableTests<PostgresShop>(shop);
