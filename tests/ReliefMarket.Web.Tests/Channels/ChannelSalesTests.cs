using System.Net;
using System.Net.Http.Json;
using ReliefMarket.Web.Channels;

namespace ReliefMarket.Web.Tests.Channels;

public abstract class ChannelSalesTests<TShop>(TShop shop) : IClassFixture<TShop> where TShop : ShopFactory
{
    private static string Id() => $"s-{Guid.NewGuid():N}";

    [Fact]
    public async Task An_accepted_sale_is_a_paid_vending_cabinet_order_with_its_attribution_and_ledger_entry()
    {
        var device = await ChannelDevice.RegisterAsync(shop);
        var saleId = Id();

        var response = await device.PostAsync(device.Sale(saleId, quantity: 3, unitPriceFen: 950));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var result = Assert.Single((await ChannelDevice.ReadAsync(response)).Results);
        Assert.Equal((saleId, SaleOutcome.Accepted, 201, false), (result.SaleId, result.Outcome, result.Status, result.FlaggedForReview));
        await using var scope = shop.Scope(out var db);
        var order = await db.Orders.Include(o => o.Lines).SingleAsync(o => o.Id == result.OrderId);
        Assert.Equal((Channel.VendingCabinet, OrderStatus.Paid, 2850L, 0L), (order.Channel, order.Status, order.Total.Fen, order.ShippingFee.Fen));
        Assert.Equal(new Money(950), Assert.Single(order.Lines).UnitPrice);
        Assert.Null(order.CustomerId);
        Assert.Equal(2850, await db.AttributionEntries.Where(a => a.OrderId == order.Id).SumAsync(a => a.AmountFen));
        Assert.True(await db.AttributionEntries.Where(a => a.OrderId == order.Id).AllAsync(a => a.Channel == Channel.VendingCabinet));
        Assert.True(await db.JournalEntries.AnyAsync(e => e.OrderId == order.Id));
        Assert.False(await db.Shipments.AnyAsync(s => s.OrderId == order.Id));
        // A device that does not draw on the producer's stock leaves it alone.
        Assert.Equal(100, await db.Products.Where(p => p.Id == device.ProductId).Select(p => p.Stock).SingleAsync());
    }

    [Fact]
    public async Task The_same_batch_sent_twice_counts_once_and_answers_the_same()
    {
        var device = await ChannelDevice.RegisterAsync(shop);
        var batch = Enumerable.Range(0, 5).Select(_ => device.Sale(Id())).Append(device.Sale(Id(), quantity: 0)).ToArray();

        var first = await ChannelDevice.ReadAsync(await device.PostAsync(batch));
        var second = await ChannelDevice.ReadAsync(await device.PostAsync(batch));

        Assert.Equal((5, 1, 0), (first.Accepted, first.Rejected, first.Conflicts));
        Assert.Equal(first.Results, second.Results);
        await using var scope = shop.Scope(out var db);
        Assert.Equal(5, await db.DeviceSales.CountAsync(s => s.DeviceId == device.DeviceId));
        Assert.Equal(5, await db.OrderLines.CountAsync(l => l.ProductId == device.ProductId));
    }

    [Fact]
    public async Task A_sale_id_reused_for_different_content_is_a_conflict_and_the_first_sale_stands()
    {
        var device = await ChannelDevice.RegisterAsync(shop);
        var saleId = Id();
        var at = shop.Clock.GetUtcNow().AddMinutes(-3);
        var original = await ChannelDevice.ReadAsync(await device.PostAsync(device.Sale(saleId, quantity: 2, at: at)));

        var alone = await device.PostAsync(device.Sale(saleId, quantity: 3, at: at));
        var inBatch = await ChannelDevice.ReadAsync(await device.PostAsync(device.Sale(saleId, quantity: 2, at: at.AddSeconds(1)), device.Sale(Id())));

        Assert.Equal(HttpStatusCode.Conflict, alone.StatusCode);
        Assert.Equal((SaleOutcome.Conflict, 409), (Assert.Single((await ChannelDevice.ReadAsync(alone)).Results) is var r ? (r.Outcome, r.Status) : default));
        Assert.Equal([SaleOutcome.Conflict, SaleOutcome.Accepted], inBatch.Results.Select(x => x.Outcome));
        await using var scope = shop.Scope(out var db);
        var order = await db.Orders.SingleAsync(o => o.Id == original.Results[0].OrderId);
        Assert.Equal(2000, order.Total.Fen);
        Assert.Equal(1, await db.DeviceSales.CountAsync(s => s.DeviceId == device.DeviceId && s.SaleId == saleId));
    }

    [Fact]
    public async Task Every_rejection_names_its_reason_and_writes_nothing()
    {
        var device = await ChannelDevice.RegisterAsync(shop);
        var now = shop.Clock.GetUtcNow();
        var cases = new (object Sale, RejectionReason Reason)[]
        {
            (device.Sale(Id(), product: "no-such-product"), RejectionReason.UnknownProduct),
            (device.Sale(Id(), quantity: 2, totalFen: 1999), RejectionReason.TotalMismatch),
            (device.Sale(Id(), unitPriceFen: 1201), RejectionReason.PriceOutOfTolerance),
            (device.Sale(Id(), unitPriceFen: 799), RejectionReason.PriceOutOfTolerance),
            (device.Sale(Id(), at: now.AddMinutes(6)), RejectionReason.TimeInFuture),
            (device.Sale(Id(), at: now.AddDays(-30).AddMinutes(-1)), RejectionReason.TooOld),
            (device.Sale(Id(), quantity: 0), RejectionReason.QuantityOutOfRange),
            (device.Sale(Id(), quantity: 1000), RejectionReason.QuantityOutOfRange),
            (device.Sale(""), RejectionReason.InvalidSale),
            (new { saleId = Id(), occurredAt = now, lines = Array.Empty<object>(), totalFen = 0 }, RejectionReason.InvalidSale),
        };

        var response = await ChannelDevice.ReadAsync(await device.PostAsync(cases.Select(c => c.Sale).ToArray()));

        Assert.Equal((0, cases.Length), (response.Accepted, response.Rejected));
        Assert.Equal(cases.Select(c => c.Reason), response.Results.Select(r => r.Reason!.Value));
        Assert.All(response.Results, r => Assert.Equal((SaleOutcome.Rejected, 422), (r.Outcome, r.Status)));
        Assert.All(response.Results, r => Assert.False(string.IsNullOrEmpty(r.Detail)));
        // The edges of each rule still pass: exactly 20% off, five minutes ahead, 999 units.
        var edges = await ChannelDevice.ReadAsync(await device.PostAsync(device.Sale(Id(), unitPriceFen: 800),
            device.Sale(Id(), unitPriceFen: 1200), device.Sale(Id(), at: now.AddMinutes(5)), device.Sale(Id(), quantity: 999)));
        Assert.Equal(4, edges.Accepted);
        await using var scope = shop.Scope(out var db);
        Assert.Equal(4, await db.DeviceSales.CountAsync(s => s.DeviceId == device.DeviceId));
    }

    [Fact]
    public async Task A_missing_unknown_or_revoked_key_gets_401_problem_json()
    {
        var device = await ChannelDevice.RegisterAsync(shop);
        var missing = await shop.Client().PostAsJsonAsync(ChannelDevice.Url, new { sales = new[] { device.Sale(Id()) } });
        var realKey = device.Key;
        device.Key = realKey[..^4] + "AAAA";
        var wrong = await device.PostAsync(device.Sale(Id()));
        device.Key = realKey;
        Assert.Equal(HttpStatusCode.OK, (await device.PostAsync(device.Sale(Id()))).StatusCode);

        await using (var scope = shop.Scope(out var db))
        {
            (await db.Devices.SingleAsync(d => d.Id == device.DeviceId)).Revoke(DateTime.UtcNow);
            await db.SaveChangesAsync();
        }
        var revoked = await device.PostAsync(device.Sale(Id()));

        foreach (var response in new[] { missing, wrong, revoked })
        {
            Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
            Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        }
    }

    [Fact]
    public async Task A_batch_of_500_is_accepted_and_501_is_refused()
    {
        var device = await ChannelDevice.RegisterAsync(shop);
        var batch = Enumerable.Range(0, 500).Select(_ => device.Sale(Id(), quantity: 1)).ToArray();

        var response = await ChannelDevice.ReadAsync(await device.PostAsync(batch));
        var tooMany = await device.PostAsync(batch.Append(device.Sale(Id())).ToArray());

        Assert.Equal(500, response.Accepted);
        Assert.Equal(HttpStatusCode.BadRequest, tooMany.StatusCode);
        await using var scope = shop.Scope(out var db);
        Assert.Equal(500, await db.DeviceSales.CountAsync(s => s.DeviceId == device.DeviceId));
        Assert.Equal(500 * ChannelDevice.PriceFen,
            await db.AttributionEntries.Where(a => db.DeviceSales.Any(s => s.DeviceId == device.DeviceId && s.OrderId == a.OrderId)).SumAsync(a => a.AmountFen));
    }

    [Fact]
    public async Task A_body_over_the_cap_gets_413_and_malformed_json_400()
    {
        var device = await ChannelDevice.RegisterAsync(shop);
        var huge = new { sales = new[] { new { saleId = new string('x', 1024 * 1024), occurredAt = DateTimeOffset.UtcNow, lines = Array.Empty<object>(), totalFen = 0 } } };
        using var big = new HttpRequestMessage(HttpMethod.Post, ChannelDevice.Url) { Content = JsonContent.Create(huge) };
        big.Headers.Add(DeviceKey.Header, device.Key);
        using var bad = new HttpRequestMessage(HttpMethod.Post, ChannelDevice.Url) { Content = new StringContent("{\"sales\": [", System.Text.Encoding.UTF8, "application/json") };
        bad.Headers.Add(DeviceKey.Header, device.Key);

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, (await shop.Client().SendAsync(big)).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await shop.Client().SendAsync(bad)).StatusCode);
    }

    [Fact]
    public async Task Stock_is_taken_for_a_device_that_draws_on_it_and_never_goes_negative_the_short_sale_is_flagged()
    {
        var device = await ChannelDevice.RegisterAsync(shop, drawsOnStock: true, stock: 5);

        var response = await ChannelDevice.ReadAsync(await device.PostAsync(device.Sale(Id(), quantity: 3), device.Sale(Id(), quantity: 3)));

        Assert.Equal(2, response.Accepted);
        Assert.Equal([false, true], response.Results.Select(r => r.FlaggedForReview));
        await using var scope = shop.Scope(out var db);
        Assert.Equal(2, await db.Products.Where(p => p.Id == device.ProductId).Select(p => p.Stock).SingleAsync());
        Assert.Equal(1, await db.DeviceSales.CountAsync(s => s.DeviceId == device.DeviceId && s.NeedsReview));
    }

    [Fact]
    public async Task The_api_is_described_by_an_openapi_document()
    {
        var response = await shop.Client().GetAsync("/openapi/v1.json");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var document = await response.Content.ReadAsStringAsync();
        Assert.Contains("/api/v1/channel-sales", document);
        Assert.Contains("ChannelSalesResponse", document);
    }

    [Fact]
    public async Task The_interactive_api_reference_is_for_staff_and_loads_its_script_from_this_site()
    {
        var anonymous = await shop.Client().GetAsync("/api/reference/v1");
        Assert.Equal(HttpStatusCode.Redirect, anonymous.StatusCode);
        Assert.StartsWith("/account/login", anonymous.Headers.Location!.PathAndQuery);

        var auditor = await Shopper.Anonymous(shop).SignUpAndSignInAsync(role: Roles.Auditor);
        var page = await auditor.Client.GetAsync("/api/reference/v1");
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        var html = await page.Content.ReadAsStringAsync();
        Assert.True(html.Contains("openapi"), html);
        var policy = page.Headers.GetValues("Content-Security-Policy").Single();
        Assert.Contains("script-src 'self' 'unsafe-inline'", policy);
        Assert.Contains("frame-ancestors 'none'", policy);
        Assert.Equal(HttpStatusCode.OK, (await auditor.Client.GetAsync("/api/reference/scalar.js")).StatusCode);
    }
}

public sealed class ChannelSalesOnSqlite(SqliteShop shop) : ChannelSalesTests<SqliteShop>(shop);
public sealed class ChannelSalesOnPostgres(PostgresShop shop) : ChannelSalesTests<PostgresShop>(shop);
