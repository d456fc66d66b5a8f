namespace ReliefMarket.Web.Tests.Pages;

public abstract class HomePageTests<TShop>(TShop shop) : IClassFixture<TShop> where TShop : ShopFactory
{
    [Fact]
    public async Task Shows_featured_certified_produce_and_the_five_counties_in_Chinese_by_default()
    {
        var page = await shop.Client().GetPageAsync("/");

        Assert.Equal("zh-CN", page.DocumentElement.GetAttribute("lang"));
        Assert.Single(page.QuerySelectorAll("h1"));
        Assert.Contains("威宁土豆", page.Texts(".card-title"));
        Assert.Contains("¥39.90 / 5公斤/箱", page.Texts(".price"));
        Assert.Contains("威宁县 · 草海镇 · 草海示范村", page.Texts(".origin"));
        Assert.Equal(["五华县", "威宁县", "赫章县", "疏附县", "波密县"], page.Texts(".county h3"));
        Assert.Contains(page.Texts(".county p"), t => t.Contains("73471户340036人"));
        // Only certified produce in stock is featured: the pending crayfish and the sold-out phlox are not.
        Assert.DoesNotContain("湖中小龙虾", page.Texts(".card-title"));
        Assert.DoesNotContain("北海道芝樱种苗", page.Texts(".card-title"));
    }

    [Fact]
    public async Task Speaks_English_when_the_browser_prefers_it()
    {
        var page = await shop.Client("en-GB,en;q=0.9").GetPageAsync("/");

        Assert.Equal("en", page.DocumentElement.GetAttribute("lang"));
        Assert.Contains("Weining potatoes", page.Texts(".card-title"));
        Assert.Contains("¥39.90 / 5 kg box", page.Texts(".price"));
        Assert.Contains("Weining County", page.Texts(".county h3"));
        Assert.Contains("Browse all produce", page.Texts("a.button"));
        Assert.Equal("Search: potato, eggs, Hezhang…", page.QuerySelector("#home-q")!.GetAttribute("placeholder"));
    }

    [Fact]
    public async Task Product_images_are_served_from_the_web_root()
    {
        var client = shop.Client();
        var page = await client.GetPageAsync("/");
        foreach (var src in page.QuerySelectorAll(".card img").Select(i => i.GetAttribute("src")!))
        {
            var response = await client.GetAsync(src);
            Assert.True(response.IsSuccessStatusCode, src);
            Assert.Equal("image/svg+xml", response.Content.Headers.ContentType?.MediaType);
        }
    }
}

public sealed class HomePageOnSqlite(SqliteShop shop) : HomePageTests<SqliteShop>(shop);
public sealed class HomePageOnPostgres(PostgresShop shop) : HomePageTests<PostgresShop>(shop);
