namespace ReliefMarket.Web.Tests.Pages;

/// <summary>Screen-reader users move by headings: each page has one h1 and never skips a level going down.</summary>
public abstract class HeadingOrderTests<TShop>(TShop shop) : IClassFixture<TShop> where TShop : ShopFactory
{
    [Theory]
    [InlineData("/")]
    [InlineData("/products")]
    [InlineData("/products?county=hezhang")]
    [InlineData("/products/weining-potatoes")]
    [InlineData("/origins")]
    [InlineData("/origins/hezhang")]
    [InlineData("/cart")]
    [InlineData("/account/login")]
    public async Task Headings_descend_one_level_at_a_time(string url)
    {
        var page = await shop.Client().GetPageAsync(url);
        var levels = page.QuerySelectorAll("h1, h2, h3, h4, h5, h6").Select(h => h.LocalName[1] - '0').ToList();

        Assert.Equal(1, levels[0]);
        Assert.Single(levels, l => l == 1);
        for (var i = 1; i < levels.Count; i++)
            Assert.True(levels[i] <= levels[i - 1] + 1, $"{url}: h{levels[i]} follows h{levels[i - 1]} ({string.Join(" ", levels.Select(l => "h" + l))})");
    }
}

public sealed class HeadingOrderOnSqlite(SqliteShop shop) : HeadingOrderTests<SqliteShop>(shop);
public sealed class HeadingOrderOnPostgres(PostgresShop shop) : HeadingOrderTests<PostgresShop>(shop);
