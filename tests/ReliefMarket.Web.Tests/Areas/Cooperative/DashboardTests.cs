using ReliefMarket.Web.Payments;

namespace ReliefMarket.Web.Tests.Areas.Cooperative;

public abstract class CoopDashboardTests<TShop>(TShop shop) : IClassFixture<TShop> where TShop : ShopFactory
{
    [Fact]
    public async Task The_figures_are_the_sums_of_the_producers_attribution_entries_to_the_fen()
    {
        var first = await CoopShop.PaidOrderAsync(shop);
        var second = await CoopShop.PaidOrderAsync(shop);
        var producer = first.Producers[0];
        // A partial refund: its negative entries come off the sales.
        await using (var scope = shop.Scope(out _))
        {
            var events = scope.ServiceProvider.GetRequiredService<PaymentEvents>();
            await events.ApplyOnceAsync($"test-refund:{second.OrderId:N}", "charge.refunded",
                t => events.RefundedAsync($"sandbox_pay_{second.OrderId:N}", new Money(1234), t), default);
        }

        long sales, aid, units; int orders;
        Dictionary<int, long> byProduct, byVillage;
        await using (var scope = shop.Scope(out var db))
        {
            var entries = db.AttributionEntries.Where(e => e.ProducerId == producer);
            Assert.Contains(await entries.Select(e => e.Kind).ToListAsync(), k => k == AttributionKind.Refund);
            sales = await entries.SumAsync(e => e.AmountFen);
            aid = await entries.Where(e => e.CertifiedAtSale).SumAsync(e => e.AmountFen);
            orders = await entries.Where(e => e.Kind == AttributionKind.Sale).Select(e => e.OrderId).Distinct().CountAsync();
            var soldLines = await entries.Where(e => e.Kind == AttributionKind.Sale).Select(e => e.OrderLineId).Distinct().ToListAsync();
            units = await db.OrderLines.Where(l => soldLines.Contains(l.Id)).SumAsync(l => (long)l.Quantity);
            var lineProducts = await db.OrderLines.Where(l => l.ProducerId == producer).ToDictionaryAsync(l => l.Id, l => l.ProductId);
            var all = await entries.ToListAsync();
            byProduct = all.GroupBy(e => lineProducts[e.OrderLineId]).ToDictionary(g => g.Key, g => g.Sum(e => e.AmountFen));
            byVillage = all.GroupBy(e => e.VillageId).ToDictionary(g => g.Key, g => g.Sum(e => e.AmountFen));
        }
        Assert.True(orders >= 2);

        var member = await CoopShop.MemberAsync(shop, producer);
        var page = await member.PageAsync("/coop?days=30");
        foreach (var days in new[] { 1, 7, 30 })
        {
            var card = page.QuerySelector($".period-card[data-days='{days}']")!;
            Assert.Equal(orders.ToString(), card.QuerySelector(".orders")!.TextContent);
            Assert.Equal(units.ToString(), card.QuerySelector(".units")!.TextContent);
            Assert.Equal(new Money(sales).ToString(), card.QuerySelector(".sales")!.TextContent);
            Assert.Equal(new Money(aid).ToString(), card.QuerySelector(".aid")!.TextContent);
        }
        var listingRows = page.QuerySelectorAll("table.by-listing tbody tr");
        Assert.Equal(byProduct.Count, listingRows.Length);
        foreach (var row in listingRows)
            Assert.Equal(new Money(byProduct[int.Parse(row.GetAttribute("data-product")!)]).ToString(), row.QuerySelector(".sales")!.TextContent);
        var villageRows = page.QuerySelectorAll("table.by-village tbody tr");
        Assert.Equal(byVillage.Count, villageRows.Length);
        foreach (var row in villageRows)
            Assert.Equal(new Money(byVillage[int.Parse(row.GetAttribute("data-village")!)]).ToString(), row.QuerySelector(".sales")!.TextContent);

        // Another producer's member sees other figures: nothing of this producer's.
        var other = await CoopShop.MemberAsync(shop, first.Producers[1]);
        var otherPage = await other.PageAsync("/coop?days=30");
        Assert.DoesNotContain(otherPage.QuerySelectorAll("table.by-listing tbody tr"), r => byProduct.ContainsKey(int.Parse(r.GetAttribute("data-product")!)));
    }

    [Fact]
    public async Task Listings_low_on_stock_or_with_a_certificate_about_to_expire_are_listed()
    {
        int producer, low, expiring, farOff;
        await using (var scope = shop.Scope(out var db))
        {
            var products = await db.Products.Where(p => p.IsListed && p.CertificationStatus == CertificationStatus.Certified)
                .GroupBy(p => p.ProducerId).Where(g => g.Count() >= 2).Select(g => g.Key).FirstAsync();
            producer = products;
            var own = await db.Products.Where(p => p.ProducerId == producer && p.IsListed && p.CertificationStatus == CertificationStatus.Certified)
                .OrderBy(p => p.Id).Take(2).ToListAsync();
            (low, expiring, farOff) = (own[0].Id, own[1].Id, own[0].Id);
            own[0].SetStock(3);
            var today = ReliefMarket.Web.ChinaTime.Today(shop.Clock);
            db.Entry(own[1]).Property(p => p.CertifiedUntil).CurrentValue = today.AddDays(12);
            db.Entry(own[0]).Property(p => p.CertifiedUntil).CurrentValue = today.AddDays(31);
            if (own[1].Stock <= 10) own[1].SetStock(50);
            await db.SaveChangesAsync();
        }
        var member = await CoopShop.MemberAsync(shop, producer);
        var page = await member.PageAsync("/coop");
        Assert.Contains(page.QuerySelectorAll(".low-stock li"), li => li.GetAttribute("data-product") == low.ToString() && li.TextContent.Contains("库存 3"));
        var soon = page.QuerySelectorAll(".expiring li").Select(li => li.GetAttribute("data-product")).ToList();
        Assert.Contains(expiring.ToString(), soon);
        Assert.DoesNotContain(farOff.ToString(), soon);
        Assert.NotNull(page.QuerySelector("a[href='/coop/orders']"));
        Assert.NotNull(page.QuerySelector("a[href='/coop/products']"));
    }
}

public sealed class CoopDashboardOnSqlite(SqliteShop shop) : CoopDashboardTests<SqliteShop>(shop);
public sealed class CoopDashboardOnPostgres(PostgresShop shop) : CoopDashboardTests<PostgresShop>(shop);
