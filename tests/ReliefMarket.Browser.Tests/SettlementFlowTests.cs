using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using ReliefMarket.Web.Data;

namespace ReliefMarket.Browser.Tests;

/// <summary>
/// Issue 12's "done when", clicked through: after two weeks of demo sales an administrator closes the finished weeks,
/// approves the potato cooperative's statement, pays it by bank transfer, and a member reads the paid statement line by line.
/// </summary>
public class SettlementFlowTests(BrowserShop shop) : BrowserTests(shop)
{
    private const string Cooperative = "威宁高原马铃薯专业合作社";

    [Fact]
    public async Task An_administrator_closes_the_demo_weeks_approves_pays_by_bank_transfer_and_the_member_reads_the_statement()
    {
        var consumer = await Shop.AccountAsync(Roles.Consumer);
        int weining;
        await using (var scope = Shop.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
            var consumerId = await db.Users.Where(u => u.Email == consumer).Select(u => u.Id).SingleAsync();
            await scope.ServiceProvider.GetRequiredService<ReliefMarket.Web.Data.Seed.DemoSales>().SeedAsync(consumerId, default);
            weining = await db.Producers.Where(p => p.Code == "weining-potato-coop").Select(p => p.Id).SingleAsync();
        }
        var admin = await Shop.NewPageAsync(BrowserShop.Desktop);
        await BrowserShop.SignInAsync(admin, await Shop.AccountAsync(Roles.Admin));
        await admin.GotoAsync("/admin/settlements");
        await admin.GetByRole(AriaRole.Button, new() { Name = "现在结算已结束的周期" }).ClickAsync();
        await Assertions.Expect(admin.Locator(".notice[role=alert]")).ToContainTextAsync("已结算所有已结束的周期");

        // The later of the two weeks: what the first week held comes free in it.
        var row = admin.Locator("table.statements tbody tr", new() { HasText = Cooperative }).Filter(new() { HasText = "待批准" }).First;
        await row.GetByRole(AriaRole.Link).ClickAsync();
        await Assertions.Expect(admin.Locator(".statement-lines tbody tr.line-release").First).ToBeVisibleAsync();
        await Assertions.Expect(admin.Locator(".ledger-diff")).ToBeVisibleAsync();
        await BrowserShop.ScreenshotAsync(admin, "desktop-30-statement-to-approve");
        await admin.GetByRole(AriaRole.Button, new() { Name = "批准付款" }).ClickAsync();

        await admin.GotoAsync("/admin/settlements");
        await admin.GetByRole(AriaRole.Button, new() { Name = "生成银行转账批次" }).ClickAsync();
        await Assertions.Expect(admin).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("/admin/settlements/batch/"));
        await Assertions.Expect(admin.Locator("body")).ToContainTextAsync(Cooperative);
        await admin.GetByLabel("银行流水号").FillAsync("ABC20261130001");
        await admin.GetByRole(AriaRole.Button, new() { Name = "标记整批已付款" }).ClickAsync();
        await BrowserShop.ScreenshotAsync(admin, "desktop-31-batch-paid");

        var member = await Shop.NewPageAsync(BrowserShop.Phone);
        await BrowserShop.SignInAsync(member, await Shop.AccountAsync(Roles.CooperativeMember, weining));
        await member.GotoAsync("/coop/statements");
        await member.Locator("table a").First.ClickAsync();
        await Assertions.Expect(member.Locator(".statement-explain")).ToContainTextAsync("ABC20261130001");
        await Assertions.Expect(member.Locator(".statement-lines tbody tr.line-release").First).ToBeVisibleAsync();
        await BrowserShop.ScreenshotAsync(member, "phone-32-paid-statement");
    }
}
