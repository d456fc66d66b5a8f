using System.Net;

namespace ReliefMarket.Web.Tests.Pages;

public abstract class ProductsPageTests<TShop>(TShop shop) : IClassFixture<TShop> where TShop : ShopFactory
{
    [Fact]
    public async Task Lists_every_seeded_listing_with_origin_price_per_unit_and_certification()
    {
        var page = await shop.Client().GetPageAsync("/products");

        var titles = page.Texts(".card-title");
        Assert.Equal(14, titles.Count);
        Assert.Contains("共 14 件商品", page.Texts(".lead"));
        foreach (var name in new[] { "威宁土豆", "赫章鸡蛋", "赫章枣夹核桃", "赫章核桃", "铁匠乡鲜切花", "北海道芝樱种苗", "坪山蔬菜箱",
                     "五华牛大力", "湖中兰花", "湖中小龙虾", "安全村羊奶" })
            Assert.Contains(name, titles);

        var eggs = page.QuerySelectorAll(".card").Single(c => c.QuerySelector(".card-title")!.TextContent == "赫章鸡蛋");
        Assert.Equal("¥39.90 / 30枚/盒", eggs.QuerySelector(".price")!.TextContent.Trim());
        Assert.Equal("赫章县 · 河镇乡 · 河镇示范村", eggs.QuerySelector(".origin")!.TextContent.Trim());
        Assert.NotNull(eggs.QuerySelector(".seal"));
        Assert.Equal("赫章鸡蛋", eggs.QuerySelector("img")!.GetAttribute("alt"));

        var crayfish = page.QuerySelectorAll(".card").Single(c => c.QuerySelector(".card-title")!.TextContent == "湖中小龙虾");
        Assert.Null(crayfish.QuerySelector(".seal"));
        var phlox = page.QuerySelectorAll(".card").Single(c => c.QuerySelector(".card-title")!.TextContent == "北海道芝樱种苗");
        Assert.Equal("已售罄", phlox.QuerySelector(".sold-out")!.TextContent);
    }

    [Fact]
    public async Task An_unknown_page_is_a_friendly_404_in_the_reader_s_language()
    {
        var zh = await shop.Client().GetPageAsync("/products/no-such-thing/really", HttpStatusCode.NotFound);
        Assert.Equal("没有找到这个页面", zh.QuerySelector("h1")!.TextContent);
        var en = await shop.Client("en").GetPageAsync("/nowhere", HttpStatusCode.NotFound);
        Assert.Equal("Page not found", en.QuerySelector("h1")!.TextContent);
    }
}

public sealed class ProductsPageOnSqlite(SqliteShop shop) : ProductsPageTests<SqliteShop>(shop);
public sealed class ProductsPageOnPostgres(PostgresShop shop) : ProductsPageTests<PostgresShop>(shop);
