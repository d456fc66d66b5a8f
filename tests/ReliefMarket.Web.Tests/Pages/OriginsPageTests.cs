using System.Net;

namespace ReliefMarket.Web.Tests.Pages;

public abstract class OriginsPageTests<TShop>(TShop shop) : IClassFixture<TShop> where TShop : ShopFactory
{
    [Fact]
    public async Task The_origins_page_maps_the_five_counties_locally()
    {
        var page = await shop.Client().GetPageAsync("/origins");
        var map = page.QuerySelector(".county-map svg")!;
        Assert.Equal(["/origins/wuhua", "/origins/weining", "/origins/hezhang", "/origins/shufu", "/origins/bomi"],
            map.QuerySelectorAll("a").Select(a => a.GetAttribute("href")));
        Assert.Equal("/images/map/china-outline.svg", map.QuerySelector("image")!.GetAttribute("href"));
        // Nothing is loaded from elsewhere (the canonical link names the page itself and loads nothing).
        Assert.DoesNotContain(page.QuerySelectorAll("[src],[href]:not([rel=canonical])").Select(e => e.GetAttribute("src") ?? e.GetAttribute("href")),
            url => url!.StartsWith("http"));
        var outline = await shop.Client().GetAsync("/images/map/china-outline.svg");
        Assert.Equal(HttpStatusCode.OK, outline.StatusCode);
    }

    [Fact]
    public async Task A_county_page_shows_its_figures_villages_producers_and_only_its_own_produce()
    {
        var page = await shop.Client().GetPageAsync("/origins/hezhang");
        Assert.Equal("赫章县", page.QuerySelector("h1")!.TextContent);
        Assert.Contains("27.19%", page.QuerySelector(".panel")!.TextContent);
        Assert.Equal(["铁匠示范村", "河镇示范村"], page.QuerySelectorAll(".villages a").Select(a => a.TextContent));
        Assert.Contains(page.Texts(".producers li"), t => t.Contains("广州港华鲜花育种育苗基地"));
        Assert.Equal(5, page.Texts(".card-title").Count);
        Assert.All(page.Texts(".origin"), o => Assert.StartsWith("赫章县", o));
    }

    [Fact]
    public async Task A_village_page_shows_its_households_and_the_producers_that_source_from_it()
    {
        var page = await shop.Client().GetPageAsync("/origins/weining/pingshan");
        Assert.Equal("坪山村", page.QuerySelector("h1")!.TextContent);
        Assert.Contains("建档立卡贫困户 214 户 903 人", page.QuerySelector(".figures")!.TextContent);
        var producers = page.Texts(".producers li");
        Assert.Contains(producers, t => t.Contains("威宁高原马铃薯专业合作社") && t.Contains("销售额的 60% 记到本村"));
        Assert.Contains(producers, t => t.Contains("坪山村“菜篮子”蔬菜基地") && t.Contains("销售额的 100% 记到本村"));
        Assert.Equal(["威宁土豆", "坪山蔬菜箱"], page.Texts(".card-title"));

        var english = await shop.Client("en").GetPageAsync("/origins/wuhua/wenkui");
        Assert.Equal("Wenkui", english.QuerySelector("h1")!.TextContent);
        Assert.Equal("No produce from this village is listed yet.", english.QuerySelector("#products + p")!.TextContent);
    }

    [Theory]
    [InlineData("/origins/atlantis")]
    [InlineData("/origins/weining/kuifu")] // Kuifu is in Wuhua, not Weining
    [InlineData("/origins/hezhang/nowhere")]
    public async Task Unknown_origins_are_friendly_404s(string url)
    {
        var page = await shop.Client().GetPageAsync(url, HttpStatusCode.NotFound);
        Assert.Equal("没有找到这个页面", page.QuerySelector("h1")!.TextContent);
    }
}

public sealed class OriginsPageOnSqlite(SqliteShop shop) : OriginsPageTests<SqliteShop>(shop);
public sealed class OriginsPageOnPostgres(PostgresShop shop) : OriginsPageTests<PostgresShop>(shop);
