using System.Net;

namespace ReliefMarket.Web.Tests.Pages;

/// <summary>
/// A corpus of hostile text through every form that stores typed words: each value is either stored normalised
/// (NFC, trimmed; the mobile as ASCII digits) or refused with a message in the reader's language — never a 500
/// (a NUL used to fail on PostgreSQL).
/// </summary>
public abstract class HostileTextTests<TShop>(TShop shop) : IClassFixture<TShop> where TShop : ShopFactory
{
    /// <summary>Typed value → what is stored, or null when it must be refused.</summary>
    public static TheoryData<string, string?> Corpus => new()
    {
        { "陈\u202E小梅", null },                              // right-to-left override
        { "陈\u200B小梅", null },                              // zero-width space
        { "陈\0小梅", null },                                  // NUL
        { new string('梅', 10_000), null },
        { "<script>alert(1)</script>", "<script>alert(1)</script>" },
        { "小梅🌸", "小梅🌸" },
        { "Rene\u0301 Chen", "René Chen" },
    };

    /// <summary>
    /// Refused with a message in Chinese: a field message on the form, or for a NUL (which ASP.NET Core's form
    /// handling refuses before any page code runs) the 400 error page.
    /// </summary>
    private static async Task<string[]> RefusalAsync(HttpResponseMessage response, string fieldSelector)
    {
        var page = await response.ReadPageAsync();
        if (response.StatusCode == HttpStatusCode.BadRequest) return [page.QuerySelector("main h1")!.TextContent];
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return page.Texts(fieldSelector).ToArray();
    }

    private async Task<T> UserAsync<T>(string userId, Func<AppUser, T> pick)
    {
        await using var scope = shop.Scope(out var db);
        return pick(await db.Users.SingleAsync(u => u.Id == userId));
    }

    // Not enumerated at discovery: xUnit's serialiser cannot carry a NUL or 10,000 characters well in a test name.
    [Theory, MemberData(nameof(Corpus), DisableDiscoveryEnumeration = true)]
    public async Task The_shipping_address_stores_text_normalised_or_refuses_it_with_a_message(string typed, string? stored)
    {
        var shopper = await Shopper.Anonymous(shop).SignUpAndSignInAsync();
        await shopper.AddToCartAsync("hezhang-eggs", 1);
        var values = new Dictionary<string, string>(Shopper.Address) { ["Address.Recipient"] = typed, ["Address.Street"] = "光明北路 88 号" + typed };
        var response = await shopper.SubmitAsync("/checkout", "form.checkout", values);
        if (stored is null)
        {
            Assert.Contains(Assert.Single(await RefusalAsync(response, "#Address_Recipient_error")), new[] { "请填写收货人（最多 32 个字）。", "出错了" });
            await using var scope = shop.Scope(out var db);
            Assert.False(await db.Orders.AnyAsync(o => o.CustomerId == shopper.UserId));
        }
        else
        {
            Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
            await using var scope = shop.Scope(out var db);
            var address = (await db.Orders.SingleAsync(o => o.CustomerId == shopper.UserId)).ShippingAddress!;
            Assert.Equal((stored, "光明北路 88 号" + stored), (address.Recipient, address.Street));
        }
    }

    [Theory, MemberData(nameof(Corpus), DisableDiscoveryEnumeration = true)]
    public async Task The_display_name_stores_text_normalised_or_refuses_it_with_a_message(string typed, string? stored)
    {
        var shopper = await Shopper.Anonymous(shop).SignUpAndSignInAsync();
        var response = await shopper.SubmitAsync("/account/profile", "main form", new() { ["DisplayName"] = typed, ["Language"] = "zh-CN" });
        if (stored is null)
        {
            var error = Assert.Single(await RefusalAsync(response, "[data-valmsg-for=DisplayName]"));
            Assert.Contains(error, new[] { "昵称含有无法使用的字符（如控制字符或不可见字符）。", "昵称最多 32 个字。", "出错了" });
            Assert.Null(await UserAsync(shopper.UserId!, u => u.DisplayName));
        }
        else
        {
            Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
            Assert.Equal(stored, await UserAsync(shopper.UserId!, u => u.DisplayName));
        }
    }

    [Theory]
    [InlineData("１３８１２３４５６７８", "13812345678")]
    [InlineData("１３８－１２３４－５６７８", "13812345678")]
    [InlineData("138\u200B12345678", null)]
    [InlineData("138\012345678", null)]
    public async Task Mobile_numbers_read_full_width_digits_and_refuse_hidden_characters(string typed, string? stored)
    {
        var shopper = await Shopper.Anonymous(shop).SignUpAndSignInAsync();
        var response = await shopper.SubmitAsync("/account/profile", "main form", new() { ["Phone"] = typed, ["Language"] = "zh-CN" });
        if (stored is null)
            Assert.Contains(Assert.Single(await RefusalAsync(response, "[data-valmsg-for=Phone]")), new[] { "手机号含有无法使用的字符（如控制字符或不可见字符）。", "请填写 11 位手机号，如 13812345678。", "出错了" });
        else Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal(stored, await UserAsync(shopper.UserId!, u => u.PhoneNumber));

        await shopper.AddToCartAsync("hezhang-eggs", 1);
        var checkout = await shopper.SubmitAsync("/checkout", "form.checkout", new(Shopper.Address) { ["Address.Mobile"] = typed });
        Assert.Contains(checkout.StatusCode, stored is null ? new[] { HttpStatusCode.OK, HttpStatusCode.BadRequest } : [HttpStatusCode.Redirect]);
        if (stored is not null)
        {
            await using var scope = shop.Scope(out var db);
            Assert.Equal(stored, (await db.Orders.SingleAsync(o => o.CustomerId == shopper.UserId)).ShippingAddress!.Mobile);
        }
    }

    [Theory]
    [InlineData("chen\0@example.test")]
    [InlineData("chen\u202E@example.test")]
    [InlineData("chen\u200B@example.test")]
    public async Task Account_forms_refuse_hidden_characters_in_the_email_with_a_message(string email)
    {
        foreach (var (url, values) in new[]
        {
            ("/account/register", new Dictionary<string, string> { ["Email"] = email, ["Password"] = "Weining-potato-88", ["ConfirmPassword"] = "Weining-potato-88" }),
            ("/account/login", new Dictionary<string, string> { ["Email"] = email, ["Password"] = "Weining-potato-88" }),
            ("/account/forgot", new Dictionary<string, string> { ["Email"] = email }),
            ("/account/resend", new Dictionary<string, string> { ["Email"] = email }),
        })
        {
            var response = await Shopper.Anonymous(shop).SubmitAsync(url, "form", values);
            var errors = await RefusalAsync(response, "[data-valmsg-for=Email]");
            Assert.True(errors.Any(e => e is "邮箱含有无法使用的字符（如控制字符或不可见字符）。" or "请填写有效的邮箱地址。" or "出错了"), $"{url}: {string.Join(" | ", errors)}");
        }
        await using var scope = shop.Scope(out var db);
        Assert.False(await db.Users.AnyAsync(u => u.Email!.StartsWith("chen")));
    }
}

public sealed class HostileTextOnSqlite(SqliteShop shop) : HostileTextTests<SqliteShop>(shop);
public sealed class HostileTextOnPostgres(PostgresShop shop) : HostileTextTests<PostgresShop>(shop);
