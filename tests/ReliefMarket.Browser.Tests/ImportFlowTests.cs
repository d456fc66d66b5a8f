using System.Text;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using ReliefMarket.Domain;
using ReliefMarket.Web;
using ReliefMarket.Web.Data;

namespace ReliefMarket.Browser.Tests;

public class ImportFlowTests(BrowserShop shop) : BrowserTests(shop)
{
    private const string Password = "Relief-test-2026";

    [Fact]
    public async Task On_a_phone_an_administrator_uploads_a_sheet_sees_the_row_error_fixes_it_and_commits_it()
    {
        var email = $"admin-{Guid.NewGuid():N}@example.test";
        string slug;
        long fen;
        await using (var scope = Shop.Services.CreateAsyncScope())
        {
            var users = scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>();
            var user = new AppUser { UserName = email, Email = email, EmailConfirmed = true };
            Assert.True((await users.CreateAsync(user, Password)).Succeeded);
            await users.AddToRoleAsync(user, Roles.Admin);
            var product = await scope.ServiceProvider.GetRequiredService<AppDbContext>().Products.AsNoTracking().OrderBy(p => p.Id).FirstAsync();
            (slug, fen) = (product.Slug, product.Price.Fen);
        }
        var price = $"{fen / 100}.{fen % 100:00}";
        var tag = Guid.NewGuid().ToString("N")[..6];
        byte[] Sheet(string secondQuantity) => Encoding.UTF8.GetBytes(
            $"receipt,time,product,quantity,unit_price,total\r\nB{tag}-1,9:30,{slug},1,{price},{price}\r\nB{tag}-2,10:15,{slug},{secondQuantity},{price},{price}\r\n");
        var yesterday = ChinaTime.Today(TimeProvider.System).AddDays(-1).ToString("yyyy-MM-dd");

        var page = await Shop.NewPageAsync(BrowserShop.Phone);
        await page.GotoAsync("/account/login");
        await page.GetByLabel("邮箱").FillAsync(email);
        await page.GetByLabel("密码").FillAsync(Password);
        await page.GetByRole(AriaRole.Button, new() { Name = "登录" }).ClickAsync();
        await Assertions.Expect(page).Not.ToHaveURLAsync(new Regex("/account/login"));

        async Task UploadAsync(byte[] sheet, string name)
        {
            await page.GotoAsync("/admin/imports");
            await page.Locator("#Form_File").SetInputFilesAsync(new FilePayload { Name = name, MimeType = "text/csv", Buffer = sheet });
            await page.Locator("#Form_SalesDate").FillAsync(yesterday);
            await page.GetByRole(AriaRole.Button, new() { Name = "检查并预览" }).ClickAsync();
            await Assertions.Expect(page).ToHaveURLAsync(new Regex("/admin/imports/[0-9a-f-]{36}"));
        }

        // A quantity typed as words: the preview names row 3, column quantity, and offers to import only the good row.
        await UploadAsync(Sheet("one"), "展厅-有误.csv");
        await Assertions.Expect(page.Locator("table.import-errors tbody tr")).ToHaveCountAsync(1);
        await Assertions.Expect(page.Locator("table.import-errors tbody tr[data-row='3'][data-column='quantity']")).ToBeVisibleAsync();
        await Assertions.Expect(page.Locator("table.import-preview tbody tr")).ToHaveCountAsync(1);
        await BrowserShop.ScreenshotAsync(page, "phone-30-import-row-error");

        // Fixed and uploaded again: no errors, both rows, committed in one go.
        await UploadAsync(Sheet("1"), "展厅.csv");
        await Assertions.Expect(page.Locator("table.import-errors")).ToHaveCountAsync(0);
        await Assertions.Expect(page.Locator("table.import-preview tbody tr")).ToHaveCountAsync(2);
        var id = page.Url.Split('/')[^1].Split('?')[0];
        await page.GetByRole(AriaRole.Button, new() { Name = "确认导入 2 行" }).ClickAsync();
        await Assertions.Expect(page.Locator(".import-status")).ToHaveAttributeAsync("data-status", "Committed");
        await BrowserShop.ScreenshotAsync(page, "phone-31-import-committed");

        await page.GotoAsync("/admin/imports");
        var listed = page.Locator($"tr[data-import='{id}']");
        await Assertions.Expect(listed).ToContainTextAsync("展厅.csv");
        await Assertions.Expect(listed).ToContainTextAsync(new Money(2 * fen).ToString());
    }
}
