using Deque.AxeCore.Playwright;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using ReliefMarket.Web.Access;
using ReliefMarket.Web.Data;
using SixLabors.ImageSharp;
using SixLabors.ImageSharp.PixelFormats;

namespace ReliefMarket.Browser.Tests;

public class CooperativeFlowTests(BrowserShop shop) : BrowserTests(shop)
{
    [Fact]
    public async Task A_member_joins_from_the_invitation_lists_a_product_with_a_photo_and_submits_it_on_a_phone()
    {
        var email = $"coop-{Guid.NewGuid():N}@example.test";
        await using (var scope = Shop.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
            var producerId = await db.Producers.Where(p => p.Code == "weining-potato-coop").Select(p => p.Id).SingleAsync();
            await scope.ServiceProvider.GetRequiredService<Invitations>().InviteAsync(email, producerId);
        }
        var photo = Path.Combine(Shop.UploadFolder, "potatoes.jpg");
        Directory.CreateDirectory(Shop.UploadFolder);
        using (var image = new Image<Rgb24>(1600, 1200, new Rgb24(150, 110, 70))) await image.SaveAsJpegAsync(photo);

        var page = await Shop.NewPageAsync(BrowserShop.Phone);
        var problems = new List<string>();
        var invitation = await Shop.LatestMailToAsync(email);
        await page.GotoAsync(BrowserShop.LinkIn(invitation, "/coop/join"));
        await page.GetByLabel("密码", new() { Exact = true }).FillAsync("Weining-potato-2026");
        await page.GetByLabel("再次输入密码").FillAsync("Weining-potato-2026");
        await BrowserShop.ScreenshotAsync(page, "phone-30-coop-join");
        await AxeAsync(page, problems);
        await page.GetByRole(AriaRole.Button, new() { Name = "加入" }).ClickAsync();
        await Assertions.Expect(page.Locator("h1")).ToHaveTextAsync("我的商品");

        await page.GetByRole(AriaRole.Link, new() { Name = "新增商品" }).ClickAsync();
        await page.GetByLabel("中文名称").FillAsync("威宁黄心土豆");
        await page.GetByLabel("英文名称").FillAsync("Weining yellow potatoes");
        await page.GetByLabel("规格（中文），如 5公斤/箱").FillAsync("5公斤/箱");
        await page.GetByLabel("价格（元）").FillAsync("29.90");
        await page.GetByLabel("库存").FillAsync("80");
        await BrowserShop.ScreenshotAsync(page, "phone-31-coop-new-listing");
        await AxeAsync(page, problems);
        await page.GetByRole(AriaRole.Button, new() { Name = "保存" }).ClickAsync();

        await Assertions.Expect(page.Locator("h1")).ToContainTextAsync("的照片");
        await page.Locator("input[type=file]").SetInputFilesAsync(photo);
        await page.GetByRole(AriaRole.Button, new() { Name = "上传" }).ClickAsync();
        await Assertions.Expect(page.Locator("li.photo img")).ToHaveCountAsync(1);
        await Assertions.Expect(page.Locator("li.photo img")).ToHaveJSPropertyAsync("complete", true);
        Assert.True(await page.Locator("li.photo img").EvaluateAsync<int>("i => i.naturalWidth") > 0);
        await BrowserShop.ScreenshotAsync(page, "phone-32-coop-photos");
        await AxeAsync(page, problems);

        await page.GetByRole(AriaRole.Link, new() { Name = "返回我的商品" }).ClickAsync();
        var row = page.Locator("li.listing", new() { HasText = "威宁黄心土豆" });
        await row.GetByRole(AriaRole.Link, new() { Name = "申请认定" }).ClickAsync();
        await page.GetByLabel("说明（如县里的推荐意见、带动贫困户情况）").FillAsync("威宁县农业农村局推荐，带动 36 户建档立卡贫困户。");
        await page.GetByRole(AriaRole.Button, new() { Name = "提交认定申请" }).ClickAsync();
        await Assertions.Expect(page.Locator("li.listing", new() { HasText = "威宁黄心土豆" }).Locator(".status")).ToContainTextAsync("待认定");
        await BrowserShop.ScreenshotAsync(page, "phone-33-coop-pending");
        await AxeAsync(page, problems);
        await page.Locator("li.listing", new() { HasText = "威宁黄心土豆" }).GetByRole(AriaRole.Link, new() { Name = "库存" }).ClickAsync();
        await page.GetByLabel("增减数量（如 +20 或 -3）").FillAsync("+20");
        await page.Locator("form.stock-adjust button").ClickAsync();
        await Assertions.Expect(page.Locator("p.current-stock")).ToHaveTextAsync("库存 100");
        await BrowserShop.ScreenshotAsync(page, "phone-34-coop-stock");
        await AxeAsync(page, problems);
        Assert.True(problems.Count == 0, string.Join("\n", problems));
    }

    // The same WCAG 2 A/AA rules as AccessibilityTests, on each step of the member's flow.
    private static async Task AxeAsync(IPage page, List<string> problems)
    {
        var result = await page.RunAxe(new Deque.AxeCore.Commons.AxeRunOptions
        {
            RunOnly = new Deque.AxeCore.Commons.RunOnlyOptions { Type = "tag", Values = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"] },
        });
        problems.AddRange(result.Violations.Select(v => $"{page.Url}: {v.Id} ({v.Impact}) {v.Help} — {string.Join(" | ", v.Nodes.Take(3).Select(n => n.Html))}"));
    }
}
