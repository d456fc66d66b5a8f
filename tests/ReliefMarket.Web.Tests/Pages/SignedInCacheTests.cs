using System.Net;
using System.Text.Json;
using AngleSharp.Dom;

namespace ReliefMarket.Web.Tests.Pages;

/// <summary>Catalog pages are cached per header state, signed-in shoppers included (docs/decisions/0024).</summary>
public abstract class SignedInCacheTests<TShop>(TShop shop) : IClassFixture<TShop> where TShop : ShopFactory
{
    private static readonly string[] CatalogPages = ["/", "/products", "/products/weining-potatoes", "/origins/hezhang"];

    [Fact]
    public async Task Two_signed_in_shoppers_share_cached_pages_but_never_each_others_name_cart_count_or_token()
    {
        var mei = await Shopper.Anonymous(shop).SignUpAndSignInAsync($"chen-xiaomei-{Guid.NewGuid():N}@example.test");
        var wei = await Shopper.Anonymous(shop).SignUpAndSignInAsync($"li-wei-{Guid.NewGuid():N}@example.test");
        Assert.Equal(HttpStatusCode.Redirect, (await mei.AddToCartAsync("hezhang-eggs", 2)).StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, (await wei.AddToCartAsync("weining-potatoes", 5)).StatusCode);

        foreach (var url in CatalogPages)
        {
            var first = await RawAsync(mei, url);
            string? second = null;
            // Rendered once for Mei, then served to Wei from the cache without a query.
            Assert.Equal(0, await shop.Sql.CountDuring(async () => second = await RawAsync(wei, url)));
            Assert.Equal(first, second);
            foreach (var html in new[] { first, second! })
            {
                Assert.DoesNotContain("__RequestVerificationToken", html);
                Assert.DoesNotContain(mei.Email!, html);
                Assert.DoesNotContain(wei.Email!, html);
                Assert.DoesNotContain(mei.UserId!, html);
                Assert.DoesNotContain(wei.UserId!, html);
            }
            var page = await wei.PageAsync(url);
            Assert.NotNull(page.QuerySelector("a[href='/orders']"));
            Assert.NotNull(page.QuerySelector("form[action='/account/logout']"));
            Assert.Equal("", page.QuerySelector("[data-cart-count]")!.TextContent);
        }

        // The cart count comes after load, each from their own cart.
        Assert.Equal(2, await CartCountAsync(mei.Client));
        Assert.Equal(5, await CartCountAsync(wei.Client));
        Assert.Equal(0, await CartCountAsync(shop.Client()));
    }

    [Fact]
    public async Task An_administrators_header_is_never_served_to_a_consumer_nor_a_signed_in_header_to_a_visitor()
    {
        var admin = await Shopper.Anonymous(shop).SignUpAndSignInAsync(role: Roles.Admin);
        var consumer = await Shopper.Anonymous(shop).SignUpAndSignInAsync();
        var anonymous = Shopper.Anonymous(shop);

        Assert.NotNull((await admin.PageAsync("/products?sort=newest")).QuerySelector("a[href='/admin']"));
        var consumers = await consumer.PageAsync("/products?sort=newest");
        Assert.Null(consumers.QuerySelector("a[href='/admin']"));
        Assert.NotNull(consumers.QuerySelector("a[href='/orders']"));
        var visitors = await anonymous.PageAsync("/products?sort=newest");
        Assert.Null(visitors.QuerySelector("a[href='/orders']"));
        Assert.NotNull(visitors.QuerySelector("a[href='/account/login']"));
    }

    [Fact]
    public async Task After_signing_out_with_the_header_button_the_anonymous_page_is_shown()
    {
        var shopper = await Shopper.Anonymous(shop).SignUpAndSignInAsync();
        Assert.NotNull((await shopper.PageAsync("/products")).QuerySelector("a[href='/orders']"));

        var response = await shopper.SubmitAsync("/products", "form[action='/account/logout']", []);
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);

        var page = await shopper.PageAsync("/products");
        Assert.Null(page.QuerySelector("a[href='/orders']"));
        Assert.Null(page.QuerySelector("form[action='/account/logout']"));
        Assert.NotNull(page.QuerySelector("a[href='/account/login']"));
        Assert.Equal(HttpStatusCode.Redirect, (await shopper.Client.GetAsync("/orders")).StatusCode); // to the sign-in page
    }

    [Fact]
    public async Task A_sign_out_posted_from_another_site_is_refused()
    {
        var shopper = await Shopper.Anonymous(shop).SignUpAndSignInAsync();
        var forged = new HttpRequestMessage(HttpMethod.Post, "/account/logout") { Content = new FormUrlEncodedContent([]) };
        forged.Headers.Add("Sec-Fetch-Site", "cross-site");
        Assert.Equal(HttpStatusCode.Forbidden, (await shopper.Client.SendAsync(forged)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await shopper.Client.GetAsync("/orders")).StatusCode);
    }

    [Fact]
    public async Task A_price_change_shows_at_once_to_anonymous_and_signed_in_shoppers()
    {
        var signedIn = await Shopper.Anonymous(shop).SignUpAndSignInAsync();
        var anonymous = Shopper.Anonymous(shop);
        foreach (var who in new[] { signedIn, anonymous })
            Assert.Equal("¥39.90 / 30枚/盒", Price(await who.PageAsync("/products/hezhang-eggs")));

        await using (var scope = shop.Scope(out var db))
        {
            var eggs = await db.Products.SingleAsync(p => p.Slug == "hezhang-eggs");
            eggs.ChangePrice(new Money(4250));
            await db.SaveChangesAsync();
        }

        foreach (var who in new[] { signedIn, anonymous })
            Assert.Equal("¥42.50 / 30枚/盒", Price(await who.PageAsync("/products/hezhang-eggs")));
    }

    [Fact]
    public async Task An_order_evicts_only_what_it_changed_on_the_catalog_pages()
    {
        await SetStockAsync("hezhang-eggs", 200);
        var buyer = await Shopper.Anonymous(shop).SignUpAndSignInAsync();
        var visitor = shop.Client();
        await visitor.GetPageAsync("/products/hezhang-eggs");
        await visitor.GetPageAsync("/products?q=" + Uri.EscapeDataString("鸡蛋"));

        // 200 → 199: the page still says "in stock" with a quantity field up to 99, so it stays cached.
        await BuyAsync(buyer, 1);
        Assert.Equal(0, await shop.Sql.CountDuring(() => visitor.GetPageAsync("/products/hezhang-eggs")));

        // Near the end the page shows the number left, and each order shows at once; the lists keep their cards.
        await SetStockAsync("hezhang-eggs", 6);
        Assert.Equal("仅剩 6 件", Stock(await visitor.GetPageAsync("/products/hezhang-eggs")));
        await visitor.GetPageAsync("/products?q=" + Uri.EscapeDataString("鸡蛋"));
        await BuyAsync(buyer, 2);
        Assert.Equal("仅剩 4 件", Stock(await visitor.GetPageAsync("/products/hezhang-eggs")));
        Assert.Equal(0, await shop.Sql.CountDuring(() => visitor.GetPageAsync("/products?q=" + Uri.EscapeDataString("鸡蛋"))));

        // Sold out: every catalog page shows it at once.
        await BuyAsync(buyer, 4);
        Assert.Equal("已售罄", Stock(await visitor.GetPageAsync("/products/hezhang-eggs")));
        var list = await visitor.GetPageAsync("/products?q=" + Uri.EscapeDataString("鸡蛋"));
        Assert.Equal(["已售罄"], list.Texts(".card .sold-out"));
    }

    private static async Task BuyAsync(Shopper buyer, int quantity)
    {
        Assert.Equal(HttpStatusCode.Redirect, (await buyer.AddToCartAsync("hezhang-eggs", quantity)).StatusCode);
        await buyer.CheckoutAsync();
    }

    private async Task SetStockAsync(string slug, int stock)
    {
        await using var scope = shop.Scope(out var db);
        (await db.Products.SingleAsync(p => p.Slug == slug)).SetStock(stock);
        await db.SaveChangesAsync();
        // On PostgreSQL the change is evicted once more a moment later: wait it out, or it lands in a count below (the
        // buying that follows can take less than that moment).
        await Task.Delay(CatalogCacheSignal.SecondEviction * 2);
    }

    private static string Stock(IDocument page) => page.QuerySelector(".stock")!.TextContent.Trim();

    private static string Price(IDocument page) => page.QuerySelector(".price")!.TextContent.Trim();

    private static async Task<string> RawAsync(Shopper shopper, string url)
    {
        var response = await shopper.Client.GetAsync(url);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await response.Content.ReadAsStringAsync();
    }

    private static async Task<int> CartCountAsync(HttpClient client)
    {
        var response = await client.GetAsync("/cart/count");
        Assert.Equal("no-store", response.Headers.CacheControl!.ToString());
        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        return json.RootElement.GetProperty("count").GetInt32();
    }
}

public sealed class SignedInCacheOnSqlite(SqliteShop shop) : SignedInCacheTests<SqliteShop>(shop);
public sealed class SignedInCacheOnPostgres(PostgresShop shop) : SignedInCacheTests<PostgresShop>(shop);
