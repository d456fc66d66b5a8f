using System.Net;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Primitives;
using ReliefMarket.Web.Channels.Campaigns;
using ReliefMarket.Web.Reports;
using ReliefMarket.Web.Tests.Areas.Admin;

namespace ReliefMarket.Web.Tests.Channels;

public abstract class CampaignsTests<TShop>(TShop shop) : IClassFixture<TShop> where TShop : ShopFactory
{
    private DateOnly Today => ChinaTime.Today(shop.Clock);

    private async Task<(int Id, string Slug)> ProductAsync()
    {
        await using var scope = shop.Scope(out var db);
        var product = await db.Products.Where(p => p.IsListed && p.Stock > 100).OrderBy(p => p.Id).FirstAsync();
        return (product.Id, product.Slug);
    }

    private async Task<Campaign> CampaignAsync(DateOnly starts, DateOnly ends, int productId)
    {
        await using var scope = shop.Scope(out var db);
        var campaign = new Campaign($"草海直播 {Guid.NewGuid():N}"[..16], starts, ends, [productId], DateTime.UtcNow);
        db.Campaigns.Add(campaign);
        await db.SaveChangesAsync();
        return campaign;
    }

    /// <summary>A new buyer, who follows <paramref name="link"/> first when given, buys the product and pays in the sandbox.</summary>
    private async Task<Order> BuyAsync(string slug, string? link)
    {
        var buyer = await Shopper.Anonymous(shop).SignUpAndSignInAsync();
        if (link is not null) Assert.Equal(HttpStatusCode.OK, (await buyer.Client.GetAsync(link)).StatusCode);
        await buyer.AddToCartAsync(slug);
        var id = await buyer.CheckoutAsync();
        var paid = await buyer.SubmitAsync($"/payments/sandbox/{id}", "form[action*=handler\\=Pay]", []);
        Assert.Equal(HttpStatusCode.Redirect, paid.StatusCode);
        return await AdminShop.OrderAsync(shop, id);
    }

    [Fact]
    public async Task An_admin_creates_a_campaign_whose_share_link_is_built_from_the_public_base_url()
    {
        var admin = await AdminShop.AdminAsync(shop);
        var (productId, _) = await ProductAsync();
        var name = $"沙湾直播 {Guid.NewGuid():N}"[..14];

        var created = await admin.SubmitAsync("/admin/campaigns", "form.campaign-create", new()
        {
            ["Form.Name"] = name, ["Form.StartsOn"] = Today.ToString("yyyy-MM-dd"), ["Form.EndsOn"] = Today.AddDays(3).ToString("yyyy-MM-dd"),
            ["Form.ProductIds"] = productId.ToString(),
        });

        Assert.Equal(HttpStatusCode.Redirect, created.StatusCode);
        await using var scope = shop.Scope(out var db);
        var campaign = await db.Campaigns.Include(c => c.Products).SingleAsync(c => c.Name == name);
        Assert.Equal([productId], campaign.Products.Select(p => p.ProductId));
        var page = await admin.PageAsync("/admin/campaigns");
        Assert.Equal($"{ShopFactory.PublicBaseUrl}/live/{campaign.Code}", page.QuerySelector($"tr[data-campaign='{campaign.Id}'] code.campaign-link")!.TextContent);

        var auditor = await AdminShop.AuditorAsync(shop);
        var readOnly = await auditor.PageAsync("/admin/campaigns");
        Assert.Null(readOnly.QuerySelector("form.campaign-create"));
        Assert.NotNull(readOnly.QuerySelector($"tr[data-campaign='{campaign.Id}']"));
    }

    [Fact]
    public async Task An_order_placed_from_the_link_while_the_campaign_runs_is_livestream_with_the_campaign_and_the_report_filters_by_it()
    {
        var (productId, slug) = await ProductAsync();
        var campaign = await CampaignAsync(Today.AddDays(-1), Today.AddDays(1), productId);

        var tagged = await BuyAsync(slug, Campaign.LinkPath(campaign.Code));
        var plain = await BuyAsync(slug, link: null);

        Assert.Equal((Channel.Livestream, (int?)campaign.Id, OrderStatus.Paid), (tagged.Channel, tagged.CampaignId, tagged.Status));
        Assert.Equal((Channel.Online, (int?)null), (plain.Channel, plain.CampaignId));
        await using var scope = shop.Scope(out var db);
        Assert.True(await db.AttributionEntries.Where(a => a.OrderId == tagged.Id).AllAsync(a => a.Channel == Channel.Livestream));

        var report = scope.ServiceProvider.GetRequiredService<AidReport>();
        QueryCollection Query(string? campaignCode) => new(new Dictionary<string, StringValues>
        {
            ["period"] = "range", ["from"] = Today.AddDays(-1).ToString("yyyy-MM-dd"), ["to"] = Today.AddDays(1).ToString("yyyy-MM-dd"),
            ["aid"] = "0", ["campaign"] = campaignCode ?? "",
        });
        var filtered = await report.RunAsync(Query(campaign.Code), producerScope: null, CancellationToken.None);
        var all = await report.RunAsync(Query(null), producerScope: null, CancellationToken.None);
        Assert.Empty(filtered.Query.Problems);
        Assert.Equal((tagged.Subtotal, 1), (filtered.Totals.NetSales, filtered.Totals.Orders));
        Assert.True(all.Totals.NetSales.Fen >= tagged.Subtotal.Fen + plain.Subtotal.Fen);
        Assert.Contains((campaign.Code, campaign.Name), filtered.Campaigns);

        var auditor = await AdminShop.AuditorAsync(shop);
        var page = await auditor.PageAsync($"/admin/reports?campaign={campaign.Code}");
        Assert.Equal(campaign.Code, page.QuerySelector("select[name=campaign] option[selected]")!.GetAttribute("value"));
    }

    [Fact]
    public async Task Outside_its_dates_the_link_remembers_nothing_and_an_order_after_the_campaign_ended_is_an_ordinary_online_order()
    {
        var (productId, slug) = await ProductAsync();
        var future = await CampaignAsync(Today.AddDays(2), Today.AddDays(5), productId);
        var running = await CampaignAsync(Today, Today, productId);

        var buyer = await Shopper.Anonymous(shop).SignUpAndSignInAsync();
        var notYet = await buyer.PageAsync(Campaign.LinkPath(future.Code));
        Assert.NotNull(notYet.QuerySelector(".live-off"));
        await buyer.AddToCartAsync(slug);
        var early = await AdminShop.OrderAsync(shop, await buyer.CheckoutAsync());
        Assert.Equal((Channel.Online, (int?)null), (early.Channel, early.CampaignId));

        // The cookie is set while the campaign runs; the campaign is over by the time the buyer checks out.
        var late = await Shopper.Anonymous(shop).SignUpAndSignInAsync();
        Assert.NotNull((await late.PageAsync(Campaign.LinkPath(running.Code))).QuerySelector(".live-on"));
        await using (var scope = shop.Scope(out var db))
            await db.Campaigns.Where(c => c.Id == running.Id)
                .ExecuteUpdateAsync(s => s.SetProperty(c => c.StartsOn, Today.AddDays(-3)).SetProperty(c => c.EndsOn, Today.AddDays(-1)));
        await late.AddToCartAsync(slug);
        var after = await AdminShop.OrderAsync(shop, await late.CheckoutAsync());
        Assert.Equal((Channel.Online, (int?)null), (after.Channel, after.CampaignId));

        Assert.Equal(HttpStatusCode.NotFound, (await buyer.Client.GetAsync("/live/nosuchcode")).StatusCode);
    }
}

public sealed class CampaignsOnSqlite(SqliteShop shop) : CampaignsTests<SqliteShop>(shop);
public sealed class CampaignsOnPostgres(PostgresShop shop) : CampaignsTests<PostgresShop>(shop);
