using System.Net;
using System.Security.Cryptography;
using System.Text;

namespace ReliefMarket.Web.Tests.Security;

public abstract class SecurityHeadersTests<TShop>(TShop shop) : IClassFixture<TShop> where TShop : ShopFactory
{
    [Theory]
    [InlineData("/", HttpStatusCode.OK)]
    [InlineData("/products/weining-potatoes", HttpStatusCode.OK)]
    [InlineData("/css/site.css", HttpStatusCode.OK)]
    [InlineData("/no-such-page", HttpStatusCode.NotFound)]
    public async Task Every_response_carries_the_security_headers(string url, HttpStatusCode status)
    {
        var response = await shop.Client().GetAsync(url);

        Assert.Equal(status, response.StatusCode);
        var csp = Directives(Header(response, "Content-Security-Policy"));
        Assert.Equal("'self'", csp["default-src"]);
        Assert.StartsWith("'self'", csp["script-src"]);
        Assert.DoesNotContain("unsafe", csp["script-src"]);
        Assert.Equal("'self'", csp["style-src"]);
        Assert.Equal("'none'", csp["frame-ancestors"]);
        Assert.Equal("'self'", csp["form-action"]);
        Assert.Equal("'none'", csp["object-src"]);
        Assert.Equal("'self'", csp["base-uri"]);
        Assert.Equal("nosniff", Header(response, "X-Content-Type-Options"));
        Assert.Equal("DENY", Header(response, "X-Frame-Options"));
        Assert.Equal("strict-origin-when-cross-origin", Header(response, "Referrer-Policy"));
        Assert.Contains("camera=()", Header(response, "Permissions-Policy"));
    }

    [Fact]
    public async Task The_product_pages_structured_data_is_allowed_by_its_hash_also_when_served_from_the_cache()
    {
        foreach (var _ in new[] { "rendered", "cached" })
        {
            var response = await shop.Client().GetAsync("/products/hezhang-eggs");
            var page = await response.ReadPageAsync();
            var jsonLd = page.QuerySelector("script[type='application/ld+json']")!.TextContent;
            var hash = Convert.ToBase64String(SHA256.HashData(Encoding.UTF8.GetBytes(jsonLd)));
            Assert.Equal($"'self' 'sha256-{hash}'", Directives(Header(response, "Content-Security-Policy"))["script-src"]);
        }
    }

    [Fact]
    public async Task No_page_uses_inline_styles_or_event_handlers()
    {
        foreach (var url in new[] { "/", "/products", "/products/weining-potatoes", "/origins", "/origins/weining", "/account/login", "/account/register" })
        {
            var page = await shop.Client().GetPageAsync(url);
            Assert.Empty(page.QuerySelectorAll("[style], style"));
            Assert.DoesNotContain(page.All, e => e.Attributes.Any(a => a.Name.StartsWith("on")));
            // Structured data (allowed by its hash) or a same-origin file such as the header's /js/header.js: never inline code.
            Assert.All(page.QuerySelectorAll("script"), s => Assert.True(s.GetAttribute("type") == "application/ld+json"
                || s.GetAttribute("src") is { } src && src.StartsWith("/js/") && s.TextContent.Length == 0, s.OuterHtml));
        }
    }

    [Fact]
    public async Task The_share_bar_draws_each_villages_share_without_an_inline_style()
    {
        var page = await shop.Client().GetPageAsync("/products/weining-potatoes");
        Assert.Equal(["60", "40"], page.QuerySelectorAll(".shares svg.share-bar rect").Select(r => r.GetAttribute("width")));
    }

    private static string Header(HttpResponseMessage response, string name) =>
        response.Headers.TryGetValues(name, out var values) || response.Content.Headers.TryGetValues(name, out values)
            ? string.Join(", ", values)
            : throw new Xunit.Sdk.XunitException($"{name} missing on {response.RequestMessage!.RequestUri}");

    internal static Dictionary<string, string> Directives(string csp) => csp.Split(';', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries)
        .Select(d => d.Split(' ', 2)).ToDictionary(d => d[0], d => d.Length > 1 ? d[1] : "");
}

public sealed class SecurityHeadersOnSqlite(SqliteShop shop) : SecurityHeadersTests<SqliteShop>(shop);
public sealed class SecurityHeadersOnPostgres(PostgresShop shop) : SecurityHeadersTests<PostgresShop>(shop);
