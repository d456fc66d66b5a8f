using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;
using ReliefMarket.Web.Data;

namespace ReliefMarket.Browser.Tests;

public class PurchaseFlowTests(BrowserShop shop) : BrowserTests(shop)
{
    private async Task<string> NewConsumerAsync()
    {
        var email = $"phone-{Guid.NewGuid():N}@example.test";
        await using var scope = Shop.Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>();
        var user = new AppUser { UserName = email, Email = email, EmailConfirmed = true };
        Assert.True((await users.CreateAsync(user, "Relief-test-2026")).Succeeded);
        await users.AddToRoleAsync(user, Roles.Consumer);          // checkout is for consumer accounts, as registration makes them
        return email;
    }

    [Theory]
    [InlineData("zh-CN")]
    [InlineData("en-US")]
    public async Task On_a_phone_a_shopper_adds_eggs_signs_in_at_checkout_and_pays_in_the_sandbox(string locale)
    {
        var zh = locale == "zh-CN";
        var email = await NewConsumerAsync();
        var page = await Shop.NewPageAsync(BrowserShop.Phone, locale);
        string T(string chinese, string english) => zh ? chinese : english;

        await page.GotoAsync("/products/hezhang-eggs");
        await page.GetByLabel(T("数量", "Quantity")).FillAsync("2");
        await page.GetByRole(AriaRole.Button, new() { Name = T("加入购物车", "Add to cart") }).ClickAsync();
        await Assertions.Expect(page.Locator(".notice")).ToHaveTextAsync(T("已加入购物车。", "Added to your cart."));
        await BrowserShop.ScreenshotAsync(page, $"phone-8-cart-{locale}");

        await page.GetByRole(AriaRole.Link, new() { Name = T("去结算", "Checkout") }).ClickAsync();
        await Assertions.Expect(page).ToHaveURLAsync(new Regex("/account/login"));
        await page.GetByLabel(T("邮箱", "Email")).FillAsync(email);
        await page.GetByLabel(T("密码", "Password")).FillAsync("Relief-test-2026");
        await page.GetByRole(AriaRole.Button, new() { Name = T("登录", "Sign in") }).ClickAsync();

        await Assertions.Expect(page).ToHaveURLAsync(new Regex("/checkout$"));
        await page.GetByLabel(T("收货人", "Recipient")).FillAsync("陈小梅");
        await page.GetByLabel(T("手机号", "Mobile")).FillAsync("138 1234 5678");
        await page.GetByLabel(T("省", "Province"), new() { Exact = true }).FillAsync("广东省");
        await page.GetByLabel(T("市", "City"), new() { Exact = true }).FillAsync("广州市");
        await page.GetByLabel(T("区/县", "District")).FillAsync("番禺区");
        await page.GetByLabel(T("详细地址", "Street address")).FillAsync("市桥街道光明北路 88 号");
        await BrowserShop.ScreenshotAsync(page, $"phone-9-checkout-{locale}");
        await page.GetByRole(AriaRole.Button, new() { Name = T("提交订单并支付 ¥89.80", "Place order and pay ¥89.80") }).ClickAsync();

        await Assertions.Expect(page).ToHaveURLAsync(new Regex("/payments/sandbox/"));
        await Assertions.Expect(page.Locator(".sandbox-banner")).ToBeVisibleAsync();
        await BrowserShop.ScreenshotAsync(page, $"phone-10-sandbox-{locale}");
        await page.GetByRole(AriaRole.Button, new() { Name = T("模拟支付成功", "Pay (test)") }).ClickAsync();

        await Assertions.Expect(page.Locator(".status").First).ToHaveTextAsync(T("已付款", "Paid"));
        await Assertions.Expect(page.Locator("#villages + p")).ToContainTextAsync(zh ? "1 个县的 1 个村" : "(villages: 1, counties: 1)");
        await BrowserShop.ScreenshotAsync(page, $"phone-11-paid-{locale}");
    }
}
