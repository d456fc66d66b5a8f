using Deque.AxeCore.Playwright;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;
using ReliefMarket.Web.Data;

namespace ReliefMarket.Browser.Tests;

public class AdminReportFlowTests(BrowserShop shop) : BrowserTests(shop)
{
    private const string Password = "Relief-test-2026";

    [Fact]
    public async Task On_a_desktop_an_auditor_picks_Q1_by_county_and_channel_and_downloads_the_CSV()
    {
        var email = $"auditor-{Guid.NewGuid():N}@example.test";
        await using (var scope = Shop.Services.CreateAsyncScope())
        {
            var users = scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>();
            var user = new AppUser { UserName = email, Email = email, EmailConfirmed = true };
            Assert.True((await users.CreateAsync(user, Password)).Succeeded);
            await users.AddToRoleAsync(user, Roles.Auditor);
        }

        var page = await Shop.NewPageAsync(BrowserShop.Desktop);
        await page.GotoAsync("/account/login");
        await page.GetByLabel("邮箱").FillAsync(email);
        await page.GetByLabel("密码").FillAsync(Password);
        await page.GetByRole(AriaRole.Button, new() { Name = "登录" }).ClickAsync();
        await Assertions.Expect(page).Not.ToHaveURLAsync(new Regex("/account/login"));

        await page.GetByRole(AriaRole.Link, new() { Name = "管理", Exact = true }).ClickAsync();
        await page.GetByRole(AriaRole.Link, new() { Name = "扶贫产品销售报表" }).First.ClickAsync();
        var year = DateTime.UtcNow.Year;
        await page.Locator("input[name=from]").FillAsync($"{year}-01-01");
        await page.Locator("input[name=to]").FillAsync($"{year}-03-31");
        await page.Locator("select[name=rows]").SelectOptionAsync("County");
        await page.Locator("select[name=cols]").SelectOptionAsync("Channel");
        await page.GetByRole(AriaRole.Button, new() { Name = "查看" }).ClickAsync();
        await Assertions.Expect(page.Locator(".report-totals h2")).ToContainTextAsync($"{year}-01-01 至 {year}-03-31");
        await Assertions.Expect(page.Locator("table.pivot caption")).ToHaveTextAsync("县 × 渠道");
        await BrowserShop.ScreenshotAsync(page, "desktop-20-report-q1");

        var axe = await page.RunAxe(new Deque.AxeCore.Commons.AxeRunOptions
        {
            RunOnly = new Deque.AxeCore.Commons.RunOnlyOptions { Type = "tag", Values = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"] },
        });
        Assert.True(axe.Violations.Length == 0, string.Join("\n", axe.Violations.Select(v => $"{v.Id}: {v.Help}")));

        var download = await page.RunAndWaitForDownloadAsync(() => page.GetByRole(AriaRole.Link, new() { Name = "下载 CSV" }).ClickAsync());
        Assert.Equal($"aid-sales-{year}0101-{year}0331.csv", download.SuggestedFilename);
        var bytes = await File.ReadAllBytesAsync((await download.PathAsync())!);
        Assert.Equal(new byte[] { 0xEF, 0xBB, 0xBF }, bytes[..3]);
        Assert.StartsWith("县 \\ 渠道", System.Text.Encoding.UTF8.GetString(bytes[3..]));
    }
}
