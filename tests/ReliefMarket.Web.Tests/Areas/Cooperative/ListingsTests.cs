using System.Net;

namespace ReliefMarket.Web.Tests.Areas.Cooperative;

public abstract class ListingsTests<TShop>(TShop shop) : IClassFixture<TShop> where TShop : ShopFactory
{
    private static Dictionary<string, string> Listing(string price = "39.90", string stock = "120") => new()
    {
        ["Form.NameZh"] = "坪山紫皮土豆", ["Form.NameEn"] = "Pingshan purple potatoes", ["Form.UnitZh"] = "5公斤/箱", ["Form.UnitEn"] = "5 kg box",
        ["Form.Category"] = nameof(ProductCategory.PotatoesAndVegetables), ["Form.Price"] = price, ["Form.Stock"] = stock,
        ["Form.DescriptionZh"] = "高山种植", ["Form.DescriptionEn"] = "Grown high up",
    };

    [Fact]
    public async Task A_member_creates_a_draft_sees_it_listed_with_its_status_and_sees_the_villages()
    {
        var member = await shop.MemberAsync();
        var form = await member.PageAsync("/coop/products/edit");
        Assert.NotEmpty(form.QuerySelectorAll(".shares li"));
        var response = await member.SubmitAsync("/coop/products/edit", "form.listing-form", Listing());
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var list = await member.PageAsync("/coop/products");
        var row = list.QuerySelectorAll("li.listing").Single(li => li.TextContent.Contains("坪山紫皮土豆"));
        Assert.Contains("草稿", row.QuerySelector(".status")!.TextContent);
        Assert.Contains("¥39.90", row.TextContent);
        Assert.Contains("120", row.QuerySelector(".stock")!.TextContent);
        await using var scope = shop.Scope(out var db);
        var product = await db.Products.SingleAsync(p => p.Name.Zh == "坪山紫皮土豆");
        Assert.Equal(await shop.ProducerIdAsync(Members.ProducerA), product.ProducerId);
        Assert.Equal(CertificationStatus.Draft, product.CertificationStatus);
    }

    [Fact]
    public async Task Bad_price_and_stock_are_explained_in_the_members_language_and_nothing_is_saved()
    {
        var member = await shop.MemberAsync(language: "en");
        var response = await member.SubmitAsync("/coop/products/edit", "form.listing-form", Listing(price: "abc", stock: "-5"));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var page = await response.ReadPageAsync();
        var errors = page.Texts(".field-error");
        Assert.Contains("Enter a price above zero, e.g. 39.90.", errors);
        Assert.Contains("Stock must be a whole number from 0 to 1,000,000.", errors);
        var zh = await (await shop.MemberAsync()).SubmitAsync("/coop/products/edit", "form.listing-form", Listing(price: "1.999"));
        Assert.Contains("价格最多两位小数。", (await zh.ReadPageAsync()).Texts(".field-error"));
        await using var scope = shop.Scope(out var db);
        Assert.False(await db.Products.AnyAsync(p => p.Name.Zh == "坪山紫皮土豆" && p.Price == new Money(0)));
    }

    [Fact]
    public async Task Changing_the_price_of_a_certified_listing_asks_first_then_sends_it_back_to_pending_while_stock_never_does()
    {
        var id = await shop.ListingAsync(certified: true);
        var member = await shop.MemberAsync(language: "en");
        var url = $"/coop/products/edit/{id}";
        var first = await member.SubmitAsync(url, "form.listing-form", new() { ["Form.Price"] = "45.00" });
        var page = await first.ReadPageAsync();
        Assert.Contains("back to pending", page.QuerySelector(".confirm-recertify")!.TextContent);
        Assert.Equal(CertificationStatus.Certified, (await shop.ProductAsync(id)).CertificationStatus);
        Assert.Equal(new Money(3990), (await shop.ProductAsync(id)).Price);

        // The confirm step re-posts the same values with Confirmed=true.
        var fields = page.QuerySelector("form.listing-form")!.QuerySelectorAll("input[name]")
            .ToDictionary(i => i.GetAttribute("name")!, i => i.GetAttribute("value") ?? "");
        fields["Form.Category"] = nameof(ProductCategory.PotatoesAndVegetables);
        var confirmed = await member.Client.PostAsync(url, new FormUrlEncodedContent(fields));
        Assert.Equal(HttpStatusCode.Redirect, confirmed.StatusCode);
        var product = await shop.ProductAsync(id);
        Assert.Equal(CertificationStatus.PendingCertification, product.CertificationStatus);
        Assert.Equal(new Money(4500), product.Price);

        var other = await shop.ListingAsync(certified: true);
        var description = await member.SubmitAsync($"/coop/products/edit/{other}", "form.listing-form", new() { ["Form.DescriptionZh"] = "更新的介绍" });
        Assert.Equal(HttpStatusCode.Redirect, description.StatusCode);
        var stock = await member.SubmitAsync($"/coop/products/{other}/stock", "form.stock-adjust", new() { ["Value"] = "+5", ["Reason"] = "Harvest" });
        Assert.Equal(HttpStatusCode.Redirect, stock.StatusCode);
        Assert.Equal(CertificationStatus.Certified, (await shop.ProductAsync(other)).CertificationStatus);
        Assert.Equal(55, (await shop.ProductAsync(other)).Stock);
    }

    [Fact]
    public async Task Unlisting_hides_the_product_from_the_shop_and_relisting_brings_it_back()
    {
        var id = await shop.ListingAsync();
        var slug = (await shop.ProductAsync(id)).Slug;
        var member = await shop.MemberAsync();
        var list = await member.PageAsync("/coop/products");
        var unlist = list.QuerySelector($"li.listing[data-id='{id}'] form")!;
        var token = unlist.QuerySelector("input[name=__RequestVerificationToken]")!.GetAttribute("value")!;
        var response = await member.Client.PostAsync(unlist.GetAttribute("action"),
            new FormUrlEncodedContent(new Dictionary<string, string> { ["__RequestVerificationToken"] = token }));
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.False((await shop.ProductAsync(id)).IsListed);
        Assert.Equal(HttpStatusCode.NotFound, (await shop.Client().GetAsync($"/products/{slug}")).StatusCode);

        list = await member.PageAsync("/coop/products");
        var relist = list.QuerySelector($"li.listing[data-id='{id}'] form")!;
        token = relist.QuerySelector("input[name=__RequestVerificationToken]")!.GetAttribute("value")!;
        await member.Client.PostAsync(relist.GetAttribute("action"), new FormUrlEncodedContent(new Dictionary<string, string> { ["__RequestVerificationToken"] = token }));
        Assert.True((await shop.ProductAsync(id)).IsListed);
        Assert.Equal(HttpStatusCode.OK, (await shop.Client().GetAsync($"/products/{slug}")).StatusCode);
    }

    [Fact]
    public async Task Units_sold_in_the_last_30_days_count_paid_orders_only()
    {
        var id = await shop.ListingAsync();
        var slug = (await shop.ProductAsync(id)).Slug;
        var buyer = await Shopper.Anonymous(shop).SignUpAndSignInAsync();
        await buyer.AddToCartAsync(slug, 3);
        var orderId = await buyer.CheckoutAsync();
        var member = await shop.MemberAsync();
        Assert.Contains(" 0", (await member.PageAsync("/coop/products")).QuerySelector($"li.listing[data-id='{id}'] .sold")!.TextContent);
        await using (var scope = shop.Scope(out var db))
        {
            var order = await db.Orders.SingleAsync(o => o.Id == orderId);
            order.MarkPaid($"pi_{Guid.NewGuid():N}", DateTime.UtcNow);
            await db.SaveChangesAsync();
        }
        Assert.Contains("3", (await member.PageAsync("/coop/products")).QuerySelector($"li.listing[data-id='{id}'] .sold")!.TextContent);
    }
}

public sealed class ListingsOnSqlite(SqliteShop shop) : ListingsTests<SqliteShop>(shop);
public sealed class ListingsOnPostgres(PostgresShop shop) : ListingsTests<PostgresShop>(shop);
