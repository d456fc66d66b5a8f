using System.Net;

namespace ReliefMarket.Web.Tests.Pages;

public abstract class ImpactPageTests<TShop>(TShop shop) : IClassFixture<TShop> where TShop : ShopFactory
{
    [Fact]
    public async Task The_public_impact_page_adds_up_the_certified_sales_per_county_less_refunds()
    {
        var shopper = await Shopper.Anonymous(shop).SignUpAndSignInAsync();
        await shopper.AddToCartAsync("hezhang-eggs", 2);
        var orderId = await shopper.CheckoutAsync();
        Assert.Equal(HttpStatusCode.Redirect, (await shopper.SubmitAsync($"/payments/sandbox/{orderId}", "form[action*=handler\\=Pay]", [])).StatusCode);

        long aid, hezhang;
        int orders;
        await using (var scope = shop.Scope(out var db))
        {
            var certified = db.AttributionEntries.Where(e => e.CertifiedAtSale);
            aid = await certified.SumAsync(e => e.AmountFen);
            orders = await certified.Where(e => e.Kind == AttributionKind.Sale).Select(e => e.OrderId).Distinct().CountAsync();
            var hezhangId = await db.Counties.Where(c => c.Code == "hezhang").Select(c => c.Id).SingleAsync();
            hezhang = await certified.Where(e => e.CountyId == hezhangId).SumAsync(e => e.AmountFen);
        }
        Assert.True(hezhang >= 7980);

        // Anonymous, from a fresh client: a page any visitor can read (and that is cached for a minute).
        var page = await shop.Client().GetPageAsync("/impact");
        Assert.Equal(new Money(aid).ToString(), page.QuerySelector(".impact-totals .impact-headline")!.TextContent);
        Assert.Contains($"{orders} 笔订单", page.QuerySelector(".impact-totals")!.TextContent);
        var card = page.QuerySelectorAll(".county-impact").Single(c => c.QuerySelector("h3 a")!.GetAttribute("href") == "/origins/hezhang");
        Assert.Equal(new Money(hezhang).ToString(), card.QuerySelector(".impact-amount")!.TextContent);
        Assert.Equal(6, card.QuerySelectorAll("svg rect").Length);
        Assert.Equal(6, card.QuerySelectorAll("table tr").Length);
        Assert.Contains("历史基线", card.QuerySelector(".note")!.TextContent);

        // The administrators' report for the same period says the same (all the test's sales are today).
        var admin = await Shopper.Anonymous(shop).SignUpAndSignInAsync(role: Roles.Admin);
        var today = ChinaTime.Today(shop.Clock);
        var report = await admin.PageAsync($"/admin/reports?period=range&from={today.AddDays(-1):yyyy-MM-dd}&to={today:yyyy-MM-dd}&rows=County&cols=Channel");
        Assert.Equal(new Money(aid).ToString(), report.QuerySelector(".net-sales")!.TextContent);
        Assert.Equal(new Money(hezhang).ToString(), report.QuerySelectorAll(".pivot tbody tr")
            .Single(r => r.QuerySelector("th")!.TextContent == "赫章县").QuerySelector(".row-total")!.TextContent);

        var english = await shop.Client("en").GetPageAsync("/impact");
        Assert.Equal("Impact", english.QuerySelector("h1")!.TextContent);
    }
}

public sealed class ImpactPageOnSqlite(SqliteShop shop) : ImpactPageTests<SqliteShop>(shop);
public sealed class ImpactPageOnPostgres(PostgresShop shop) : ImpactPageTests<PostgresShop>(shop);
