using System.Globalization;
using System.Net;
using ReliefMarket.Web.Payments;

namespace ReliefMarket.Web.Tests.Areas.Admin;

public abstract class ReportTests<TShop>(TShop shop) : IClassFixture<TShop> where TShop : ShopFactory
{
    private async Task BuyAsync(Shopper shopper, string slug, int quantity)
    {
        await shopper.AddToCartAsync(slug, quantity);
        var orderId = await shopper.CheckoutAsync();
        Assert.Equal(HttpStatusCode.Redirect, (await shopper.SubmitAsync($"/payments/sandbox/{orderId}", "form[action*=handler\\=Pay]", [])).StatusCode);
    }

    private string Range()
    {
        var today = ChinaTime.Today(shop.Clock);
        return $"period=range&from={today.AddDays(-1):yyyy-MM-dd}&to={today.AddDays(1):yyyy-MM-dd}";
    }

    private static Money Amount(AngleSharp.Dom.IElement? cell) => Money.Parse(cell!.TextContent.Trim());

    [Fact]
    public async Task The_report_adds_up_to_the_attribution_entries_and_its_CSV_says_the_same()
    {
        var buyer = await Shopper.Anonymous(shop).SignUpAndSignInAsync();
        await BuyAsync(buyer, "hezhang-eggs", 2);
        await BuyAsync(buyer, "weining-potatoes", 1);
        await using (var scope = shop.Scope(out var db))
        {
            var order = await db.Orders.Where(o => o.CustomerId == buyer.UserId).OrderBy(o => o.CreatedAtUtc).FirstAsync();
            var events = scope.ServiceProvider.GetRequiredService<PaymentEvents>();
            await events.ApplyOnceAsync($"report-refund-{order.Id:N}", "test.refund", t => events.RefundedAsync(order.PaymentReference!, new Money(500), t), default);
        }
        long certified, all;
        await using (var scope = shop.Scope(out var db))
        {
            certified = await db.AttributionEntries.Where(e => e.CertifiedAtSale).SumAsync(e => e.AmountFen);
            all = await db.AttributionEntries.SumAsync(e => e.AmountFen);
        }

        var admin = await Shopper.Anonymous(shop).SignUpAndSignInAsync(role: Roles.Admin);
        var page = await admin.PageAsync($"/admin/reports?{Range()}&rows=County&cols=Channel");
        Assert.Equal(new Money(certified), Amount(page.QuerySelector(".net-sales")));
        Assert.Equal(new Money(certified), Amount(page.QuerySelector(".pivot .grand-total")));
        Assert.Equal(new Money(certified), Money.Sum(page.QuerySelectorAll(".pivot tbody .row-total").Select(Amount)));
        Assert.Contains("赫章县", page.QuerySelector(".pivot tbody")!.TextContent);
        Assert.Contains("网店", page.QuerySelector(".pivot thead")!.TextContent);
        Assert.True(int.Parse(page.QuerySelector(".households")!.TextContent, CultureInfo.InvariantCulture) > 0);

        // By month (China-time months in the database, on both providers): the same total.
        var monthly = await admin.PageAsync($"/admin/reports?{Range()}&rows=Village&cols=Month");
        Assert.Equal(new Money(certified), Amount(monthly.QuerySelector(".pivot .grand-total")));

        // Uncertified sales count only when asked.
        var everything = await admin.PageAsync($"/admin/reports?{Range()}&aid=0");
        Assert.Equal(new Money(all), Amount(everything.QuerySelector(".net-sales")));

        var csv = await admin.Client.GetAsync($"/admin/reports?handler=csv&{Range()}&rows=County&cols=Channel");
        Assert.Equal("text/csv", csv.Content.Headers.ContentType!.MediaType);
        var bytes = await csv.Content.ReadAsByteArrayAsync();
        Assert.Equal(new byte[] { 0xEF, 0xBB, 0xBF }, bytes[..3]);
        var lines = System.Text.Encoding.UTF8.GetString(bytes[3..]).Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.StartsWith("合计,", lines[^1]);
        Assert.Equal(new Money(certified).ToPlainString(), lines[^1].Trim().Split(',')[^1]);
    }

    [Fact]
    public async Task The_Excel_download_holds_the_same_numbers_and_a_member_sees_only_their_producer()
    {
        var buyer = await Shopper.Anonymous(shop).SignUpAndSignInAsync();
        await BuyAsync(buyer, "hezhang-eggs", 1);
        await BuyAsync(buyer, "weining-potatoes", 1);
        long certified, weining;
        int weiningProducer;
        await using (var scope = shop.Scope(out var db))
        {
            certified = await db.AttributionEntries.Where(e => e.CertifiedAtSale).SumAsync(e => e.AmountFen);
            weiningProducer = await db.Producers.Where(p => p.Code == "weining-potato-coop").Select(p => p.Id).SingleAsync();
            weining = await db.AttributionEntries.Where(e => e.CertifiedAtSale && e.ProducerId == weiningProducer).SumAsync(e => e.AmountFen);
        }
        Assert.True(weining > 0 && weining < certified);

        var admin = await Shopper.Anonymous(shop).SignUpAndSignInAsync(role: Roles.Admin);
        var page = await admin.PageAsync($"/admin/reports?{Range()}&rows=County&cols=Channel");
        Assert.NotEmpty(page.QuerySelectorAll(".report-chart svg rect"));
        Assert.Contains("赫章县", page.QuerySelector(".county-shares")!.TextContent);
        var xlsx = await admin.Client.GetAsync($"/admin/reports?handler=xlsx&{Range()}&rows=County&cols=Channel");
        Assert.Equal("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", xlsx.Content.Headers.ContentType!.MediaType);
        var rows = MiniExcelLibs.MiniExcel.Query(new MemoryStream(await xlsx.Content.ReadAsByteArrayAsync()), useHeaderRow: true)
            .Cast<IDictionary<string, object>>().ToList();
        Assert.Equal("合计", rows[^1].Values.First()?.ToString());
        Assert.Equal(new Money(certified).ToPlainString(), Convert.ToDecimal(rows[^1].Values.Last(), CultureInfo.InvariantCulture).ToString("0.00", CultureInfo.InvariantCulture));

        var member = await Areas.Cooperative.CoopShop.MemberAsync(shop, weiningProducer);
        var mine = await member.PageAsync($"/coop/reports?{Range()}&rows=Village&cols=Channel");
        Assert.Equal(new Money(weining), Amount(mine.QuerySelector(".net-sales")));
        Assert.DoesNotContain("赫章县", mine.QuerySelector(".pivot")!.TextContent);
        // Another producer's id is not theirs to ask about: 404, for the page and the downloads alike.
        foreach (var handler in new[] { "", "handler=csv&", "handler=xlsx&" })
            Assert.Equal(HttpStatusCode.NotFound, (await member.Client.GetAsync($"/coop/reports?{handler}{Range()}&producer=hezhang-eggs-coop")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await member.Client.GetAsync($"/coop/reports?{Range()}&producer=weining-potato-coop")).StatusCode);
    }

    [Fact]
    public async Task Villages_and_producers_saved_after_a_report_show_in_the_next_one()
    {
        // The report's names and households are held in memory (Reports/ReportNames) and dropped with the catalog pages.
        var buyer = await Shopper.Anonymous(shop).SignUpAndSignInAsync();
        await BuyAsync(buyer, "hezhang-eggs", 1);
        var auditor = await Shopper.Anonymous(shop).SignUpAndSignInAsync(role: Roles.Auditor);
        var url = $"/admin/reports?{Range()}";
        var before = int.Parse((await auditor.PageAsync(url)).QuerySelector(".households")!.TextContent, CultureInfo.InvariantCulture);
        await using (var scope = shop.Scope(out var db))
        {
            var reached = await db.AttributionEntries.Where(e => e.CertifiedAtSale && e.AmountFen > 0).Select(e => e.VillageId).FirstAsync();
            var village = await db.Villages.SingleAsync(v => v.Id == reached);
            village.UpdateFigures(village.RegisteredPoorHouseholds + 7, village.RegisteredPoorPeople + 7, village.IsDesignatedPoorVillage, village.HasExited);
            db.Producers.Add(new Producer("report-names-coop", new("报表新合作社", "Report names cooperative"), ProducerKind.Cooperative, village, 3, new("", ""), false));
            await db.SaveChangesAsync();
        }
        var after = await auditor.PageAsync(url);
        Assert.Equal(before + 7, int.Parse(after.QuerySelector(".households")!.TextContent, CultureInfo.InvariantCulture));
        Assert.NotNull(after.QuerySelector("select[name=producer] option[value=report-names-coop]"));
    }

    [Theory]
    [InlineData("period=someday", "无法识别的时间段")]
    [InlineData("period=range&from=2026-13-01&to=2026-01-01", "日期范围无效")]
    [InlineData("period=range&from=2020-01-01&to=2026-01-01", "日期范围无效")]
    [InlineData("rows=Bogus&county=%3Cscript%3E", "有筛选条件无法识别")]
    [InlineData("interval=Fortnight&stack=Producer&category=Gold&channel=1", "有筛选条件无法识别")]
    [InlineData("period=2026-q5&village=..%2F..&producer=%E2%80%AE", "无法识别的时间段")]
    public async Task Bad_parameters_get_a_message_and_a_report_never_an_error(string query, string message)
    {
        var auditor = await Shopper.Anonymous(shop).SignUpAndSignInAsync(role: Roles.Auditor);
        var page = await auditor.PageAsync($"/admin/reports?{query}");
        Assert.Contains(message, page.QuerySelector("[role=alert]")!.TextContent);
        Assert.NotNull(page.QuerySelector(".pivot"));
    }

    [Fact]
    public async Task The_chart_goes_by_week_or_month_stacked_by_channel_or_county_and_every_view_adds_up_to_the_same_total()
    {
        var buyer = await Shopper.Anonymous(shop).SignUpAndSignInAsync();
        await BuyAsync(buyer, "hezhang-eggs", 1);
        await BuyAsync(buyer, "weining-potatoes", 2);
        long certified;
        await using (var scope = shop.Scope(out var db)) certified = await db.AttributionEntries.Where(e => e.CertifiedAtSale).SumAsync(e => e.AmountFen);
        var today = ChinaTime.Today(shop.Clock);
        var monday = today.AddDays(-(((int)today.DayOfWeek + 6) % 7));
        var auditor = await Shopper.Anonymous(shop).SignUpAndSignInAsync(role: Roles.Auditor);

        var weekly = await auditor.PageAsync($"/admin/reports?{Range()}&interval=Week&stack=County&rows=Producer&cols=Category");
        var chart = weekly.QuerySelector(".report-chart table")!;
        Assert.Contains(monday.ToString("yyyy-MM-dd"), chart.QuerySelector("tbody")!.TextContent);
        Assert.Contains("赫章县", chart.QuerySelector("thead")!.TextContent);
        Assert.Equal(new Money(certified), Money.Sum(chart.QuerySelectorAll("tbody td").Select(Amount)));
        Assert.Equal("Week", weekly.QuerySelector("select[name=interval] option[selected]")!.GetAttribute("value"));

        // The selects come from the data; every pivot's rows, columns and grand total agree.
        Assert.Contains(weekly.QuerySelectorAll("select[name=village] option"), o => o.GetAttribute("value") == "pingshan");
        Assert.Contains(weekly.QuerySelectorAll("select[name=producer] option"), o => o.GetAttribute("value") == "weining-potato-coop");
        foreach (var (rows, cols) in new[] { ("Producer", "Category"), ("Village", "Quarter"), ("Channel", "County"), ("Month", "Village") })
        {
            var page = await auditor.PageAsync($"/admin/reports?{Range()}&rows={rows}&cols={cols}");
            Assert.Equal(new Money(certified), Amount(page.QuerySelector(".pivot .grand-total")));
            Assert.Equal(new Money(certified), Money.Sum(page.QuerySelectorAll(".pivot tbody .row-total").Select(Amount)));
            Assert.Equal(new Money(certified), Money.Sum(page.QuerySelectorAll(".pivot tfoot td:not(.grand-total)").Select(Amount)));
        }

        // The CSV parses back to the same cells: every row adds up to its total, and the totals row to the grand total.
        var csv = await auditor.Client.GetByteArrayAsync($"/admin/reports?handler=csv&{Range()}&rows=Village&cols=Channel");
        using var reader = CsvHelper.CsvReader.Create(csv, new CsvHelper.CsvReaderOptions { HasHeader = false });
        var table = new List<string[]>();
        while (reader.Read()) table.Add(Enumerable.Range(0, reader.FieldCount).Select(i => reader.GetString(i).TrimStart('\uFEFF')).ToArray());
        Assert.Equal("村 \\ 渠道", table[0][0]);
        Assert.Contains(table, r => r[0] == "坪山村");
        static long Fen(string yuan) => (long)(decimal.Parse(yuan, CultureInfo.InvariantCulture) * 100);
        foreach (var row in table.Skip(1)) Assert.Equal(row[1..^1].Sum(Fen), Fen(row[^1]));
        Assert.Equal(certified, table[1..^1].Sum(r => Fen(r[^1])));
        Assert.Equal(certified, Fen(table[^1][^1]));

        // Only this producer's category: eggs.
        var eggs = await auditor.PageAsync($"/admin/reports?{Range()}&category=Eggs");
        Assert.True(Amount(eggs.QuerySelector(".net-sales")).Fen < certified);
        Assert.DoesNotContain("威宁县", eggs.QuerySelector(".pivot tbody")!.TextContent);
    }

    [Fact]
    public async Task Units_are_split_between_villages_like_the_money_so_the_villages_add_up_to_the_whole()
    {
        var buyer = await Shopper.Anonymous(shop).SignUpAndSignInAsync();
        await BuyAsync(buyer, "weining-potatoes", 3); // shares: Pingshan 60 %, the Caohai demo village 40 %
        int sold;
        await using (var scope = shop.Scope(out var db))
        {
            var producer = await db.Producers.Where(p => p.Code == "weining-potato-coop").Select(p => p.Id).SingleAsync();
            sold = await db.OrderLines.Where(l => l.ProducerId == producer && l.CertifiedAtSale
                && db.AttributionEntries.Any(e => e.OrderLineId == l.Id && e.Kind == AttributionKind.Sale)).SumAsync(l => l.Quantity);
        }
        var auditor = await Shopper.Anonymous(shop).SignUpAndSignInAsync(role: Roles.Auditor);
        async Task<int> UnitsAsync(string filter) => int.Parse((await auditor.PageAsync($"/admin/reports?{Range()}&producer=weining-potato-coop{filter}"))
            .QuerySelector(".units")!.TextContent, CultureInfo.InvariantCulture);

        var (pingshan, caohai) = (await UnitsAsync("&village=pingshan"), await UnitsAsync("&village=caohai-demo"));
        Assert.Equal(sold, await UnitsAsync(""));
        Assert.Equal(sold, pingshan + caohai);
        Assert.True(pingshan > caohai && caohai > 0);
    }

    [Fact]
    public async Task Consumers_members_and_visitors_do_not_see_the_report()
    {
        Assert.StartsWith("/account/login", (await shop.Client().GetAsync("/admin/reports")).Headers.Location!.PathAndQuery);
        foreach (var role in new[] { Roles.Consumer, Roles.CooperativeMember })
        {
            var response = await (await Shopper.Anonymous(shop).SignUpAndSignInAsync(role: role)).Client.GetAsync("/admin/reports?handler=csv");
            Assert.Equal("/account/access-denied", response.Headers.Location?.AbsolutePath);
        }
    }
}

public sealed class ReportsOnSqlite(SqliteShop shop) : ReportTests<SqliteShop>(shop);
public sealed class ReportsOnPostgres(PostgresShop shop) : ReportTests<PostgresShop>(shop);

/// <summary>SQLite plans by ANALYZE's statistics: without them a county's report read the county index and the table (decision 0030).</summary>
public sealed class ReportStatisticsOnSqlite(SqliteShop shop) : IClassFixture<SqliteShop>
{
    [Fact]
    public async Task The_shop_starts_with_statistics_for_the_planner()
    {
        await using var scope = shop.Scope(out var db);
        var analyzed = await db.Database.SqlQueryRaw<string>("SELECT DISTINCT tbl AS \"Value\" FROM sqlite_stat1").ToListAsync();
        Assert.Contains("villages", analyzed);
        Assert.Contains("producers", analyzed);
    }
}

public abstract class AdminHomeTests<TShop>(TShop shop) : IClassFixture<TShop> where TShop : ShopFactory
{
    [Fact]
    public async Task Staff_find_every_admin_page_from_the_header()
    {
        var auditor = await Shopper.Anonymous(shop).SignUpAndSignInAsync(role: Roles.Auditor);
        var home = await auditor.PageAsync("/");
        Assert.Contains(home.QuerySelectorAll("nav a"), a => a.GetAttribute("href") == "/admin");
        var admin = await auditor.PageAsync("/admin");
        foreach (var link in admin.QuerySelectorAll(".admin-links a"))
            Assert.Equal(HttpStatusCode.OK, (await auditor.Client.GetAsync(link.GetAttribute("href"))).StatusCode);
        Assert.DoesNotContain(admin.QuerySelectorAll(".admin-links a"), a => a.GetAttribute("href") == "/admin/jobs");

        var consumer = await Shopper.Anonymous(shop).SignUpAndSignInAsync();
        Assert.DoesNotContain((await consumer.PageAsync("/")).QuerySelectorAll("nav a"), a => a.GetAttribute("href") == "/admin");
    }
}

public sealed class AdminHomeOnSqlite(SqliteShop shop) : AdminHomeTests<SqliteShop>(shop);
