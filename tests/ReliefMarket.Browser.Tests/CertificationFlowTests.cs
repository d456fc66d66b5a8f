using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using ReliefMarket.Domain;
using ReliefMarket.Domain.Catalog;
using ReliefMarket.Web.Data;

namespace ReliefMarket.Browser.Tests;

public class CertificationFlowTests(BrowserShop shop) : BrowserTests(shop)
{
    [Fact]
    public async Task A_member_submits_a_listing_an_admin_approves_it_the_shop_shows_the_badge_and_the_audit_log_the_approval()
    {
        string slug, name = $"草海荞麦面 {Guid.NewGuid():N}"[..14];
        int producerId;
        await using (var scope = Shop.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
            var producer = await db.Producers.SingleAsync(p => p.Code == "weining-potato-coop");
            producerId = producer.Id;
            slug = $"buckwheat-{Guid.NewGuid():N}"[..20];
            db.Products.Add(new Product(producer, slug, new(name, "Caohai buckwheat noodles"), new("手工荞麦面", "Hand-made"),
                ProductCategory.PotatoesAndVegetables, new("500克/袋", "500 g bag"), new Money(1_880), 40, ReliefMarket.Web.Listings.Illustrations.For(ProductCategory.PotatoesAndVegetables), DateTime.UtcNow));
            await db.SaveChangesAsync();
        }
        var member = await Shop.AccountAsync(Roles.CooperativeMember, producerId);
        var admin = await Shop.AccountAsync(Roles.Admin);

        var page = await Shop.NewPageAsync(BrowserShop.Desktop);
        await BrowserShop.SignInAsync(page, member);
        await page.GotoAsync("/coop/products");
        await page.Locator("li.listing", new() { HasText = name }).GetByRole(AriaRole.Link, new() { Name = "申请认定" }).ClickAsync();
        await page.GetByLabel("说明（如县里的推荐意见、带动贫困户情况）").FillAsync("威宁县推荐，带动 12 户建档立卡贫困户。");
        await page.GetByRole(AriaRole.Button, new() { Name = "提交认定申请" }).ClickAsync();
        await Assertions.Expect(page.Locator("li.listing", new() { HasText = name }).Locator(".status")).ToContainTextAsync("待认定");

        var adminPage = await Shop.NewPageAsync(BrowserShop.Desktop);
        await BrowserShop.SignInAsync(adminPage, admin);
        await adminPage.GotoAsync("/admin/certification");
        await adminPage.Locator(".certification-queue a", new() { HasText = name }).ClickAsync();
        await adminPage.Locator("form.approve-form input[name=CertificateNumber]").FillAsync("WN-2026-0777");
        await adminPage.Locator("form.approve-form input[name=ValidUntil]").FillAsync(DateTime.UtcNow.AddDays(300).ToString("yyyy-MM-dd"));
        await adminPage.Locator("form.approve-form button").ClickAsync();

        var shopPage = await Shop.NewPageAsync(BrowserShop.Desktop);
        await shopPage.GotoAsync($"/products/{slug}");
        await Assertions.Expect(shopPage.Locator(".certificate")).ToContainTextAsync("WN-2026-0777");
        await BrowserShop.ScreenshotAsync(shopPage, "desktop-40-certified-badge");

        await adminPage.GotoAsync("/admin/audit");
        await Assertions.Expect(adminPage.Locator("table.audit tbody tr").First).ToContainTextAsync("certification.approved");
        await BrowserShop.ScreenshotAsync(adminPage, "desktop-41-audit-approval");
    }
}
