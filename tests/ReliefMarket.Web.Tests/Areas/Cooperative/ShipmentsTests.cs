using System.Net;
using System.Text;

namespace ReliefMarket.Web.Tests.Areas.Cooperative;

public abstract class ShipmentsTests<TShop>(TShop shop) : IClassFixture<TShop> where TShop : ShopFactory
{
    private static string Number(Guid orderId) => orderId.ToString("N")[..12].ToUpperInvariant();

    [Fact]
    public async Task Each_producer_ships_its_own_parcel_and_the_order_follows_them_to_delivered()
    {
        var (buyer, orderId, producers) = await CoopShop.PaidOrderAsync(shop, culture: "en");
        var a = await CoopShop.ShipmentAsync(shop, orderId, producers[0]);
        var b = await CoopShop.ShipmentAsync(shop, orderId, producers[1]);
        Assert.Equal((ShipmentStatus.ToPack, ShipmentStatus.ToPack), (a.Status, b.Status));
        var memberA = await CoopShop.MemberAsync(shop, producers[0]);
        var memberB = await CoopShop.MemberAsync(shop, producers[1]);

        // Each member sees their own parcel, with only their own lines and the address to ship to.
        var listA = await memberA.PageAsync("/coop/orders");
        var cardA = listA.QuerySelectorAll(".shipment-card").Single(c => c.TextContent.Contains(Number(orderId)));
        Assert.Single(cardA.QuerySelectorAll(".shipment-lines li"));
        Assert.Contains("陈小梅 · 13812345678", cardA.QuerySelector(".shipment-address")!.TextContent);
        Assert.Contains("广东省广州市番禺区市桥街道光明北路 88 号", cardA.QuerySelector(".shipment-address")!.TextContent);
        await using (var scope = shop.Scope(out var db))
        {
            var own = await db.Shipments.Where(s => s.ProducerId == producers[0]).Select(s => s.Id).ToListAsync();
            var links = listA.QuerySelectorAll(".shipment-card .shipment-head a").Select(x => long.Parse(x.GetAttribute("href")!.Split('/').Last()));
            Assert.All(links, id => Assert.Contains(id, own));
        }
        var slipB = await memberB.PageAsync($"/coop/orders/{b.Id}");
        Assert.Single(slipB.QuerySelectorAll(".slip-lines tbody tr"));
        Assert.Equal("陈小梅", slipB.QuerySelector(".slip-address .recipient")!.TextContent);

        // A ships: the buyer sees the carrier and tracking number and gets an email in their language; the order waits for B.
        var shipped = await memberA.SubmitAsync($"/coop/orders/{a.Id}", "form.ship-form", new() { ["Carrier"] = "SF", ["TrackingNumber"] = "SF1234567890" });
        Assert.Equal(HttpStatusCode.Redirect, shipped.StatusCode);
        Assert.Equal((ShipmentStatus.Shipped, "SF", "SF1234567890"), ((await CoopShop.ShipmentAsync(shop, orderId, producers[0])) is var s ? (s.Status, s.Carrier, s.TrackingNumber) : default));
        Assert.Equal(OrderStatus.Paid, await CoopShop.OrderStatusAsync(shop, orderId));
        var orderPage = await buyer.PageAsync($"/orders/{orderId}");
        Assert.Contains("SF1234567890", orderPage.Texts(".order-shipment .tracking-number"));
        Assert.Contains("顺丰速运 · SF1234567890", orderPage.Texts(".order-shipment .tracking"));
        Assert.Equal(["已发货", "待打包"], orderPage.Texts(".order-shipment .status"));
        await using (var scope = shop.Scope(out var db))
        {
            var email = await db.OutboxMessages.SingleAsync(m => m.Kind == "shipment-sent" && m.To == buyer.Email);
            Assert.Equal($"A parcel of your order {Number(orderId)} is on its way", email.Subject);
            Assert.Contains("SF Express, tracking number SF1234567890", email.TextBody);
        }

        // B ships: every parcel has left, so the order is Shipped. Delivered follows the same way.
        Assert.Equal(HttpStatusCode.Redirect, (await memberB.SubmitAsync($"/coop/orders/{b.Id}", "form.ship-form",
            new() { ["Carrier"] = "JD", ["TrackingNumber"] = "JD-0001" })).StatusCode);
        Assert.Equal(OrderStatus.Shipped, await CoopShop.OrderStatusAsync(shop, orderId));
        Assert.Equal(HttpStatusCode.Redirect, (await memberA.SubmitAsync($"/coop/orders/{a.Id}", "form.deliver-form", [])).StatusCode);
        Assert.Equal(OrderStatus.Shipped, await CoopShop.OrderStatusAsync(shop, orderId));
        Assert.Equal(HttpStatusCode.Redirect, (await memberB.SubmitAsync($"/coop/orders/{b.Id}", "form.deliver-form", [])).StatusCode);
        Assert.Equal(OrderStatus.Delivered, await CoopShop.OrderStatusAsync(shop, orderId));
        Assert.Equal(["已签收", "已签收"], (await buyer.PageAsync($"/orders/{orderId}")).Texts(".order-shipment .status"));

        var delivered = await memberB.PageAsync("/coop/orders?tab=Delivered");
        Assert.Contains(delivered.QuerySelectorAll(".shipment-card"), c => c.TextContent.Contains(Number(orderId)));
        Assert.DoesNotContain((await memberB.PageAsync("/coop/orders")).QuerySelectorAll(".shipment-card"), c => c.TextContent.Contains(Number(orderId)));
    }

    [Fact]
    public async Task Two_producers_shipping_the_same_order_at_once_leave_it_shipped()
    {
        var (_, orderId, producers) = await CoopShop.PaidOrderAsync(shop);
        var members = new[] { await CoopShop.MemberAsync(shop, producers[0]), await CoopShop.MemberAsync(shop, producers[1]) };
        var ids = new[] { (await CoopShop.ShipmentAsync(shop, orderId, producers[0])).Id, (await CoopShop.ShipmentAsync(shop, orderId, producers[1])).Id };
        var responses = await Task.WhenAll(Enumerable.Range(0, 2).Select(i => CoopShop.PostAsync(members[i], $"/coop/orders/{ids[i]}",
            $"/coop/orders/{ids[i]}?handler=Ship", new() { ["Carrier"] = "ZTO", ["TrackingNumber"] = $"ZT{i}0001" })));
        Assert.All(responses, r => Assert.Equal(HttpStatusCode.Redirect, r.StatusCode));
        Assert.Equal(OrderStatus.Shipped, await CoopShop.OrderStatusAsync(shop, orderId));
    }

    [Fact]
    public async Task Another_producers_shipment_is_not_found_and_stays_as_it_was()
    {
        var (_, orderId, producers) = await CoopShop.PaidOrderAsync(shop);
        var own = await CoopShop.ShipmentAsync(shop, orderId, producers[0]);
        var other = await CoopShop.ShipmentAsync(shop, orderId, producers[1]);
        var member = await CoopShop.MemberAsync(shop, producers[0]);

        Assert.Equal(HttpStatusCode.NotFound, (await member.Client.GetAsync($"/coop/orders/{other.Id}")).StatusCode);
        var ship = await CoopShop.PostAsync(member, $"/coop/orders/{own.Id}", $"/coop/orders/{other.Id}?handler=Ship",
            new() { ["Carrier"] = "SF", ["TrackingNumber"] = "SF999" });
        Assert.Equal(HttpStatusCode.NotFound, ship.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await CoopShop.PostAsync(member, $"/coop/orders/{own.Id}", $"/coop/orders/{other.Id}?handler=Deliver", [])).StatusCode);
        var after = await CoopShop.ShipmentAsync(shop, orderId, producers[1]);
        Assert.Equal((ShipmentStatus.ToPack, (string?)null), (after.Status, after.TrackingNumber));
        Assert.Equal(HttpStatusCode.NotFound, (await member.Client.GetAsync("/coop/orders/999999999")).StatusCode);
    }

    [Theory]
    [InlineData("SF", "", "请填写快递单号：字母、数字或短横线，最多 40 个字符。")]
    [InlineData("SF", "   ", "请填写快递单号：字母、数字或短横线，最多 40 个字符。")]
    [InlineData("DHL", "SF123", "请从列表中选择快递公司。")]
    [InlineData("", "SF123", "请从列表中选择快递公司。")]
    [InlineData("SF", "long", "请填写快递单号：字母、数字或短横线，最多 40 个字符。")]
    [InlineData("SF", "SF 12<b>", "请填写快递单号：字母、数字或短横线，最多 40 个字符。")]
    public async Task Bad_input_gets_a_localized_message_and_changes_nothing(string carrier, string tracking, string message)
    {
        if (tracking == "long") tracking = new string('7', 500);
        var (buyer, orderId, producers) = await CoopShop.PaidOrderAsync(shop, producers: 1);
        var shipment = await CoopShop.ShipmentAsync(shop, orderId, producers[0]);
        var member = await CoopShop.MemberAsync(shop, producers[0]);
        var response = await member.SubmitAsync($"/coop/orders/{shipment.Id}", "form.ship-form", new() { ["Carrier"] = carrier, ["TrackingNumber"] = tracking });
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var page = new AngleSharp.Html.Parser.HtmlParser().ParseDocument(await response.Content.ReadAsStringAsync());
        Assert.Equal(message, page.QuerySelector(".ship-form .error")!.TextContent);
        Assert.Equal(ShipmentStatus.ToPack, (await CoopShop.ShipmentAsync(shop, orderId, producers[0])).Status);
        Assert.Equal(OrderStatus.Paid, await CoopShop.OrderStatusAsync(shop, orderId));
        await using var scope = shop.Scope(out var db);
        Assert.False(await db.OutboxMessages.AnyAsync(m => m.Kind == "shipment-sent" && m.To == buyer.Email));
    }

    [Fact]
    public async Task English_messages_for_an_english_member()
    {
        var (_, orderId, producers) = await CoopShop.PaidOrderAsync(shop, producers: 1);
        var shipment = await CoopShop.ShipmentAsync(shop, orderId, producers[0]);
        var member = await CoopShop.MemberAsync(shop, producers[0], "en");
        var response = await member.SubmitAsync($"/coop/orders/{shipment.Id}", "form.ship-form", new() { ["Carrier"] = "SF", ["TrackingNumber"] = "" });
        Assert.Contains("Enter the tracking number: letters, digits or dashes, at most 40 characters.", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Only_cooperative_members_reach_the_portal()
    {
        var (_, orderId, producers) = await CoopShop.PaidOrderAsync(shop, producers: 1);
        var shipment = await CoopShop.ShipmentAsync(shop, orderId, producers[0]);
        string[] urls = ["/coop", "/coop/orders", "/coop/orders/export", $"/coop/orders/{shipment.Id}"];
        foreach (var url in urls)
        {
            var anonymous = await shop.Client().GetAsync(url);
            Assert.Equal(HttpStatusCode.Redirect, anonymous.StatusCode);
            Assert.StartsWith("/account/login", anonymous.Headers.Location!.PathAndQuery);
        }
        foreach (var role in new[] { Roles.Consumer, Roles.Auditor, Roles.Admin })
        {
            var other = await Shopper.Anonymous(shop).SignUpAndSignInAsync(role: role);
            foreach (var url in urls)
                Assert.Equal("/account/access-denied", (await other.Client.GetAsync(url)).Headers.Location?.AbsolutePath);
            Assert.Empty((await other.PageAsync("/")).QuerySelectorAll("a[href='/coop']"));
        }
        var member = await CoopShop.MemberAsync(shop, producers[0]);
        Assert.Single((await member.PageAsync("/")).QuerySelectorAll("header a[href='/coop']"));
        Assert.Equal(ShipmentStatus.ToPack, (await CoopShop.ShipmentAsync(shop, orderId, producers[0])).Status);
    }

    [Fact]
    public async Task The_list_filters_by_china_date_and_status_newest_first()
    {
        var older = await CoopShop.PaidOrderAsync(shop, producers: 1);
        shop.Clock.Advance(TimeSpan.FromSeconds(5));
        var newer = await CoopShop.PaidOrderAsync(shop, producers: 1);
        var member = await CoopShop.MemberAsync(shop, older.Producers[0]);
        var today = ReliefMarket.Web.ChinaTime.Today(shop.Clock).ToString("yyyy-MM-dd");
        var tomorrow = ReliefMarket.Web.ChinaTime.Today(shop.Clock).AddDays(1).ToString("yyyy-MM-dd");

        var cards = (await member.PageAsync($"/coop/orders?tab=ToPack&from={today}&to={today}")).Texts(".shipment-card .shipment-head a").ToList();
        var (i, j) = (cards.FindIndex(c => c.Contains(Number(newer.OrderId))), cards.FindIndex(c => c.Contains(Number(older.OrderId))));
        Assert.True(i >= 0 && j > i, "the newer parcel comes first");
        Assert.Empty((await member.PageAsync($"/coop/orders?tab=All&from={tomorrow}")).QuerySelectorAll(".shipment-card"));
        Assert.DoesNotContain((await member.PageAsync("/coop/orders?tab=Shipped")).QuerySelectorAll(".shipment-card"),
            c => c.TextContent.Contains(Number(older.OrderId)));
        Assert.Equal(System.Net.HttpStatusCode.OK, (await member.Client.GetAsync("/coop/orders?from=nonsense&p=-3")).StatusCode);
    }

    [Fact]
    public async Task The_csv_of_parcels_to_pack_has_a_bom_and_escapes_formulas()
    {
        var (_, orderId, producers) = await CoopShop.PaidOrderAsync(shop, producers: 1, recipient: "=HYPERLINK(\"http://x.test\")");
        var member = await CoopShop.MemberAsync(shop, producers[0]);
        var response = await member.Client.GetAsync("/coop/orders/export");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/csv", response.Content.Headers.ContentType!.MediaType);
        var bytes = await response.Content.ReadAsByteArrayAsync();
        Assert.Equal(new byte[] { 0xEF, 0xBB, 0xBF }, bytes[..3]);
        var text = Encoding.UTF8.GetString(bytes[3..]);
        var row = text.Split("\r\n").Single(l => l.Contains(Number(orderId)));
        Assert.Contains("\"'=HYPERLINK(\"\"http://x.test\"\")\"", row);
        Assert.DoesNotContain(",=HYPERLINK", row);
        Assert.StartsWith("包裹号,订单号,付款时间,收货人", text);
        Assert.Contains("13812345678", row);
    }
}

public sealed class ShipmentsOnSqlite(SqliteShop shop) : ShipmentsTests<SqliteShop>(shop);
public sealed class ShipmentsOnPostgres(PostgresShop shop) : ShipmentsTests<PostgresShop>(shop);
