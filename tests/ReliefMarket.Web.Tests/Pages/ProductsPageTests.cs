using System.Net;

namespace ReliefMarket.Web.Tests.Pages;

public abstract class ProductsPageTests<TShop>(TShop shop) : IClassFixture<TShop> where TShop : ShopFactory
{
    private async Task<IReadOnlyList<string>> Titles(string url, string? language = null) =>
        (await shop.Client(language).GetPageAsync(url)).Texts(".card-title");

    private static string Q(string text) => Uri.EscapeDataString(text);

    [Fact]
    public async Task Lists_the_first_page_of_listings_with_origin_price_per_unit_and_certification()
    {
        var page = await shop.Client().GetPageAsync("/products");

        Assert.Equal(12, page.Texts(".card-title").Count);
        Assert.Contains("共 14 件商品", page.Texts(".lead"));
        var eggs = page.QuerySelectorAll(".card").Single(c => c.QuerySelector(".card-title")!.TextContent == "赫章鸡蛋");
        Assert.Equal("¥39.90 / 30枚/盒", eggs.QuerySelector(".price")!.TextContent.Trim());
        Assert.Equal("赫章县 · 河镇乡 · 河镇示范村", eggs.QuerySelector(".origin")!.TextContent.Trim());
        Assert.NotNull(eggs.QuerySelector(".seal"));
        Assert.Equal("赫章鸡蛋", eggs.QuerySelector("img")!.GetAttribute("alt"));
        Assert.Equal("/products/hezhang-eggs", eggs.QuerySelector("a")!.GetAttribute("href"));
        Assert.Single(page.QuerySelectorAll("h1"));
        Assert.NotNull(page.QuerySelector("label[for=q]"));
    }

    [Theory]
    [InlineData("土豆")]
    [InlineData("potato")]
    [InlineData("POTATO")]
    [InlineData("  Weining   potatoes ")]
    public async Task Search_finds_Weining_potatoes_in_Chinese_or_English(string search) =>
        Assert.Equal("威宁土豆", (await Titles($"/products?q={Q(search)}"))[0]);

    [Fact]
    public async Task Search_covers_descriptions_and_origins_and_says_when_nothing_matches()
    {
        Assert.Contains("赫章鸡蛋", await Titles($"/products?q={Q("售蛋柜")}"));
        var hezhang = await Titles($"/products?q={Q("赫章")}");
        Assert.Equal(new[] { "赫章鸡蛋", "赫章枣夹核桃", "赫章核桃", "铁匠乡鲜切花", "北海道芝樱种苗" }.Order(), hezhang.Order());
        var none = await shop.Client().GetPageAsync($"/products?q={Q("榴莲")}");
        Assert.Empty(none.Texts(".card-title"));
        Assert.Contains("没有符合条件的商品。", none.Texts(".empty").Single());
    }

    [Fact]
    public async Task Filters_by_county_village_category_certification_and_stock()
    {
        var hezhang = await shop.Client().GetPageAsync("/products?county=hezhang");
        Assert.Equal(5, hezhang.Texts(".card-title").Count);
        Assert.All(hezhang.Texts(".origin"), o => Assert.StartsWith("赫章县", o));

        // A village sees the products of every producer that sources from it, wherever the producer sits.
        Assert.Equal(["威宁土豆", "坪山蔬菜箱"], await Titles("/products?village=pingshan&sort=price-asc"));
        Assert.Equal(["赫章鸡蛋"], await Titles("/products?category=Eggs"));
        Assert.Equal(new[] { "湖中兰花", "北海道芝樱种苗", "铁匠乡鲜切花" }.Order(), (await Titles("/products?category=FlowersAndSeedlings")).Order());

        var certified = await Titles("/products?certified=1&page=1&sort=price-asc");
        Assert.DoesNotContain("湖中小龙虾", certified);
        Assert.DoesNotContain("葵富莲子", certified);
        Assert.Contains("共 12 件商品", (await shop.Client().GetPageAsync("/products?certified=1")).Texts(".lead"));

        Assert.DoesNotContain("北海道芝樱种苗", await Titles("/products?instock=1&sort=price-desc"));
        Assert.Equal(["赫章鸡蛋"], await Titles("/products?county=hezhang&category=Eggs&certified=1&instock=1"));
    }

    [Fact]
    public async Task Sorts_by_price_newest_and_best_selling()
    {
        var cheapestFirst = await Titles("/products?sort=price-asc");
        Assert.Equal("疏附葡萄干", cheapestFirst[0]);
        var dearestFirst = await Titles("/products?sort=price-desc");
        Assert.Equal("湖中小龙虾", dearestFirst[0]);
        Assert.Equal("易贡茶", (await Titles("/products?sort=newest"))[0]);

        await using (var scope = shop.Scope(out var db))
        {
            var walnuts = await db.Products.Include(p => p.Producer).SingleAsync(p => p.Slug == "hezhang-walnuts");
            var villages = await db.Villages.ToDictionaryAsync(v => v.Id, v => v.CountyId);
            var paid = new Order(Guid.NewGuid(), null, Channel.Online, [OrderLine.Snapshot(walnuts, walnuts.Producer, villages, 7, new DateOnly(2026, 11, 29))], Money.Zero, DateTime.UtcNow);
            paid.MarkPaid($"test-{paid.Id}", DateTime.UtcNow);
            var potatoes = await db.Products.Include(p => p.Producer).SingleAsync(p => p.Slug == "weining-potatoes");
            var unpaid = new Order(Guid.NewGuid(), null, Channel.Online, [OrderLine.Snapshot(potatoes, potatoes.Producer, villages, 50, new DateOnly(2026, 11, 29))], Money.Zero, DateTime.UtcNow);
            db.Orders.AddRange(paid, unpaid);
            await db.SaveChangesAsync();
        }
        // Only paid orders count: the 50 unpaid potatoes do not.
        Assert.Equal("赫章核桃", (await Titles("/products?sort=best-selling"))[0]);
    }

    [Fact]
    public async Task Pages_through_results_keeping_the_filters_in_the_links()
    {
        var second = await shop.Client().GetPageAsync("/products?sort=price-asc&page=2");
        Assert.Equal(2, second.Texts(".card-title").Count);
        Assert.Equal("2", second.QuerySelector(".pager [aria-current=page]")!.TextContent);
        Assert.Equal("/products?sort=price-asc", second.QuerySelector(".pager a[rel=prev]")!.GetAttribute("href"));

        var first = await shop.Client().GetPageAsync("/products?sort=price-asc&instock=1");
        Assert.Equal("/products?instock=1&sort=price-asc&page=2", first.QuerySelector(".pager a[rel=next]")!.GetAttribute("href"));
    }

    [Theory]
    [InlineData("/products?page=0")]
    [InlineData("/products?page=-1")]
    [InlineData("/products?page=abc")]
    [InlineData("/products?page=99999999999999")]
    [InlineData("/products?sort=zzz&category=99&county=..%2F..&village=%00&certified=maybe")]
    [InlineData("/products?category=1")]
    public async Task Malformed_query_values_fall_back_to_a_normal_page(string url)
    {
        var page = await shop.Client().GetPageAsync(url);
        Assert.NotEmpty(page.Texts(".card-title"));
    }

    [Fact]
    public async Task A_page_past_the_end_shows_the_last_page()
    {
        var page = await shop.Client().GetPageAsync("/products?page=99999");
        Assert.Equal("2", page.QuerySelector(".pager [aria-current=page]")!.TextContent);
    }

    [Fact]
    public async Task User_text_is_encoded_and_overlong_searches_are_cut_with_a_message()
    {
        var response = await shop.Client().GetAsync($"/products?q={Q("<script>alert(1)</script>")}");
        var body = await response.Content.ReadAsStringAsync();
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.DoesNotContain("<script>alert", body);

        var page = await shop.Client().GetPageAsync($"/products?q={new string('土', 5000)}");
        Assert.Contains("搜索词太长，只用了前 50 个字。", page.Texts(".notice"));
        Assert.Equal(new string('土', 50), page.QuerySelector("#q")!.GetAttribute("value"));
        var english = await shop.Client("en").GetPageAsync($"/products?q={new string('x', 5000)}");
        Assert.Contains("The search was too long; only its first 50 characters were used.", english.Texts(".notice"));
    }

    [Fact]
    public async Task English_pages_show_English_names_units_and_labels()
    {
        var page = await shop.Client("en").GetPageAsync("/products?q=eggs");
        Assert.Equal(["Hezhang eggs"], page.Texts(".card-title"));
        Assert.Equal("¥39.90 / box of 30", page.Texts(".price").Single());
        Assert.Equal("Hezhang County · Hezhen · Hezhen demo village", page.Texts(".origin").Single());
        Assert.Equal("Search: eggs", page.QuerySelector("h1")!.TextContent);
        Assert.Contains("Search: eggs · ReliefMarket", page.Title);
    }

    [Fact]
    public async Task A_list_costs_the_same_few_queries_however_many_products_it_shows()
    {
        var client = shop.Client();
        var full = await shop.Sql.CountDuring(() => client.GetPageAsync("/products?sort=newest&certified=0"));
        var one = await shop.Sql.CountDuring(() => client.GetPageAsync("/products?sort=newest&category=Dairy"));
        Assert.Equal(one, full);
        // The list filters the in-memory catalog (Pages/Products/CatalogSnapshot): at most a few queries, often none.
        Assert.InRange(full, 0, 4);
    }
}

public sealed class ProductsPageOnSqlite(SqliteShop shop) : ProductsPageTests<SqliteShop>(shop);
public sealed class ProductsPageOnPostgres(PostgresShop shop) : ProductsPageTests<PostgresShop>(shop);
