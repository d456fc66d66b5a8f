using System.Net;
using System.Text.Json;

namespace ReliefMarket.Web.Tests.Pages;

public abstract class ProductPageTests<TShop>(TShop shop) : IClassFixture<TShop> where TShop : ShopFactory
{
    [Fact]
    public async Task Shows_price_stock_certificate_producer_village_and_where_the_money_goes()
    {
        var page = await shop.Client().GetPageAsync("/products/weining-potatoes");

        Assert.Equal("威宁土豆", page.QuerySelector("h1")!.TextContent);
        Assert.Equal("¥39.90 / 5公斤/箱", page.QuerySelector(".price")!.TextContent.Trim());
        Assert.Equal("有货", page.QuerySelector(".stock")!.TextContent.Trim());
        var certificate = page.QuerySelector(".certificate")!.TextContent;
        Assert.Contains("扶贫产品认定 · 已认定", certificate);
        Assert.Contains("WN-2020-0618", certificate);
        Assert.Contains("威宁县", certificate);
        Assert.Matches(@"有效期至\s*\d{4}-\d{2}-\d{2}", certificate);

        var producer = page.QuerySelector("#producer")!.ParentElement!.TextContent;
        Assert.Contains("威宁高原马铃薯专业合作社", producer);
        Assert.Contains("带动贫困户 126 户", producer);
        Assert.Contains("草海示范村有建档立卡贫困户 180 户 742 人", producer);

        // ¥39.90 split 60/40 between Pingshan and the Caohai demo village.
        Assert.Equal(["60% · ¥23.94", "40% · ¥15.96"], page.Texts(".share-figures"));
        Assert.Equal(["威宁县 · 坪山村", "威宁县 · 草海示范村"], page.Texts(".shares a"));
        Assert.Equal("/origins/weining/pingshan", page.QuerySelector(".shares a")!.GetAttribute("href"));
    }

    [Fact]
    public async Task Carries_a_title_a_description_and_schema_org_product_data()
    {
        var page = await shop.Client().GetPageAsync("/products/hezhang-eggs");
        Assert.Equal("赫章鸡蛋 · 扶贫好物集市", page.Title);
        Assert.Contains("赫章鸡蛋，来自赫章县河镇示范村，¥39.90 / 30枚/盒。", page.QuerySelector("meta[name=description]")!.GetAttribute("content"));

        using var json = JsonDocument.Parse(page.QuerySelector("script[type='application/ld+json']")!.TextContent);
        var root = json.RootElement;
        Assert.Equal("Product", root.GetProperty("@type").GetString());
        Assert.Equal("赫章鸡蛋", root.GetProperty("name").GetString());
        Assert.EndsWith("/images/products/hezhang-eggs.svg", root.GetProperty("image").GetString());
        var offer = root.GetProperty("offers");
        Assert.Equal(("39.90", "CNY", "https://schema.org/InStock"),
            (offer.GetProperty("price").GetString(), offer.GetProperty("priceCurrency").GetString(), offer.GetProperty("availability").GetString()));
    }

    [Fact]
    public async Task Uncertified_and_sold_out_listings_say_so()
    {
        var crayfish = await shop.Client().GetPageAsync("/products/huzhong-crayfish");
        Assert.Null(crayfish.QuerySelector(".certificate"));
        Assert.Equal("尚未完成扶贫产品认定", crayfish.QuerySelector(".not-certified")!.TextContent);

        var phlox = await shop.Client("en").GetPageAsync("/products/tiejiang-moss-phlox");
        Assert.Equal("Sold out", phlox.QuerySelector(".stock")!.TextContent.Trim());
        using var json = JsonDocument.Parse(phlox.QuerySelector("script[type='application/ld+json']")!.TextContent);
        Assert.Equal("https://schema.org/OutOfStock", json.RootElement.GetProperty("offers").GetProperty("availability").GetString());
    }

    [Fact]
    public async Task English_shows_English_names_and_figures()
    {
        var page = await shop.Client("en").GetPageAsync("/products/weining-potatoes");
        Assert.Equal("Weining potatoes", page.QuerySelector("h1")!.TextContent);
        Assert.Contains("supports 126 poor households", page.QuerySelector("#producer")!.ParentElement!.TextContent);
        Assert.Equal("Where your money goes", page.QuerySelector("#money")!.TextContent);
    }

    [Theory]
    [InlineData("/products/no-such-product")]
    [InlineData("/products/%3Cscript%3E")]
    [InlineData("/products/WEINING-POTATOES-x")]
    public async Task An_unknown_product_is_a_friendly_404(string url)
    {
        var page = await shop.Client().GetPageAsync(url, HttpStatusCode.NotFound);
        Assert.Equal("没有找到这个页面", page.QuerySelector("h1")!.TextContent);
    }

    [Fact]
    public async Task Pages_come_from_the_cache_until_the_catalog_changes()
    {
        var client = shop.Client();
        await client.GetPageAsync("/products/anquan-goat-milk");
        Assert.Equal(0, await shop.Sql.CountDuring(() => client.GetPageAsync("/products/anquan-goat-milk")));
        // Each language is cached on its own.
        var english = await shop.Client("en").GetPageAsync("/products/anquan-goat-milk");
        Assert.Equal("Anquan goat milk", english.QuerySelector("h1")!.TextContent);

        await using (var scope = shop.Scope(out var db))
        {
            var milk = await db.Products.SingleAsync(p => p.Slug == "anquan-goat-milk");
            milk.ChangePrice(new Money(7200));
            milk.SetStock(3);
            await db.SaveChangesAsync();
        }

        var fresh = await client.GetPageAsync("/products/anquan-goat-milk");
        Assert.Equal("¥72.00 / 200毫升×10瓶", fresh.QuerySelector(".price")!.TextContent.Trim());
        Assert.Equal("仅剩 3 件", fresh.QuerySelector(".stock")!.TextContent.Trim());
        var list = await client.GetPageAsync("/products?q=" + Uri.EscapeDataString("羊奶"));
        Assert.Equal("¥72.00 / 200毫升×10瓶", list.Texts(".price").Single());
    }
}

public sealed class ProductPageOnSqlite(SqliteShop shop) : ProductPageTests<SqliteShop>(shop);
public sealed class ProductPageOnPostgres(PostgresShop shop) : ProductPageTests<PostgresShop>(shop);
