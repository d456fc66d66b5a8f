using System.Globalization;
using System.Net;
using System.Text.RegularExpressions;
using ReliefMarket.Web.Reports;

namespace ReliefMarket.Web.Tests.Pages.Reports;

/// <summary>Large report exports: asked for on the report page, built by the job, emailed as a link only the requester can use, for 24 hours.</summary>
public abstract class ExportTests<TShop>(TShop shop) : IClassFixture<TShop> where TShop : ShopFactory
{
    private async Task BuyAsync(string slug, int quantity)
    {
        var buyer = await Shopper.Anonymous(shop).SignUpAndSignInAsync();
        await buyer.AddToCartAsync(slug, quantity);
        var orderId = await buyer.CheckoutAsync();
        Assert.Equal(HttpStatusCode.Redirect, (await buyer.SubmitAsync($"/payments/sandbox/{orderId}", "form[action*=handler\\=Pay]", [])).StatusCode);
    }

    private async Task<int> RunJobAsync()
    {
        await using var scope = shop.Scope(out _);
        return await scope.ServiceProvider.GetRequiredService<ReportExportJob>().RunAsync(default);
    }

    /// <summary>The download link in the report email to whoever asked for <paramref name="export"/>, relative to the shop.</summary>
    private async Task<string> EmailedLinkAsync(Guid export)
    {
        await using var scope = shop.Scope(out var db);
        var email = await db.ReportExports.Where(e => e.Id == export).Join(db.Users, e => e.RequestedBy, u => u.Id, (_, u) => u.Email).SingleAsync();
        var message = await db.OutboxMessages.SingleAsync(m => m.Kind == "report-ready" && m.To == email);
        Assert.Contains("24", message.TextBody);
        var match = Regex.Match(message.TextBody, $@"{Regex.Escape(ShopFactory.PublicBaseUrl)}(?<path>/reports/download/\S+)");
        Assert.True(match.Success, message.TextBody);
        return match.Groups["path"].Value;
    }

    [Fact]
    public async Task A_long_period_is_emailed_as_a_link_only_its_requester_can_use_for_24_hours()
    {
        await BuyAsync("hezhang-eggs", 2);
        long certified;
        await using (var scope = shop.Scope(out var db)) certified = await db.AttributionEntries.Where(e => e.CertifiedAtSale).SumAsync(e => e.AmountFen);
        var today = ChinaTime.Today(shop.Clock);
        var report = $"/admin/reports?period=range&from={today.AddDays(-200):yyyy-MM-dd}&to={today:yyyy-MM-dd}&rows=County&cols=Channel";

        // An auditor (who may not POST in /admin) asks; the page offers email instead of links, and a link asked for anyway says why.
        var auditor = await Shopper.Anonymous(shop).SignUpAndSignInAsync(role: Roles.Auditor);
        var page = await auditor.PageAsync(report);
        Assert.Empty(page.QuerySelectorAll(".downloads a"));
        var direct = await auditor.Client.GetPageAsync(report.Replace("?", "?handler=csv&"));
        Assert.Contains("无法立即下载", direct.QuerySelector("[role=status]")!.TextContent);
        var asked = await auditor.SubmitAsync(report, "form.downloads", new() { ["format"] = "Csv" });
        Assert.Equal(HttpStatusCode.Redirect, asked.StatusCode);
        var status = asked.Headers.Location!.OriginalString;
        Assert.Matches("^/reports/exports/[0-9a-f-]{36}$", status);
        Assert.Contains("正在生成", (await auditor.PageAsync(status)).QuerySelector(".export-status")!.TextContent);

        // Running the job twice builds and emails the file once.
        Assert.Equal(1, await RunJobAsync());
        Assert.Equal(0, await RunJobAsync());
        await using (var scope = shop.Scope(out var db))
            Assert.Equal(1, await db.OutboxMessages.CountAsync(m => m.To == auditor.Email && m.Kind == "report-ready"));
        Assert.Contains("已发到你的邮箱", (await auditor.PageAsync(status)).QuerySelector(".export-status")!.TextContent);
        var link = await EmailedLinkAsync(Guid.Parse(status[^36..]));

        var download = await auditor.Client.GetAsync(link);
        Assert.Equal(HttpStatusCode.OK, download.StatusCode);
        Assert.Equal("text/csv", download.Content.Headers.ContentType!.MediaType);
        Assert.Equal($"aid-sales-{today.AddDays(-200):yyyyMMdd}-{today:yyyyMMdd}.csv", download.Content.Headers.ContentDisposition!.FileNameStar);
        var bytes = await download.Content.ReadAsByteArrayAsync();
        Assert.Equal(new byte[] { 0xEF, 0xBB, 0xBF }, bytes[..3]);
        Assert.EndsWith($",{new Money(certified).ToPlainString()}", System.Text.Encoding.UTF8.GetString(bytes).Trim());

        // Nobody else: another auditor, and an administrator, get 404 for the link and the status page.
        foreach (var role in new[] { Roles.Auditor, Roles.Admin })
        {
            var other = await Shopper.Anonymous(shop).SignUpAndSignInAsync(role: role);
            Assert.Equal(HttpStatusCode.NotFound, (await other.Client.GetAsync(link)).StatusCode);
            Assert.Equal(HttpStatusCode.NotFound, (await other.Client.GetAsync(status)).StatusCode);
        }
        Assert.StartsWith("/account/login", (await shop.Client().GetAsync(link)).Headers.Location!.PathAndQuery);

        // A day later the link says it has expired, and the job removes the file.
        var start = shop.Clock.GetUtcNow();
        try
        {
            shop.Clock.Advance(TimeSpan.FromHours(24).Add(TimeSpan.FromMinutes(1)));
            var expired = await auditor.Client.GetPageAsync(link, HttpStatusCode.Gone);
            Assert.Contains("已过期", expired.QuerySelector("[role=alert]")!.TextContent);
            await RunJobAsync();
            await using var scope = shop.Scope(out var db);
            Assert.Null((await db.ReportExports.SingleAsync(e => e.RequestedBy == auditor.UserId)).Content);
            Assert.Equal(HttpStatusCode.Gone, (await auditor.Client.GetAsync(link)).StatusCode);
        }
        finally { shop.Clock.Advance(start - shop.Clock.GetUtcNow()); }
    }

    [Fact]
    public async Task A_member_exports_their_own_producer_in_the_background_and_never_another()
    {
        await BuyAsync("weining-potatoes", 1);
        await BuyAsync("hezhang-eggs", 1);
        int producerId;
        long theirs;
        await using (var scope = shop.Scope(out var db))
        {
            producerId = await db.Producers.Where(p => p.Code == "weining-potato-coop").Select(p => p.Id).SingleAsync();
            theirs = await db.AttributionEntries.Where(e => e.CertifiedAtSale && e.ProducerId == producerId).SumAsync(e => e.AmountFen);
        }
        var today = ChinaTime.Today(shop.Clock);
        var report = $"/coop/reports?period=range&from={today.AddDays(-365):yyyy-MM-dd}&to={today:yyyy-MM-dd}&rows=Village&cols=Month";
        var member = await Areas.Cooperative.CoopShop.MemberAsync(shop, producerId);
        var (action, content) = await member.FillAsync(report, "form.downloads", new() { ["format"] = "Xlsx" });
        Assert.Equal("/reports/exports", action);
        var asked = await member.Client.PostAsync(action, content);
        Assert.Equal(HttpStatusCode.Redirect, asked.StatusCode);

        // The same form naming another producer: 404, and nothing is queued.
        var (_, tampered) = await member.FillAsync(report, "form.downloads",
            new() { ["format"] = "Csv", ["parameters"] = $"?period=range&from={today.AddDays(-365):yyyy-MM-dd}&to={today:yyyy-MM-dd}&producer=hezhang-eggs-coop" });
        Assert.Equal(HttpStatusCode.NotFound, (await member.Client.PostAsync(action, tampered)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await member.Client.GetAsync($"{report}&producer=hezhang-eggs-coop")).StatusCode);

        Assert.Equal(1, await RunJobAsync());
        var file = await member.Client.GetAsync(await EmailedLinkAsync(Guid.Parse(asked.Headers.Location!.OriginalString[^36..])));
        Assert.Equal(ReportFiles.XlsxType, file.Content.Headers.ContentType!.MediaType);
        var rows = MiniExcelLibs.MiniExcel.Query(new MemoryStream(await file.Content.ReadAsByteArrayAsync()), useHeaderRow: true)
            .Cast<IDictionary<string, object>>().ToList();
        Assert.Equal(new Money(theirs).ToPlainString(), Convert.ToDecimal(rows[^1].Values.Last(), CultureInfo.InvariantCulture).ToString("0.00", CultureInfo.InvariantCulture));

        // Consumers cannot ask for exports at all.
        var consumer = await Shopper.Anonymous(shop).SignUpAndSignInAsync();
        Assert.Equal("/account/access-denied", (await consumer.Client.PostAsync(action, content)).Headers.Location?.AbsolutePath);
    }
}

public sealed class ExportsOnSqlite(SqliteShop shop) : ExportTests<SqliteShop>(shop);
public sealed class ExportsOnPostgres(PostgresShop shop) : ExportTests<PostgresShop>(shop);
