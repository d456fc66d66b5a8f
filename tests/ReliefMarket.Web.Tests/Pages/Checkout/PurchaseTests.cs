using System.Net;
using ReliefMarket.Web.Jobs;

namespace ReliefMarket.Web.Tests.Pages.Checkout;

public abstract class PurchaseTests<TShop>(TShop shop) : IClassFixture<TShop> where TShop : ShopFactory
{
    private async Task<int> StockOf(string slug)
    {
        await using var scope = shop.Scope(out var db);
        return await db.Products.Where(p => p.Slug == slug).Select(p => p.Stock).SingleAsync();
    }

    private async Task<Order> OrderAsync(Guid id)
    {
        await using var scope = shop.Scope(out var db);
        return await db.Orders.Include(o => o.Lines).SingleAsync(o => o.Id == id);
    }

    private async Task<int> OrderCount()
    {
        await using var scope = shop.Scope(out var db);
        return await db.Orders.CountAsync();
    }

    [Fact]
    public async Task A_signed_out_cart_survives_sign_in_and_becomes_a_paid_order_attributed_to_its_villages()
    {
        var before = await StockOf("hezhang-jujube-walnuts");
        var shopper = Shopper.Anonymous(shop);
        var added = await shopper.AddToCartAsync("hezhang-jujube-walnuts", 2);
        Assert.Equal("/cart?added=hezhang-jujube-walnuts", added.Headers.Location!.OriginalString);
        var cart = await shopper.PageAsync("/cart?added=hezhang-jujube-walnuts");
        Assert.Equal("已加入购物车。", cart.QuerySelector(".notice")!.TextContent);
        Assert.Equal("¥90.00", cart.QuerySelector(".line-total")!.TextContent);

        // Checkout asks for sign-in; the cart is still there afterwards.
        var toLogin = await shopper.Client.GetAsync("/checkout");
        Assert.Equal("/account/login?ReturnUrl=%2Fcheckout", toLogin.Headers.Location!.PathAndQuery);
        await shopper.SignUpAndSignInAsync();
        var checkout = await shopper.PageAsync("/checkout");
        Assert.Equal(["¥90.00", "¥10.00", "¥100.00"], checkout.Texts(".totals dd"));

        var orderId = await shopper.CheckoutAsync();
        var order = await OrderAsync(orderId);
        Assert.Equal(OrderStatus.PendingPayment, order.Status);
        Assert.Equal(("陈小梅", "13812345678"), (order.ShippingAddress!.Recipient, order.ShippingAddress.Mobile));
        Assert.Equal(before - 2, await StockOf("hezhang-jujube-walnuts"));
        Assert.Empty((await shopper.PageAsync("/cart")).QuerySelectorAll(".cart-line"));

        var sandbox = await shopper.PageAsync($"/payments/sandbox/{orderId}");
        Assert.Equal("测试环境 · 不会真实扣款", sandbox.QuerySelector(".sandbox-banner")!.TextContent);
        var paid = await shopper.SubmitAsync($"/payments/sandbox/{orderId}", "form[action*=handler\\=Pay]", []);
        Assert.Equal(HttpStatusCode.Redirect, paid.StatusCode);

        order = await OrderAsync(orderId);
        Assert.Equal(OrderStatus.Paid, order.Status);
        await using (var scope = shop.Scope(out var db))
        {
            var entries = await db.AttributionEntries.Where(e => e.OrderId == orderId).ToListAsync();
            Assert.Equal(9000, entries.Sum(e => e.AmountFen));       // shipping is not village revenue
            Assert.Equal(2, entries.Select(e => e.VillageId).Distinct().Count());
            Assert.All(entries, e => Assert.True(e.CertifiedAtSale));
        }
        var details = await shopper.PageAsync($"/orders/{orderId}");
        Assert.Equal("已付款", details.QuerySelector(".status")!.TextContent);
        Assert.Equal("这笔订单的货款记到 1 个县的 2 个村：", details.QuerySelector("#villages + p")!.TextContent);
        Assert.Equal(["¥45.00", "¥45.00"], details.Texts(".shares .share-figures"));
        var history = await shopper.PageAsync("/orders");
        Assert.Contains("已付款", history.Texts(".order-list .status"));

        // The same payment reported again (same event, or a new event with the same payment) changes nothing.
        await using (var scope = shop.Scope(out var db))
        {
            var events = scope.ServiceProvider.GetRequiredService<ReliefMarket.Web.Payments.PaymentEvents>();
            Assert.Equal(ReliefMarket.Web.Payments.PaymentEvents.Result.AlreadyApplied,
                await events.ApplyOnceAsync($"sandbox:{orderId:N}:paid", "sandbox.paid", t => events.PaidAsync(orderId, "x", t), default));
            await events.ApplyOnceAsync("evt_again", "checkout.session.completed", t => events.PaidAsync(orderId, $"sandbox_pay_{orderId:N}", t), default);
            Assert.Equal(2, await db.AttributionEntries.CountAsync(e => e.OrderId == orderId));
        }
    }

    [Fact]
    public async Task The_whole_purchase_works_in_English()
    {
        var shopper = await Shopper.Anonymous(shop, "en").SignUpAndSignInAsync();
        await shopper.AddToCartAsync("hezhang-eggs", 3);
        var checkout = await shopper.PageAsync("/checkout");
        Assert.Equal("Checkout", checkout.QuerySelector("h1")!.TextContent);
        Assert.Equal("Place order and pay ¥119.70", checkout.QuerySelector(".sticky-action button")!.TextContent);
        Assert.Equal(["¥119.70", "Free", "¥119.70"], checkout.Texts(".totals dd"));
        var orderId = await shopper.CheckoutAsync();
        await shopper.SubmitAsync($"/payments/sandbox/{orderId}", "form[action*=handler\\=Pay]", []);
        var details = await shopper.PageAsync($"/orders/{orderId}");
        Assert.Equal("Paid", details.QuerySelector(".status")!.TextContent);
        Assert.Equal("This order's revenue goes to these villages (villages: 1, counties: 1):", details.QuerySelector("#villages + p")!.TextContent);
    }

    [Fact]
    public async Task A_declined_or_cancelled_payment_cancels_the_order_and_gives_the_stock_back()
    {
        var shopper = await Shopper.Anonymous(shop).SignUpAndSignInAsync();
        var before = await StockOf("wuhua-niudali");

        await shopper.AddToCartAsync("wuhua-niudali", 4);
        var declined = await shopper.CheckoutAsync();
        Assert.Equal(before - 4, await StockOf("wuhua-niudali"));
        await shopper.SubmitAsync($"/payments/sandbox/{declined}", "form[action*=handler\\=Decline]", []);
        Assert.Equal((OrderStatus.Cancelled, "payment_failed"), ((await OrderAsync(declined)).Status, (await OrderAsync(declined)).CancellationReason));
        Assert.Equal(before, await StockOf("wuhua-niudali"));

        await shopper.AddToCartAsync("wuhua-niudali", 1);
        var cancelled = await shopper.CheckoutAsync();
        await shopper.SubmitAsync($"/orders/{cancelled}", "form[action*=handler\\=Cancel]", []);
        Assert.Equal(OrderStatus.Cancelled, (await OrderAsync(cancelled)).Status);
        Assert.Equal(before, await StockOf("wuhua-niudali"));
        var page = await shopper.PageAsync($"/orders/{cancelled}");
        Assert.Equal("您已取消这笔订单。", page.QuerySelector("p.muted:not(.order-no)")!.TextContent);
    }

    [Fact]
    public async Task Unpaid_orders_expire_after_thirty_minutes_once_and_release_their_stock()
    {
        var shopper = await Shopper.Anonymous(shop).SignUpAndSignInAsync();
        var before = await StockOf("yigong-tea");
        await shopper.AddToCartAsync("yigong-tea", 2);
        var orderId = await shopper.CheckoutAsync();

        async Task<int> RunJob()
        {
            await using var scope = shop.Scope(out _);
            return await scope.ServiceProvider.GetRequiredService<ExpireUnpaidOrdersJob>().RunAsync(CancellationToken.None);
        }

        shop.Clock.Advance(TimeSpan.FromMinutes(29));
        await RunJob();
        Assert.Equal(OrderStatus.PendingPayment, (await OrderAsync(orderId)).Status);

        shop.Clock.Advance(TimeSpan.FromMinutes(4));
        Assert.True(await RunJob() >= 1);
        Assert.Equal(0, await RunJob());
        var order = await OrderAsync(orderId);
        Assert.Equal((OrderStatus.Cancelled, "expired"), (order.Status, order.CancellationReason));
        Assert.Equal(before, await StockOf("yigong-tea"));
        var page = await shopper.PageAsync($"/orders/{orderId}");
        Assert.Empty(page.QuerySelectorAll("form[action*=handler\\=Pay]"));
    }

    [Fact]
    public async Task Another_person_s_order_is_not_found()
    {
        var owner = await Shopper.Anonymous(shop).SignUpAndSignInAsync();
        await owner.AddToCartAsync("hezhang-walnuts");
        var orderId = await owner.CheckoutAsync();

        var stranger = await Shopper.Anonymous(shop).SignUpAndSignInAsync();
        await stranger.PageAsync($"/orders/{orderId}", HttpStatusCode.NotFound);
        await stranger.PageAsync($"/payments/sandbox/{orderId}", HttpStatusCode.NotFound);
        Assert.Empty((await stranger.PageAsync("/orders")).QuerySelectorAll(".order-list li"));
        var anonymous = await Shopper.Anonymous(shop).Client.GetAsync($"/orders/{orderId}");
        Assert.Equal(HttpStatusCode.Redirect, anonymous.StatusCode);
    }

    [Fact]
    public async Task A_wrong_address_gets_clear_messages_and_writes_nothing()
    {
        var shopper = await Shopper.Anonymous(shop).SignUpAndSignInAsync();
        await shopper.AddToCartAsync("shufu-raisins", 1);
        var orders = await OrderCount();
        var stock = await StockOf("shufu-raisins");

        var response = await shopper.SubmitAsync("/checkout", "form.checkout", new(Shopper.Address) { ["Address.Mobile"] = "1234", ["Address.Recipient"] = " " });
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var page = await response.ReadPageAsync();
        Assert.Equal(["请填写收货人（最多 32 个字）。", "请填写 11 位手机号，如 13812345678。"], page.Texts(".field-error"));
        Assert.Equal("true", page.QuerySelector("#Address_Mobile")!.GetAttribute("aria-invalid"));
        Assert.Equal("市桥街道光明北路 88 号", page.QuerySelector("#Address_Street")!.GetAttribute("value"));
        Assert.Equal(orders, await OrderCount());
        Assert.Equal(stock, await StockOf("shufu-raisins"));
    }

    [Fact]
    public async Task Tampered_or_outdated_quotes_and_missing_tokens_place_no_order()
    {
        var shopper = await Shopper.Anonymous(shop).SignUpAndSignInAsync();
        await shopper.AddToCartAsync("kuifu-lotus-seeds", 2);
        var orders = await OrderCount();

        var tampered = await shopper.SubmitAsync("/checkout", "form.checkout", new(Shopper.Address) { ["Quote"] = "0000", ["price"] = "1" });
        var page = await tampered.ReadPageAsync();
        Assert.Equal("购物车里的价格或数量有变动，请确认新的金额后再提交。", page.QuerySelector(".error")!.TextContent);

        var noToken = await shopper.Client.PostAsync("/checkout", new FormUrlEncodedContent(Shopper.Address));
        Assert.Equal(HttpStatusCode.BadRequest, noToken.StatusCode);

        // The price changes between cart and checkout: the shopper is told before paying.
        var checkout = await shopper.PageAsync("/checkout");
        var oldQuote = checkout.QuerySelector("input[name=Quote]")!.GetAttribute("value")!;
        await using (var scope = shop.Scope(out var db))
        {
            (await db.Products.SingleAsync(p => p.Slug == "kuifu-lotus-seeds")).ChangePrice(new Money(3900));
            await db.SaveChangesAsync();
        }
        var cart = await shopper.PageAsync("/cart");
        Assert.Equal("价格已变动：加入时 ¥36.00，现在 ¥39.00", cart.QuerySelector(".cart-line .notice")!.TextContent);
        var stale = await shopper.SubmitAsync("/checkout", "form.checkout", new(Shopper.Address) { ["Quote"] = oldQuote });
        var again = await stale.ReadPageAsync();
        Assert.Contains("¥78.00", again.Texts(".totals dd"));
        Assert.Equal(orders, await OrderCount());

        // Confirming the new quote places the order at the new price.
        var orderId = await shopper.CheckoutAsync();
        Assert.Equal(new Money(7800), (await OrderAsync(orderId)).Subtotal);
    }

    [Theory]
    [InlineData("0")]
    [InlineData("-3")]
    [InlineData("100")]
    [InlineData("99999999999")]
    [InlineData("abc")]
    public async Task Absurd_quantities_are_refused_with_a_message(string quantity)
    {
        var shopper = Shopper.Anonymous(shop);
        var response = await shopper.Client.PostAsync("/cart/add", new FormUrlEncodedContent(new Dictionary<string, string> { ["slug"] = "hezhang-eggs", ["quantity"] = quantity }));
        Assert.Equal("/cart?error=quantity", response.Headers.Location!.OriginalString);
        var cart = await shopper.PageAsync("/cart?error=quantity");
        Assert.Equal("数量须在 1 到 99 之间。", cart.QuerySelector(".notice")!.TextContent);
        Assert.Empty(cart.QuerySelectorAll(".cart-line"));
    }

    [Fact]
    public async Task Unknown_products_sold_out_products_and_cross_site_posts_are_refused()
    {
        var shopper = Shopper.Anonymous(shop);
        Assert.Equal(HttpStatusCode.NotFound, (await shopper.AddToCartAsync("no-such-product")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await shopper.AddToCartAsync("<script>")).StatusCode);
        Assert.Equal("/cart?error=soldout", (await shopper.AddToCartAsync("tiejiang-moss-phlox")).Headers.Location!.OriginalString);

        var crossSite = new HttpRequestMessage(HttpMethod.Post, "/cart/add")
        {
            Content = new FormUrlEncodedContent(new Dictionary<string, string> { ["slug"] = "hezhang-eggs", ["quantity"] = "1" }),
        };
        crossSite.Headers.Add("Origin", "https://evil.example");
        crossSite.Headers.Host = "evil.example"; // a Host that matches the Origin proves nothing: the origin must be the shop's own
        Assert.Equal(HttpStatusCode.Forbidden, (await shopper.Client.SendAsync(crossSite)).StatusCode);
        var fromTheShop = new HttpRequestMessage(HttpMethod.Post, "/cart/add")
        {
            Content = new FormUrlEncodedContent(new Dictionary<string, string> { ["slug"] = "hezhang-eggs", ["quantity"] = "1" }),
        };
        fromTheShop.Headers.Add("Origin", ShopFactory.PublicBaseUrl);
        Assert.Equal(HttpStatusCode.Redirect, (await Shopper.Anonymous(shop).Client.SendAsync(fromTheShop)).StatusCode);
        Assert.Empty((await shopper.PageAsync("/cart")).QuerySelectorAll(".cart-line"));

        // Quantities never go above the stock.
        await shopper.AddToCartAsync("yigong-tea", 99);
        var qty = (await shopper.PageAsync("/cart")).QuerySelector(".cart-line input[name=quantity]")!.GetAttribute("value");
        Assert.Equal((await StockOf("yigong-tea")).ToString(), qty);
    }
}

public sealed class PurchaseOnSqlite(SqliteShop shop) : PurchaseTests<SqliteShop>(shop);
public sealed class PurchaseOnPostgres(PostgresShop shop) : PurchaseTests<PostgresShop>(shop);
