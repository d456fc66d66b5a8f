using System.Net;

namespace ReliefMarket.Web.Tests.Pages.Checkout;

/// <summary>Who may buy, and how much one account may hold unpaid (hoarding made a product sold out for everyone).</summary>
public abstract class CheckoutLimitsTests<TShop>(TShop shop) : IClassFixture<TShop> where TShop : ShopFactory
{
    private async Task<int> OrdersOf(string userId)
    {
        await using var scope = shop.Scope(out var db);
        return await db.Orders.CountAsync(o => o.CustomerId == userId);
    }

    private static async Task<string?> RefusalAsync(Shopper shopper)
    {
        var response = await shopper.SubmitAsync("/checkout", "form.checkout", Shopper.Address);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return (await response.ReadPageAsync()).QuerySelector(".error")?.TextContent;
    }

    [Theory]
    [InlineData(Roles.Auditor)]
    [InlineData(Roles.CooperativeMember)]
    [InlineData(Roles.Admin)]
    public async Task A_work_account_is_told_to_buy_with_a_consumer_account(string role)
    {
        var worker = await Shopper.Anonymous(shop).SignUpAndSignInAsync(role: role);
        await worker.AddToCartAsync("hezhang-eggs", 1);

        var page = await worker.PageAsync("/checkout", HttpStatusCode.Forbidden);
        Assert.Equal("这是工作账户（审核员、合作社成员或管理员），不能下单。请用消费者账户登录后购买。", page.QuerySelector(".consumers-only")!.TextContent);
        Assert.Null(page.QuerySelector("form.checkout"));

        // Posting the checkout form anyway (with a valid antiforgery token from another form) places nothing.
        var (_, content) = await worker.FillAsync("/account/password", "main form", Shopper.Address.ToDictionary(a => a.Key, a => a.Value));
        Assert.Equal(HttpStatusCode.Forbidden, (await worker.Client.PostAsync("/checkout", content)).StatusCode);
        Assert.Equal(0, await OrdersOf(worker.UserId!));
    }

    [Fact]
    public async Task An_account_may_hold_at_most_three_unpaid_orders()
    {
        var shopper = await Shopper.Anonymous(shop).SignUpAndSignInAsync();
        var placed = new List<Guid>();
        for (var i = 0; i < 3; i++)
        {
            await shopper.AddToCartAsync("hezhang-walnuts", 1);
            placed.Add(await shopper.CheckoutAsync());
        }
        await shopper.AddToCartAsync("hezhang-walnuts", 1);
        Assert.Equal("您已有 3 个未付款的订单。请先付款或取消其中一个，再下新订单。", await RefusalAsync(shopper));
        Assert.Equal(3, await OrdersOf(shopper.UserId!));

        // Paying for one frees a place.
        await shopper.SubmitAsync($"/payments/sandbox/{placed[0]}", "form[action*=handler\\=Pay]", []);
        await shopper.CheckoutAsync();
    }

    [Fact]
    public async Task An_account_may_hold_at_most_ten_units_of_a_product_across_unpaid_orders_and_its_cart()
    {
        var shopper = await Shopper.Anonymous(shop, "en").SignUpAndSignInAsync();
        await shopper.AddToCartAsync("hezhang-eggs", 8);
        await shopper.CheckoutAsync();
        await shopper.AddToCartAsync("hezhang-eggs", 3);
        Assert.Equal("You can hold at most 10 of “Hezhang eggs” unpaid at a time (including your unpaid orders). Please reduce the quantity or pay for your open orders first.",
            await RefusalAsync(shopper));

        await shopper.SubmitAsync("/cart", ".cart-line form.qty-form", new() { ["quantity"] = "2" });
        await shopper.CheckoutAsync();
        Assert.Equal(2, await OrdersOf(shopper.UserId!));
    }

    [Fact]
    public async Task The_order_and_payment_pages_say_how_long_the_hold_lasts()
    {
        var shopper = await Shopper.Anonymous(shop).SignUpAndSignInAsync();
        await shopper.AddToCartAsync("hezhang-eggs", 1);
        var id = await shopper.CheckoutAsync();
        var until = ChinaTime.FromUtc(shop.Clock.GetUtcNow().UtcDateTime + Order.PaymentHold).ToString("HH:mm");
        var expected = $"请在 30 分钟内付款（{until} 前），逾期订单自动取消、库存放回。";
        Assert.Equal(expected, (await shopper.PageAsync($"/orders/{id}")).QuerySelector(".hold")!.TextContent);
        Assert.Equal(expected, (await shopper.PageAsync($"/payments/sandbox/{id}")).QuerySelector(".hold")!.TextContent);
    }
}

public sealed class CheckoutLimitsOnSqlite(SqliteShop shop) : CheckoutLimitsTests<SqliteShop>(shop);
public sealed class CheckoutLimitsOnPostgres(PostgresShop shop) : CheckoutLimitsTests<PostgresShop>(shop);
