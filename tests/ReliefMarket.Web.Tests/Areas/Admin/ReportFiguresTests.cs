using System.Globalization;
using System.Net;
using ReliefMarket.Web.Payments;
using ReliefMarket.Web.Tests.Channels;

namespace ReliefMarket.Web.Tests.Areas.Admin;

/// <summary>
/// A known data set on a shop of its own, and the report's figures against totals worked out by hand: certified sales
/// online, a fully refunded order, an uncertified listing, a vending-cabinet sale through the device API, and sales on a
/// certificate's last day and on the day after it lapses.
/// </summary>
public abstract class ReportFiguresTests<TShop>(TShop shop) : IClassFixture<TShop> where TShop : ShopFactory
{
    private async Task<Guid> BuyAsync(string slug, int quantity)
    {
        var buyer = await Shopper.Anonymous(shop).SignUpAndSignInAsync();
        await buyer.AddToCartAsync(slug, quantity);
        var orderId = await buyer.CheckoutAsync();
        Assert.Equal(HttpStatusCode.Redirect, (await buyer.SubmitAsync($"/payments/sandbox/{orderId}", "form[action*=handler\\=Pay]", [])).StatusCode);
        return orderId;
    }

    private static Money Amount(AngleSharp.Dom.IElement? cell) => Money.Parse(cell!.TextContent.Trim());

    [Fact]
    public async Task The_report_matches_totals_worked_out_by_hand()
    {
        var today = ChinaTime.Today(shop.Clock);
        var start = shop.Clock.GetUtcNow();
        // A listing whose certificate is valid until today only: ¥20.00 a box.
        string lapsing;
        await using (var scope = shop.Scope(out var db))
        {
            var producer = await db.Producers.SingleAsync(p => p.Code == "hezhang-walnut-coop");
            var product = new Product(producer, "lapsing-walnuts", new("将到期核桃", "Lapsing walnuts"), new("", ""), ProductCategory.NutsAndDriedFruit,
                new("袋", "bag"), new Money(2000), 50, "/images/products/hezhang-walnuts.svg", shop.Clock.GetUtcNow().UtcDateTime);
            product.SubmitForCertification();
            product.Certify("HZ-TEST-LAPSE", (await db.Villages.SingleAsync(v => v.Id == producer.VillageId)).CountyId, today, today);
            db.Products.Add(product);
            await db.SaveChangesAsync();
            lapsing = product.Slug;
        }
        // A vending cabinet selling a certified listing: 3 × ¥10.00.
        var cabinet = await ChannelDevice.RegisterAsync(shop);
        await using (var scope = shop.Scope(out var db))
        {
            var product = await db.Products.SingleAsync(p => p.Id == cabinet.ProductId);
            product.SubmitForCertification();
            product.Certify("CAB-TEST-1", (await db.Villages.SingleAsync(v => v.Id == db.Producers.Single(p => p.Id == product.ProducerId).VillageId)).CountyId,
                today.AddYears(1), today);
            await db.SaveChangesAsync();
        }

        try
        {
            await BuyAsync("hezhang-eggs", 2);                               // certified: 2 × ¥39.90 = ¥79.80
            var refunded = await BuyAsync("weining-potatoes", 1);            // certified ¥39.90, then refunded in full: nets ¥0
            await using (var scope = shop.Scope(out var db))
            {
                var order = await db.Orders.SingleAsync(o => o.Id == refunded);
                var events = scope.ServiceProvider.GetRequiredService<PaymentEvents>();
                await events.ApplyOnceAsync($"figures-refund-{order.Id:N}", "test.refund", t => events.RefundedAsync(order.PaymentReference!, order.Total, t), default);
            }
            await BuyAsync("kuifu-lotus-seeds", 1);                          // not certified: ¥36.00, counted only with aid=0
            Assert.Equal(HttpStatusCode.OK, (await cabinet.PostAsync(cabinet.Sale("figures-cabinet-1", quantity: 3))).StatusCode); // ¥30.00
            await BuyAsync(lapsing, 1);                                      // the certificate's last day: ¥20.00, aid-attributed
            shop.Clock.Advance(TimeSpan.FromDays(1));
            await BuyAsync(lapsing, 1);                                      // the day after: ¥20.00, not aid-attributed

            // Households: the registered poor households of each village that received money, once each (worked out from the shares).
            int households, villages;
            await using (var scope = shop.Scope(out var db))
            {
                var cabinetProducer = await db.Products.Where(p => p.Id == cabinet.ProductId).Select(p => p.ProducerId).SingleAsync();
                var producers = await db.Producers.Where(p => p.Code == "hezhang-eggs-coop" || p.Code == "hezhang-walnut-coop" || p.Id == cabinetProducer).ToListAsync();
                var reached = producers.SelectMany(p => p.SourcingShares.Select(s => s.VillageId)).Distinct().ToList();
                villages = reached.Count;
                households = await db.Villages.Where(v => reached.Contains(v.Id)).SumAsync(v => v.RegisteredPoorHouseholds);
            }

            var auditor = await Shopper.Anonymous(shop).SignUpAndSignInAsync(role: Roles.Auditor);
            var range = $"period=range&from={today.AddDays(-1):yyyy-MM-dd}&to={today.AddDays(1):yyyy-MM-dd}";
            var aid = await auditor.PageAsync($"/admin/reports?{range}&rows=Channel&cols=County");
            Assert.Equal(new Money(7980 + 0 + 3000 + 2000), Amount(aid.QuerySelector(".net-sales")));
            Assert.Equal("4", aid.QuerySelector(".orders")!.TextContent);          // eggs, potatoes (sold, then refunded), cabinet, last day
            Assert.Equal("7", aid.QuerySelector(".units")!.TextContent);           // 2 + 1 + 3 + 1
            Assert.Equal(villages.ToString(CultureInfo.InvariantCulture), aid.QuerySelector(".villages-reached")!.TextContent);
            Assert.Equal(households.ToString(CultureInfo.InvariantCulture), aid.QuerySelector(".households")!.TextContent);
            var rows = aid.QuerySelectorAll(".pivot tbody tr").ToDictionary(r => r.QuerySelector("th")!.TextContent, r => Amount(r.QuerySelector(".row-total")));
            Assert.Equal(new Money(7980 + 2000), rows["网店"]);
            Assert.Equal(new Money(3000), rows["自动售蛋柜"]);
            Assert.Equal(new Money(12980), Amount(aid.QuerySelector(".pivot .grand-total")));

            var all = await auditor.PageAsync($"/admin/reports?{range}&aid=0&rows=Channel&cols=County");
            Assert.Equal(new Money(12980 + 3600 + 2000), Amount(all.QuerySelector(".net-sales")));
            Assert.Equal("6", all.QuerySelector(".orders")!.TextContent);
            Assert.Equal("9", all.QuerySelector(".units")!.TextContent);

            // A producer keeps part of what an order may hold: these count distinct orders rather than the orders' counting entries.
            var eggs = await auditor.PageAsync($"/admin/reports?{range}&producer=hezhang-eggs-coop&rows=Channel&cols=County");
            Assert.Equal(("1", new Money(7980)), (eggs.QuerySelector(".orders")!.TextContent, Amount(eggs.QuerySelector(".net-sales"))));
            var walnuts = await auditor.PageAsync($"/admin/reports?{range}&aid=0&producer=hezhang-walnut-coop&rows=Channel&cols=County");
            Assert.Equal(("2", new Money(4000)), (walnuts.QuerySelector(".orders")!.TextContent, Amount(walnuts.QuerySelector(".net-sales"))));

            var csv = System.Text.Encoding.UTF8.GetString(await auditor.Client.GetByteArrayAsync($"/admin/reports?handler=csv&{range}&rows=Channel&cols=County"));
            Assert.EndsWith(",129.80", csv.Trim());
        }
        finally { shop.Clock.Advance(start - shop.Clock.GetUtcNow()); }
    }
}

public sealed class ReportFiguresOnSqlite(SqliteShop shop) : ReportFiguresTests<SqliteShop>(shop);
public sealed class ReportFiguresOnPostgres(PostgresShop shop) : ReportFiguresTests<PostgresShop>(shop);
