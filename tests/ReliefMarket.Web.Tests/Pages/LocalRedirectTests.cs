using System.Net;

namespace ReliefMarket.Web.Tests.Pages;

/// <summary>Return addresses taken from the query string never lead off the site (open redirects).</summary>
public abstract class LocalRedirectTests<TShop>(TShop shop) : IClassFixture<TShop> where TShop : ShopFactory
{
    public static TheoryData<string> Foreign => new()
    {
        "//evil.example", "/\\evil.example", "https://evil.example", "%2F%2Fevil.example", "/%5Cevil.example", "%2F%5Cevil.example",
        "javascript:alert(1)", "/%09/evil.example", "%2F%2F%2Fevil.example", "http:%2F%2Fevil.example",
    };

    /// <summary>Each payload as written in a link, and as a browser would escape it once more.</summary>
    private static IEnumerable<string> AsSent(string payload) => [payload, Uri.EscapeDataString(payload)];

    private static void AssertLocal(HttpResponseMessage response)
    {
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var location = response.Headers.Location!.OriginalString;
        Assert.StartsWith("/", location);
        Assert.False(location.StartsWith("//") || location.StartsWith("/\\"), location);
        // Resolved as a browser would (backslashes count as slashes), it stays on the shop's own host.
        Assert.Equal("shop.example", new Uri(new Uri("https://shop.example/"), location).Host);
    }

    [Theory]
    [MemberData(nameof(Foreign))]
    public async Task The_language_switch_returns_only_to_local_pages(string payload)
    {
        foreach (var returnUrl in AsSent(payload))
            AssertLocal(await shop.Client().GetAsync($"/culture/en?returnUrl={returnUrl}"));
    }

    [Theory]
    [MemberData(nameof(Foreign))]
    public async Task Sign_in_returns_only_to_local_pages(string payload)
    {
        var email = (await Shopper.Anonymous(shop).SignUpAndSignInAsync()).Email!;
        foreach (var returnUrl in AsSent(payload))
        {
            var shopper = Shopper.Anonymous(shop);
            AssertLocal(await shopper.SubmitAsync($"/account/login?ReturnUrl={returnUrl}", "form", new() { ["Email"] = email, ["Password"] = Shopper.Password }));
        }
    }

    [Fact]
    public async Task A_local_return_address_is_kept()
    {
        var email = (await Shopper.Anonymous(shop).SignUpAndSignInAsync()).Email!;
        var response = await Shopper.Anonymous(shop).SubmitAsync("/account/login?ReturnUrl=%2Forders%3Fpage%3D2", "form",
            new() { ["Email"] = email, ["Password"] = Shopper.Password });
        Assert.Equal("/orders?page=2", response.Headers.Location!.OriginalString);
        Assert.Equal("/origins", (await shop.Client().GetAsync("/culture/en?returnUrl=/origins")).Headers.Location!.OriginalString);
    }
}

public sealed class LocalRedirectsOnSqlite(SqliteShop shop) : LocalRedirectTests<SqliteShop>(shop);
public sealed class LocalRedirectsOnPostgres(PostgresShop shop) : LocalRedirectTests<PostgresShop>(shop);
