using System.Net;
using System.Text.Json;
using System.Xml.Linq;

namespace ReliefMarket.Web.Tests.Hosting;

/// <summary>Absolute links come from Site:PublicBaseUrl; a request that names another Host changes none of them.</summary>
public class PublicLinkTests(MailShop shop) : IClassFixture<MailShop>
{
    private HttpClient EvilHostClient(string? language = null)
    {
        var client = shop.Client(language);
        client.DefaultRequestHeaders.Host = "evil.example";
        return client;
    }

    [Fact]
    public async Task A_password_reset_requested_with_a_foreign_Host_emails_a_link_to_the_configured_address()
    {
        var email = (await Shopper.Anonymous(shop).SignUpAndSignInAsync()).Email!;
        var attacker = new Shopper(shop, EvilHostClient());
        var response = await attacker.SubmitAsync("/account/forgot", "form", new() { ["Email"] = email });
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);

        await shop.SendOutboxAsync();
        var text = MailShop.Text(Assert.Single(shop.MailTo(email)));
        Assert.DoesNotContain("evil.example", text);
        Assert.Contains($"{ShopFactory.PublicBaseUrl}/account/reset?", text);
    }

    [Fact]
    public async Task Product_JSON_LD_and_canonical_links_use_the_configured_address()
    {
        var page = await EvilHostClient().GetPageAsync("/products/weining-potatoes");
        Assert.Equal($"{ShopFactory.PublicBaseUrl}/products/weining-potatoes", page.QuerySelector("link[rel=canonical]")!.GetAttribute("href"));
        using var json = JsonDocument.Parse(page.QuerySelector("script[type='application/ld+json']")!.TextContent);
        Assert.Equal($"{ShopFactory.PublicBaseUrl}/products/weining-potatoes", json.RootElement.GetProperty("offers").GetProperty("url").GetString());
        Assert.StartsWith($"{ShopFactory.PublicBaseUrl}/images/products/", json.RootElement.GetProperty("image").GetString());
        Assert.DoesNotContain("evil.example", page.DocumentElement.OuterHtml);
    }

    [Fact]
    public async Task The_sitemap_lists_every_listed_product_and_origin_on_the_configured_address()
    {
        var response = await EvilHostClient().GetAsync("/sitemap.xml");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/xml", response.Content.Headers.ContentType!.MediaType);
        XNamespace ns = "http://www.sitemaps.org/schemas/sitemap/0.9";
        var locations = XDocument.Parse(await response.Content.ReadAsStringAsync()).Descendants(ns + "loc").Select(l => l.Value).ToList();
        Assert.All(locations, l => Assert.StartsWith(ShopFactory.PublicBaseUrl + "/", l + "/"));
        Assert.Contains($"{ShopFactory.PublicBaseUrl}/products/hezhang-eggs", locations);
        Assert.Contains($"{ShopFactory.PublicBaseUrl}/origins/weining/pingshan", locations);
        await using var scope = shop.Scope(out var db);
        Assert.Equal(await db.Products.CountAsync(p => p.IsListed), locations.Count(l => l.Contains("/products/")));

        var robots = await (await EvilHostClient().GetAsync("/robots.txt")).Content.ReadAsStringAsync();
        Assert.Contains($"Sitemap: {ShopFactory.PublicBaseUrl}/sitemap.xml", robots);
    }
}
