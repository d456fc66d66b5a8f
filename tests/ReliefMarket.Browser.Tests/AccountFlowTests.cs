using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;
using ReliefMarket.Web.Data;

namespace ReliefMarket.Browser.Tests;

public class AccountFlowTests(BrowserShop shop) : BrowserTests(shop)
{
    [Fact]
    public async Task Register_confirm_from_the_email_sign_in_and_reset_the_password_on_a_phone()
    {
        var email = $"newcomer-{Guid.NewGuid():N}@example.test";
        var page = await Shop.NewPageAsync(BrowserShop.Phone);

        await page.GotoAsync("/account/register");
        await page.GetByLabel("邮箱").FillAsync(email);
        await page.GetByLabel("密码", new() { Exact = true }).FillAsync("Shama-village-water");
        await page.GetByLabel("再次输入密码").FillAsync("Shama-village-water");
        await BrowserShop.ScreenshotAsync(page, "phone-12-register");
        await page.GetByRole(AriaRole.Button, new() { Name = "注册" }).ClickAsync();
        await Assertions.Expect(page.Locator("h1")).ToHaveTextAsync("请查收邮件");

        var confirmation = await Shop.LatestMailToAsync(email);
        Assert.Equal("请确认您的邮箱 · 扶贫好物集市", confirmation.Subject);
        await page.GotoAsync(BrowserShop.LinkIn(confirmation, "/account/confirm"));
        await Assertions.Expect(page.Locator("h1")).ToHaveTextAsync("邮箱已确认，欢迎！");

        await page.GetByRole(AriaRole.Link, new() { Name = "登录" }).First.ClickAsync();
        await page.GetByLabel("邮箱").FillAsync(email);
        await page.GetByLabel("密码").FillAsync("Shama-village-water");
        await page.GetByRole(AriaRole.Button, new() { Name = "登录" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Link, new() { Name = "我的订单" })).ToBeVisibleAsync();
        Assert.Equal(-1, (await page.Context.CookiesAsync()).Single(c => c.Name == ".AspNetCore.Identity.Application").Expires); // not remembered
        await page.GetByRole(AriaRole.Button, new() { Name = "退出" }).ClickAsync();

        await page.GotoAsync("/account/forgot");
        await page.GetByLabel("邮箱").FillAsync(email);
        await page.GetByRole(AriaRole.Button, new() { Name = "发送重置链接" }).ClickAsync();
        var reset = await Shop.LatestMailToAsync(email);
        Assert.Equal("重置密码 · 扶贫好物集市", reset.Subject);
        await page.GotoAsync(BrowserShop.LinkIn(reset, "/account/reset"));
        await page.GetByLabel("新密码").FillAsync("Bomi-yigong-tea-2026");
        await page.GetByLabel("再次输入密码").FillAsync("Bomi-yigong-tea-2026");
        await page.GetByRole(AriaRole.Button, new() { Name = "设置新密码" }).ClickAsync();
        await Assertions.Expect(page.Locator(".notice")).ToHaveTextAsync("密码已更新，请用新密码登录。");

        await page.GotoAsync("/account/login");
        await page.GetByLabel("邮箱").FillAsync(email);
        await page.GetByLabel("密码").FillAsync("Bomi-yigong-tea-2026");
        await page.GetByLabel("记住我（14 天内免登录）").CheckAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "登录" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Link, new() { Name = "我的订单" })).ToBeVisibleAsync();
        await BrowserShop.ScreenshotAsync(page, "phone-13-signed-in");
        // Remembered: a cookie that outlives the browser session, for 14 days (the first sign-in above was a session cookie).
        var cookie = (await page.Context.CookiesAsync()).Single(c => c.Name == ".AspNetCore.Identity.Application");
        Assert.InRange(DateTimeOffset.FromUnixTimeSeconds((long)cookie.Expires) - DateTimeOffset.UtcNow, TimeSpan.FromDays(13.9), TimeSpan.FromDays(14.1));
    }

    [Fact]
    public async Task On_a_real_Kestrel_port_the_job_dashboard_admits_administrators_only()
    {
        async Task<string> UserAsync(string role)
        {
            var email = $"{role.ToLowerInvariant()}-{Guid.NewGuid():N}@example.test";
            await using var scope = Shop.Services.CreateAsyncScope();
            var users = scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>();
            var user = new AppUser { UserName = email, Email = email, EmailConfirmed = true };
            await users.CreateAsync(user, "Relief-test-2026");
            await users.AddToRoleAsync(user, role);
            return email;
        }
        async Task<IPage> SignedInAsync(string email)
        {
            var page = await Shop.NewPageAsync(BrowserShop.Desktop);
            await page.GotoAsync("/account/login");
            await page.GetByLabel("邮箱").FillAsync(email);
            await page.GetByLabel("密码").FillAsync("Relief-test-2026");
            await page.GetByRole(AriaRole.Button, new() { Name = "登录" }).ClickAsync();
            await Assertions.Expect(page.GetByRole(AriaRole.Link, new() { Name = "我的订单" })).ToBeVisibleAsync();
            return page;
        }

        var anonymous = await Shop.NewPageAsync(BrowserShop.Desktop);
        await anonymous.GotoAsync("/admin/jobs");
        await Assertions.Expect(anonymous).ToHaveURLAsync(new Regex("/account/login\\?ReturnUrl=%2Fadmin%2Fjobs"));

        var consumer = await SignedInAsync(await UserAsync(Roles.Consumer));
        Assert.Equal(403, (await consumer.GotoAsync("/admin/jobs"))!.Status);

        var admin = await SignedInAsync(await UserAsync(Roles.Admin));
        Assert.Equal(200, (await admin.GotoAsync("/admin/jobs"))!.Status);
        await Assertions.Expect(admin.Locator("body")).ToContainTextAsync("ReliefMarket jobs");
        await BrowserShop.ScreenshotAsync(admin, "desktop-14-jobs-dashboard");
    }
}
