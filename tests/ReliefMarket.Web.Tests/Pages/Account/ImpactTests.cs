using System.Net;
using ReliefMarket.Web.Payments;

namespace ReliefMarket.Web.Tests.Pages.Account;

public abstract class ImpactTests<TShop>(TShop shop) : IClassFixture<TShop> where TShop : ShopFactory
{
    private async Task<Guid> BuyAndPayAsync(Shopper shopper, string slug, int quantity)
    {
        await shopper.AddToCartAsync(slug, quantity);
        var orderId = await shopper.CheckoutAsync();
        Assert.Equal(HttpStatusCode.Redirect, (await shopper.SubmitAsync($"/payments/sandbox/{orderId}", "form[action*=handler\\=Pay]", [])).StatusCode);
        return orderId;
    }

    [Fact]
    public async Task A_shopper_sees_what_their_paid_orders_sent_to_each_village_less_refunds()
    {
        var shopper = await Shopper.Anonymous(shop).SignUpAndSignInAsync();
        var first = await BuyAndPayAsync(shopper, "weining-potatoes", 2);   // 2 × ¥39.90, 60/40 over two villages
        await BuyAndPayAsync(shopper, "hezhang-eggs", 1);
        await shopper.AddToCartAsync("hezhang-eggs", 1);
        await shopper.CheckoutAsync();                                       // unpaid: not counted

        // ¥10.00 of the first order comes back.
        string reference;
        long expected, firstNet;
        await using (var scope = shop.Scope(out var db))
        {
            reference = (await db.Orders.SingleAsync(o => o.Id == first)).PaymentReference!;
            var events = scope.ServiceProvider.GetRequiredService<PaymentEvents>();
            await events.ApplyOnceAsync($"refund-{first:N}", "test.refund", t => events.RefundedAsync(reference, new Money(1000), t), default);
            var mine = db.Orders.Where(o => o.CustomerId == shopper.UserId).Select(o => o.Id);
            expected = await db.AttributionEntries.Where(e => mine.Contains(e.OrderId)).SumAsync(e => e.AmountFen);
            firstNet = await db.AttributionEntries.Where(e => e.OrderId == first).SumAsync(e => e.AmountFen);
        }
        // The refund is spread over the order's lines and shipping like the payment was; only the lines' part leaves the villages.
        Assert.InRange(expected, 7980 + 3990 - 1000, 7980 + 3990 - 1);

        var page = await shopper.PageAsync("/account/impact");
        var villages = page.QuerySelectorAll(".shares li").ToList();
        Assert.Equal(new Money(expected).ToString(), Money.Sum(villages.Select(v => Money.Parse(v.QuerySelector(".share-figures")!.TextContent))).ToString());
        Assert.Contains($"带去 {new Money(expected)}", page.QuerySelector(".impact-headline")!.TextContent);
        Assert.Contains(page.QuerySelectorAll(".shares a"), a => a.GetAttribute("href") == "/origins/weining/pingshan");

        // The order page says the same for that order, refund deducted, and lists the villages with their net amounts.
        var order = await shopper.PageAsync($"/orders/{first}");
        Assert.Contains($"2 个村带去 {new Money(firstNet)}", order.QuerySelector(".order-supports")!.TextContent);
        Assert.Equal(new Money(firstNet), Money.Sum(order.QuerySelectorAll(".shares .share-figures").Select(f => Money.Parse(f.TextContent))));

        var stranger = await Shopper.Anonymous(shop, "en").SignUpAndSignInAsync();
        var empty = await stranger.PageAsync("/account/impact");
        Assert.Empty(empty.QuerySelectorAll(".shares li"));
        Assert.Contains("no paid orders", empty.QuerySelector(".empty")!.TextContent);

        var anonymous = await shop.Client().GetAsync("/account/impact");
        Assert.StartsWith("/account/login", anonymous.Headers.Location!.PathAndQuery);
    }
}

public sealed class ImpactOnSqlite(SqliteShop shop) : ImpactTests<SqliteShop>(shop);
public sealed class ImpactOnPostgres(PostgresShop shop) : ImpactTests<PostgresShop>(shop);
