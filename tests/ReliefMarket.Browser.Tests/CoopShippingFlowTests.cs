using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using ReliefMarket.Web.Data;

namespace ReliefMarket.Browser.Tests;

public class CoopShippingFlowTests(BrowserShop shop) : BrowserTests(shop)
{
    private Task<string> NewUserAsync(int? producerId = null) =>
        Shop.AccountAsync(producerId is null ? Roles.Consumer : Roles.CooperativeMember, producerId);

    [Fact]
    public async Task On_a_phone_a_member_ships_an_order_and_the_buyer_sees_the_tracking_number()
    {
        int producerId;
        await using (var scope = Shop.Services.CreateAsyncScope())
            producerId = await scope.ServiceProvider.GetRequiredService<AppDbContext>().Products
                .Where(p => p.Slug == "hezhang-eggs").Select(p => p.ProducerId).SingleAsync();
        var buyerEmail = await NewUserAsync();
        var memberEmail = await NewUserAsync(producerId);

        // The buyer orders eggs and pays in the sandbox.
        var buyer = await Shop.NewPageAsync(BrowserShop.Phone);
        await BrowserShop.SignInAsync(buyer, buyerEmail);
        await buyer.GotoAsync("/products/hezhang-eggs");
        await buyer.GetByRole(AriaRole.Button, new() { Name = "加入购物车" }).ClickAsync();
        await buyer.GotoAsync("/checkout");
        await buyer.GetByLabel("收货人").FillAsync("陈小梅");
        await buyer.GetByLabel("手机号").FillAsync("138 1234 5678");
        await buyer.GetByLabel("省", new() { Exact = true }).FillAsync("广东省");
        await buyer.GetByLabel("市", new() { Exact = true }).FillAsync("广州市");
        await buyer.GetByLabel("区/县").FillAsync("番禺区");
        await buyer.GetByLabel("详细地址").FillAsync("市桥街道光明北路 88 号");
        await buyer.Locator("form.checkout button[type=submit]").ClickAsync();
        await buyer.GetByRole(AriaRole.Button, new() { Name = "模拟支付成功" }).ClickAsync();
        await Assertions.Expect(buyer.Locator(".status").First).ToHaveTextAsync("已付款");
        var orderUrl = new Uri(buyer.Url).AbsolutePath;

        // The member finds it from the header link, opens the packing slip and ships it.
        var member = await Shop.NewPageAsync(BrowserShop.Phone);
        await BrowserShop.SignInAsync(member, memberEmail);
        await member.GotoAsync("/");
        await member.Locator("header a[href='/coop']").ClickAsync();
        await Assertions.Expect(member.Locator(".period-card[data-days='1'] .orders")).ToHaveTextAsync("1");
        await BrowserShop.ScreenshotAsync(member, "phone-coop-1-dashboard");
        await member.GetByRole(AriaRole.Link, new() { Name = "待发货订单" }).ClickAsync();
        await Assertions.Expect(member.Locator(".shipment-card")).ToHaveCountAsync(1);
        await BrowserShop.ScreenshotAsync(member, "phone-coop-2-orders");
        await member.Locator(".shipment-card .shipment-head a").ClickAsync();
        await Assertions.Expect(member.Locator(".slip-address .recipient")).ToHaveTextAsync("陈小梅");
        await member.GetByLabel("快递公司").SelectOptionAsync(new SelectOptionValue { Label = "顺丰速运" });
        await member.GetByLabel("快递单号").FillAsync("SF1234567890");
        await member.GetByRole(AriaRole.Button, new() { Name = "确认发货" }).ClickAsync();
        await Assertions.Expect(member.Locator(".notice")).ToHaveTextAsync("已发货，买家会收到邮件通知。");
        await Assertions.Expect(member.Locator(".packing-slip .tracking-number")).ToHaveTextAsync("SF1234567890");
        await BrowserShop.ScreenshotAsync(member, "phone-coop-3-shipped");
        await member.EmulateMediaAsync(new() { Media = Media.Print });
        await Assertions.Expect(member.Locator(".site-header")).ToBeHiddenAsync();
        await Assertions.Expect(member.Locator(".deliver-form")).ToBeHiddenAsync();
        await BrowserShop.ScreenshotAsync(member, "phone-coop-4-packing-slip-print");

        // The buyer sees the parcel on its way, and the email says so.
        await buyer.GotoAsync(orderUrl);
        await Assertions.Expect(buyer.Locator(".order-shipment .tracking")).ToHaveTextAsync("顺丰速运 · SF1234567890");
        await Assertions.Expect(buyer.Locator(".status").First).ToHaveTextAsync("已发货");
        await BrowserShop.ScreenshotAsync(buyer, "phone-coop-5-buyer-order");
        var mail = await Shop.LatestMailToAsync(buyerEmail);
        Assert.Contains("已发货", mail.Subject);
        Assert.Contains("SF1234567890", mail.TextBody);
    }
}
