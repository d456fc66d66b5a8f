using System.Net;

namespace ReliefMarket.Web.Tests.Areas.Cooperative;

/// <summary>
/// Every /coop route and handler, requested by everyone who is not the owner: anonymous visitors, consumers,
/// auditors, administrators, and a member of producer A using producer B's ids. Each cell has one expected
/// outcome, and B's listing, photo and shipment are unchanged at the end.
/// </summary>
public abstract class RouteTableTests<TShop>(TShop shop) : IClassFixture<TShop> where TShop : ShopFactory
{
    private sealed record Ids(int Product, int Photo, long Shipment);

    private static (string Method, string Url, Dictionary<string, string> Form)[] Routes(Ids b) =>
    [
        ("GET", "/coop", []),
        ("GET", "/coop/orders", []),
        ("GET", "/coop/orders/export", []),
        ("GET", "/coop/products", []),
        ("GET", "/coop/products/edit", []),
        ("GET", "/coop/reports", []),
        ("GET", "/coop/reports?handler=csv", []),
        ("GET", "/coop/statements", []),
        ("GET", $"/coop/orders/{b.Shipment}", []),
        ("GET", $"/coop/products/edit/{b.Product}", []),
        ("GET", $"/coop/products/{b.Product}/photos", []),
        ("GET", $"/coop/products/{b.Product}/stock", []),
        ("GET", $"/coop/products/{b.Product}/submit", []),
        ("POST", $"/coop/orders/{b.Shipment}?handler=Ship", new() { ["Carrier"] = "SF", ["TrackingNumber"] = "SF123456" }),
        ("POST", $"/coop/orders/{b.Shipment}?handler=Deliver", []),
        ("POST", $"/coop/products?handler=Unlist&id={b.Product}", []),
        ("POST", $"/coop/products?handler=Relist&id={b.Product}", []),
        ("POST", $"/coop/products/edit/{b.Product}", new() { ["Form.NameZh"] = "改名", ["Form.Price"] = "1.00", ["Form.Stock"] = "1", ["Confirmed"] = "true" }),
        ("POST", $"/coop/products/{b.Product}/photos?handler=Cover&photoId={b.Photo}", []),
        ("POST", $"/coop/products/{b.Product}/photos?handler=Up&photoId={b.Photo}", []),
        ("POST", $"/coop/products/{b.Product}/photos?handler=Delete&photoId={b.Photo}", []),
        ("POST", $"/coop/products/{b.Product}/stock?handler=Set", new() { ["Value"] = "0", ["Reason"] = "Correction" }),
        ("POST", $"/coop/products/{b.Product}/stock?handler=Adjust", new() { ["Value"] = "-5", ["Reason"] = "Correction" }),
        ("POST", $"/coop/products/{b.Product}/submit", new() { ["Evidence"] = "县里推荐函" }),
    ];

    /// <summary>B's rows as a text that changes if anything about them changes.</summary>
    private async Task<string> SnapshotAsync(Ids b)
    {
        await using var scope = shop.Scope(out var db);
        var product = await db.Products.AsNoTracking().SingleAsync(p => p.Id == b.Product);
        var photos = await db.ProductPhotos.AsNoTracking().Where(p => p.ProductId == b.Product).Select(p => $"{p.Id}:{p.Position}").ToListAsync();
        var shipment = await db.Shipments.AsNoTracking().SingleAsync(s => s.Id == b.Shipment);
        return $"{product.Name.Zh}|{product.Price}|{product.Stock}|{product.IsListed}|{product.CertificationStatus}|{string.Join(',', photos)}|"
            + $"{shipment.Status}|{shipment.TrackingNumber}";
    }

    [Fact]
    public async Task Nobody_but_the_owner_reaches_a_producer_s_listings_photos_or_shipments()
    {
        var order = await CoopShop.PaidOrderAsync(shop, producers: 2);
        var (a, bProducer) = (order.Producers[0], order.Producers[1]);
        Ids b;
        await using (var scope = shop.Scope(out var db))
        {
            var product = await db.Products.FirstAsync(p => p.ProducerId == bProducer);
            var photo = new ProductPhoto(product.Id, "route-table.webp", "route-table-thumb.webp", 400, 300, 0, DateTime.UtcNow);
            db.ProductPhotos.Add(photo);
            await db.SaveChangesAsync();
            b = new Ids(product.Id, photo.Id, (await CoopShop.ShipmentAsync(shop, order.OrderId, bProducer)).Id);
        }
        var before = await SnapshotAsync(b);

        var memberOfA = await CoopShop.MemberAsync(shop, a);
        var people = new (string Who, Shopper Person, Func<string, string, HttpResponseMessage, string?> Check)[]
        {
            ("anonymous", Shopper.Anonymous(shop), (_, _, r) => Location(r).StartsWith("/account/login") ? null : "not sent to sign in"),
            ("consumer", await Shopper.Anonymous(shop).SignUpAndSignInAsync(role: Roles.Consumer), Denied),
            ("auditor", await Shopper.Anonymous(shop).SignUpAndSignInAsync(role: Roles.Auditor), Denied),
            ("admin", await Shopper.Anonymous(shop).SignUpAndSignInAsync(role: Roles.Admin), Denied),
            ("member of A", memberOfA, (method, url, r) =>
                url.Contains($"/{b.Product}") || url.Contains($"={b.Product}") || url.Contains($"/{b.Shipment}")
                    ? r.StatusCode == HttpStatusCode.NotFound ? null : $"answered {(int)r.StatusCode}, not 404"
                    : r.StatusCode == HttpStatusCode.OK ? null : $"answered {(int)r.StatusCode} on its own page"),
        };

        var failures = new List<string>();
        foreach (var (who, person, check) in people)
        {
            // A real antiforgery token of this person, so that a refusal is the area's doing, not the token's.
            var token = (await person.PageAsync(who == "anonymous" ? "/account/login" : "/account/profile"))
                .QuerySelector("input[name=__RequestVerificationToken]")?.GetAttribute("value") ?? "";
            foreach (var (method, url, form) in Routes(b))
            {
                var response = method == "GET" ? await person.Client.GetAsync(url)
                    : await person.Client.PostAsync(url, new FormUrlEncodedContent(new Dictionary<string, string>(form) { ["__RequestVerificationToken"] = token }));
                if (check(method, url, response) is { } problem) failures.Add($"{who} {method} {url}: {problem}");
            }
        }

        Assert.True(failures.Count == 0, string.Join("\n", failures));
        Assert.Equal(before, await SnapshotAsync(b));
        var ownList = await memberOfA.PageAsync("/coop/products");
        await using (var scope = shop.Scope(out var db))
        {
            var bName = await db.Products.Where(p => p.Id == b.Product).Select(p => p.Slug).SingleAsync();
            Assert.DoesNotContain(bName, ownList.DocumentElement.OuterHtml);
        }
    }

    private static string Location(HttpResponseMessage r) =>
        r.Headers.Location is { } l ? (l.IsAbsoluteUri ? l.PathAndQuery : l.OriginalString) : $"({(int)r.StatusCode})";

    private static string? Denied(string method, string url, HttpResponseMessage r) =>
        Location(r).StartsWith("/account/access-denied") ? null : $"not denied: {Location(r)}";
}

public sealed class RouteTableOnSqlite(SqliteShop shop) : RouteTableTests<SqliteShop>(shop);
public sealed class RouteTableOnPostgres(PostgresShop shop) : RouteTableTests<PostgresShop>(shop);
