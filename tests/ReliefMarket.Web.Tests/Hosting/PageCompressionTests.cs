using System.IO.Compression;
using System.Text;

namespace ReliefMarket.Web.Tests.Hosting;

public abstract class PageCompressionTests<TShop>(TShop shop) : IClassFixture<TShop> where TShop : ShopFactory
{
    [Theory]
    [InlineData("/", "br")]
    [InlineData("/products", "br")]
    [InlineData("/products/weining-potatoes", "gzip")]
    [InlineData("/origins", "gzip")]
    public async Task Catalog_pages_are_compressed_for_a_browser_that_accepts_it(string url, string encoding)
    {
        var plain = await (await shop.Client().GetAsync(url)).Content.ReadAsStringAsync();
        var client = shop.Client();
        client.DefaultRequestHeaders.AcceptEncoding.ParseAdd(encoding);

        var response = await client.GetAsync(url);

        Assert.Equal([encoding], response.Content.Headers.ContentEncoding);
        Assert.Contains("Accept-Encoding", response.Headers.Vary);
        var compressed = await response.Content.ReadAsByteArrayAsync();
        Assert.Equal(plain, Decompress(compressed, encoding));
        Assert.True(compressed.Length < Encoding.UTF8.GetByteCount(plain) / 2, $"{url}: {compressed.Length} bytes of {plain.Length}");
    }

    [Fact]
    public async Task A_page_with_an_antiforgery_token_is_not_compressed()
    {
        var client = shop.Client();
        client.DefaultRequestHeaders.AcceptEncoding.ParseAdd("br, gzip");

        var response = await client.GetAsync("/account/login");

        Assert.Empty(response.Content.Headers.ContentEncoding);
        Assert.Contains("__RequestVerificationToken", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task A_signed_in_shoppers_pages_are_not_compressed()
    {
        var shopper = await Shopper.Anonymous(shop).SignUpAndSignInAsync();
        shopper.Client.DefaultRequestHeaders.AcceptEncoding.ParseAdd("br, gzip");

        foreach (var url in new[] { "/products", "/orders" })
        {
            var response = await shopper.Client.GetAsync(url);
            Assert.Equal(System.Net.HttpStatusCode.OK, response.StatusCode);
            Assert.Empty(response.Content.Headers.ContentEncoding);
        }
    }

    private static string Decompress(byte[] body, string encoding)
    {
        using Stream stream = encoding == "br"
            ? new BrotliStream(new MemoryStream(body), CompressionMode.Decompress)
            : new GZipStream(new MemoryStream(body), CompressionMode.Decompress);
        using var reader = new StreamReader(stream, Encoding.UTF8);
        return reader.ReadToEnd();
    }
}

public sealed class PageCompressionOnSqlite(SqliteShop shop) : PageCompressionTests<SqliteShop>(shop);
public sealed class PageCompressionOnPostgres(PostgresShop shop) : PageCompressionTests<PostgresShop>(shop);
