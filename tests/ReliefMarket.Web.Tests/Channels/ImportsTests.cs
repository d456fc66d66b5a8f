using System.Net;
using System.Text;
using Microsoft.Extensions.Options;
using ReliefMarket.Web.Channels.Imports;
using ReliefMarket.Web.Tests.Areas.Admin;
using ReliefMarket.Web.Tests.Areas.Cooperative;

namespace ReliefMarket.Web.Tests.Channels;

public abstract class ImportsTests<TShop>(TShop shop) : IClassFixture<TShop> where TShop : ShopFactory
{
    private const string Url = "/admin/imports";
    private const string Header = "receipt,time,product,quantity,unit_price,total";

    /// <summary>A China-time day inside the 30 days a file may report.</summary>
    private DateOnly Yesterday => ChinaTime.Today(shop.Clock).AddDays(-1);

    private static byte[] Csv(params string[] rows) => Encoding.UTF8.GetBytes(string.Join("\r\n", [Header, .. rows]) + "\r\n");

    private static string R() => $"R-{Guid.NewGuid():N}"[..14];

    private Task<HttpResponseMessage> UploadAsync(Shopper admin, byte[] file, string name = "sales.csv", string channel = "ExhibitionCenter") =>
        admin.UploadAsync(Url, "form.import-upload",
            new() { ["Form.Channel"] = channel, ["Form.SalesDate"] = Yesterday.ToString("yyyy-MM-dd") }, ("Form.File", name, "text/csv", file));

    /// <summary>Uploads a file that must be accepted; returns the import's id from the redirect to its preview.</summary>
    private async Task<Guid> PreviewAsync(Shopper admin, byte[] file, string name = "sales.csv")
    {
        var response = await UploadAsync(admin, file, name);
        Assert.True(response.StatusCode == HttpStatusCode.Redirect, await response.Content.ReadAsStringAsync());
        return Guid.Parse(response.Headers.Location!.OriginalString.Split('?')[0].Split('/')[^1]);
    }

    private Task<HttpResponseMessage> CommitAsync(Shopper admin, Guid id) => admin.SubmitAsync($"{Url}/{id}", "form.import-commit", []);

    /// <summary>The refusal an upload answered with, as the page shows it.</summary>
    private static async Task<string> RefusalAsync(HttpResponseMessage response)
    {
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return (await response.ReadPageAsync()).QuerySelector(".import-error")!.TextContent;
    }

    private async Task<List<Order>> OrdersAsync(Guid importId)
    {
        await using var scope = shop.Scope(out var db);
        var prefix = $"import:{importId:N}:";
        return await db.Orders.AsNoTracking().Include(o => o.Lines).Where(o => o.PaymentReference!.StartsWith(prefix)).ToListAsync();
    }

    private async Task<SalesImport> ImportAsync(Guid id)
    {
        await using var scope = shop.Scope(out var db);
        return await db.SalesImports.AsNoTracking().SingleAsync(i => i.Id == id);
    }

    [Fact]
    public async Task A_valid_file_is_previewed_then_committed_as_paid_channel_orders_with_attribution_ledger_and_audit()
    {
        var admin = await AdminShop.AdminAsync(shop);
        var product = await ChannelDevice.RegisterAsync(shop);
        var file = Csv($"{R()},9:30,{product.Slug},2,10.00,20.00", $"{R()},10:05,{product.Slug},1,9.50,9.50", $"{R()},,{product.Slug},3,10,30");

        var id = await PreviewAsync(admin, file);
        var preview = await admin.PageAsync($"{Url}/{id}");
        Assert.Equal(3, preview.QuerySelectorAll("table.import-preview tbody tr").Length);
        Assert.Empty(preview.QuerySelectorAll("table.import-errors tbody tr"));
        Assert.Empty(await OrdersAsync(id));

        var committed = await admin.FollowAsync(await CommitAsync(admin, id));

        Assert.True(committed.QuerySelector(".import-status")!.GetAttribute("data-status") == "Committed", committed.QuerySelector(".import-failure")?.TextContent);
        var orders = await OrdersAsync(id);
        Assert.Equal(3, orders.Count);
        Assert.All(orders, o => Assert.Equal((Channel.ExhibitionCenter, OrderStatus.Paid, (string?)null), (o.Channel, o.Status, o.CustomerId)));
        Assert.Equal([950L, 2000, 3000], orders.Select(o => o.Total.Fen).Order());
        Assert.Contains(orders, o => ChinaTime.FromUtc(o.CreatedAtUtc) == Yesterday.ToDateTime(new TimeOnly(9, 30)));
        await using var scope = shop.Scope(out var db);
        var ids = orders.Select(o => o.Id).ToList();
        Assert.Equal(5950, await db.AttributionEntries.Where(a => ids.Contains(a.OrderId)).SumAsync(a => a.AmountFen));
        Assert.True(await db.AttributionEntries.Where(a => ids.Contains(a.OrderId)).AllAsync(a => a.Channel == Channel.ExhibitionCenter));
        Assert.Equal(3, await db.JournalEntries.CountAsync(e => e.OrderId != null && ids.Contains(e.OrderId.Value)));
        var audit = await db.AuditEntries.SingleAsync(a => a.Action == "sales-import.commit" && a.EntityId == id.ToString());
        Assert.Equal(admin.UserId, audit.UserId);
        Assert.Contains("59.50", audit.After);
        var import = await db.SalesImports.SingleAsync(i => i.Id == id);
        Assert.Equal((ImportStatus.Committed, 3, 5950L, 0), (import.Status, import.CommittedRows, import.CommittedFen, import.Content.Length));
        Assert.Equal(100, await db.Products.Where(p => p.Id == product.ProductId).Select(p => p.Stock).SingleAsync());
    }

    [Fact]
    public async Task Every_bad_cell_is_shown_by_row_and_column_and_only_the_valid_rows_are_committed()
    {
        var admin = await AdminShop.AdminAsync(shop);
        var product = await ChannelDevice.RegisterAsync(shop);
        var dup = R();
        var file = Csv(
            $"{dup},9:00,{product.Slug},1,10.00,10.00",       // row 2: valid
            $"{R()},9:00,no-such-product,1,10.00,10.00",       // 3: product
            $"{R()},9:00,{product.Slug},two,10.00,20.00",      // 4: quantity
            $"{R()},9:00,{product.Slug},1,20.00,20.00",        // 5: unit_price beyond the tolerance
            $"{R()},9:00,{product.Slug},2,10.00,25.00",        // 6: total
            $"{R()},25:00,{product.Slug},1,10.00,10.00",       // 7: time
            $"{dup},9:00,{product.Slug},1,10.00,10.00",        // 8: receipt repeated
            $"{R()},9:00,{product.Slug},1,10.005,abc",         // 9: unit_price and total
            $"{R()},9:00,{product.Slug},1000,10.00,10000.00",  // 10: quantity out of range
            $",9:00,{product.Slug},1,10.00,10.00",             // 11: receipt missing
            "",                                                // a blank line is skipped, not an error
            $"{R()},10:00,{product.Slug},4,10.00,40.00");      // 13: valid

        var id = await PreviewAsync(admin, file);
        var page = await admin.PageAsync($"{Url}/{id}");

        var errors = page.QuerySelectorAll("table.import-errors tbody tr").Select(tr => (tr.GetAttribute("data-row"), tr.GetAttribute("data-column"))).ToList();
        Assert.Equal([("3", "product"), ("4", "quantity"), ("5", "unit_price"), ("6", "total"), ("7", "time"), ("8", "receipt"),
            ("9", "unit_price"), ("9", "total"), ("10", "quantity"), ("11", "receipt")], errors);
        Assert.All(page.QuerySelectorAll("table.import-errors tbody tr td:last-child"), td => Assert.False(string.IsNullOrWhiteSpace(td.TextContent)));
        Assert.Equal(["2", "13"], page.QuerySelectorAll("table.import-preview tbody tr").Select(tr => tr.GetAttribute("data-row")!));

        await CommitAsync(admin, id);
        Assert.Equal([1000L, 4000], (await OrdersAsync(id)).Select(o => o.Total.Fen).Order());
    }

    [Fact]
    public async Task The_same_file_is_refused_once_committed_even_under_another_name_and_an_xlsx_file_imports_like_a_csv()
    {
        var admin = await AdminShop.AdminAsync(shop);
        var product = await ChannelDevice.RegisterAsync(shop);
        var rows = new[]
        {
            new Dictionary<string, object> { ["小票号"] = R(), ["时间"] = "11:00", ["商品"] = product.Slug, ["数量"] = 2, ["单价"] = 10.5, ["金额"] = 21 },
            new Dictionary<string, object> { ["小票号"] = R(), ["时间"] = "11:30", ["商品"] = product.Slug, ["数量"] = 1, ["单价"] = 10, ["金额"] = 10 },
        };
        using var buffer = new MemoryStream();
        MiniExcelLibs.MiniExcel.SaveAs(buffer, rows);
        var xlsx = buffer.ToArray();

        var id = await PreviewAsync(admin, xlsx, "直播订单.xlsx");
        await CommitAsync(admin, id);
        Assert.Equal([1000L, 2100], (await OrdersAsync(id)).Select(o => o.Total.Fen).Order());

        var again = await UploadAsync(admin, xlsx, "renamed.xlsx");
        Assert.Contains("已经导入过", await RefusalAsync(again));
        await using var scope = shop.Scope(out var db);
        Assert.Equal(1, await db.SalesImports.CountAsync(i => i.ContentHash == (db.SalesImports.Where(x => x.Id == id).Select(x => x.ContentHash).First())));
        Assert.Equal(2, (await OrdersAsync(id)).Count);
    }

    [Fact]
    public async Task When_one_row_cannot_be_written_nothing_of_the_file_is_and_the_page_says_so()
    {
        var admin = await AdminShop.AdminAsync(shop);
        var product = await ChannelDevice.RegisterAsync(shop);
        var last = R();
        var id = await PreviewAsync(admin, Csv($"{R()},9:00,{product.Slug},1,10.00,10.00", $"{R()},9:01,{product.Slug},1,10.00,10.00",
            $"{last},9:02,{product.Slug},1,10.00,10.00"));
        // Another order already holds the reference the last row's order will carry: its insert fails at the very end.
        await using (var scope = shop.Scope(out var db))
        {
            var p = await db.Products.Include(x => x.Producer).SingleAsync(x => x.Id == product.ProductId);
            var countyOf = await db.Villages.ToDictionaryAsync(v => v.Id, v => v.CountyId);
            var line = OrderLine.AtReportedPrice(p, p.Producer, countyOf, 1, new Money(1000), Yesterday);
            db.Orders.Add(Order.SoldOffline(Guid.NewGuid(), Channel.ExhibitionCenter, [line], DateTime.UtcNow, $"import:{id:N}:4:{last}"));
            await db.SaveChangesAsync();
        }

        var page = await admin.FollowAsync(await CommitAsync(admin, id));

        Assert.NotNull(page.QuerySelector(".import-failure"));
        Assert.Single(await OrdersAsync(id));
        var import = await ImportAsync(id);
        Assert.Equal((ImportStatus.Failed, 0, (DateTime?)null), (import.Status, import.CommittedRows, import.CommittedAtUtc));
        await using var check = shop.Scope(out var db2);
        Assert.False(await db2.AuditEntries.AnyAsync(a => a.EntityId == id.ToString()));
    }

    [Fact]
    public async Task Hostile_files_are_refused_with_a_message_or_kept_as_text_and_the_errors_export_escapes_formulas()
    {
        var admin = await AdminShop.AdminAsync(shop);
        var product = await ChannelDevice.RegisterAsync(shop);

        var garbage = new byte[10 * 1024 * 1024];
        new Random(14).NextBytes(garbage);
        Assert.Contains("8 MB", await RefusalAsync(await UploadAsync(admin, garbage)));
        Assert.Contains("UTF-8", await RefusalAsync(await UploadAsync(admin, garbage[..100_000])));
        Assert.Contains("XLSX", await RefusalAsync(await UploadAsync(admin, garbage[..100_000], "sales.xlsx")));
        Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);
        var gbk = Encoding.GetEncoding("GB18030").GetBytes($"小票号,时间,商品,数量,单价,金额\r\n{R()},9:00,{product.Slug},1,10.00,10.00\r\n");
        Assert.Contains("CSV UTF-8", await RefusalAsync(await UploadAsync(admin, gbk)));
        Assert.Contains("receipt", await RefusalAsync(await UploadAsync(admin, Encoding.UTF8.GetBytes("a,b,c\r\n1,2,3\r\n"))));
        Assert.Contains(".csv", await RefusalAsync(await UploadAsync(admin, Csv($"{R()},9:00,{product.Slug},1,10.00,10.00"), "sales.exe")));

        var formula = "=cmd|' /C calc'!A0";
        var script = "<script>alert(1)</script>";
        var id = await PreviewAsync(admin, Csv(
            $"\"{formula}{R()}\",9:00,{product.Slug},1,10.00,10.00",
            $"{script}{R()[..8]},9:00,{product.Slug},1,10.00,10.00",
            $"{R()},9:00,\"{formula}\",1,10.00,10.00",
            $"{R()},9:00,{script},1,10.00,10.00"));

        var response = await admin.Client.GetAsync($"{Url}/{id}");
        var html = await response.Content.ReadAsStringAsync();
        Assert.DoesNotContain(script, html);
        Assert.Contains("&lt;script&gt;alert(1)&lt;/script&gt;", html);
        var page = await admin.PageAsync($"{Url}/{id}");
        Assert.Equal([formula, script], page.QuerySelectorAll("table.import-errors td.import-value").Select(td => td.TextContent));

        var export = await admin.Client.GetAsync($"{Url}/{id}?handler=errors");
        Assert.Equal("text/csv", export.Content.Headers.ContentType!.MediaType);
        var csv = Encoding.UTF8.GetString(await export.Content.ReadAsByteArrayAsync());
        Assert.DoesNotContain("," + formula, csv);
        Assert.DoesNotContain("\"" + formula, csv);
        Assert.Contains("'" + formula.Replace("\"", "\"\""), csv);

        await CommitAsync(admin, id);
        var references = (await OrdersAsync(id)).Select(o => o.PaymentReference!).ToList();
        Assert.Contains(references, r => r.Contains(formula));
        Assert.Contains(references, r => r.Contains("<script>alert(1)"));
        var order = (await OrdersAsync(id)).Single(o => o.PaymentReference!.Contains("<script>"));
        var details = await (await admin.Client.GetAsync($"/admin/orders/{order.Id}")).Content.ReadAsStringAsync();
        Assert.DoesNotContain("<script>alert(1)", details);
    }

    [Fact]
    public async Task A_large_file_commits_in_a_background_job_with_progress_and_running_the_job_twice_counts_once()
    {
        var admin = await AdminShop.AdminAsync(shop);
        var product = await ChannelDevice.RegisterAsync(shop);
        var options = shop.Services.GetRequiredService<IOptions<ImportsOptions>>().Value;
        var (threshold, chunk) = (options.BackgroundFromRows, options.ChunkRows);
        (options.BackgroundFromRows, options.ChunkRows) = (5, 2);
        try
        {
            var id = await PreviewAsync(admin, Csv(Enumerable.Range(0, 7).Select(i => $"{R()},9:{i:00},{product.Slug},1,10.00,10.00").ToArray()));

            var page = await admin.FollowAsync(await CommitAsync(admin, id));

            Assert.Equal("Queued", page.QuerySelector(".import-status")!.GetAttribute("data-status"));
            Assert.NotNull(page.QuerySelector("progress#import-progress"));
            Assert.Equal("3", page.QuerySelector("meta[http-equiv=refresh]")!.GetAttribute("content"));
            Assert.Empty(await OrdersAsync(id));
            Assert.Contains("正在导入", await RefusalAsync(await UploadAsync(admin, await FileOfAsync(id))));

            for (var run = 0; run < 2; run++)
            {
                await using var scope = shop.Services.CreateAsyncScope();
                await scope.ServiceProvider.GetRequiredService<ImportSalesJob>().RunAsync(id, CancellationToken.None);
            }

            Assert.Equal(7, (await OrdersAsync(id)).Count);
            var done = await admin.PageAsync($"{Url}/{id}");
            Assert.Equal("Committed", done.QuerySelector(".import-status")!.GetAttribute("data-status"));
            Assert.Null(done.QuerySelector("meta[http-equiv=refresh]"));
        }
        finally { (options.BackgroundFromRows, options.ChunkRows) = (threshold, chunk); }
    }

    [Fact]
    public async Task The_progress_of_a_background_commit_is_read_from_the_import_row_so_a_page_on_any_node_shows_it()
    {
        var admin = await AdminShop.AdminAsync(shop);
        var product = await ChannelDevice.RegisterAsync(shop);
        var options = shop.Services.GetRequiredService<IOptions<ImportsOptions>>().Value;
        var threshold = options.BackgroundFromRows;
        options.BackgroundFromRows = 5;
        try
        {
            var id = await PreviewAsync(admin, Csv(Enumerable.Range(0, 7).Select(i => $"{R()},9:{i:00},{product.Slug},1,10.00,10.00").ToArray()));
            await CommitAsync(admin, id);
            // What a job running on another node writes after its second chunk, through its own connection.
            await using (var scope = shop.Scope(out var db))
                await db.SalesImports.Where(i => i.Id == id).ExecuteUpdateAsync(s => s.SetProperty(i => i.RowsWritten, 4));

            var page = await admin.PageAsync($"{Url}/{id}");

            var bar = page.QuerySelector("progress#import-progress")!;
            Assert.Equal(("4", "7"), (bar.GetAttribute("value"), bar.GetAttribute("max")));
            Assert.Contains("4", page.QuerySelector(".import-progress label")!.TextContent);

            await using (var scope = shop.Services.CreateAsyncScope())
                await scope.ServiceProvider.GetRequiredService<ImportSalesJob>().RunAsync(id, CancellationToken.None);
            var import = await ImportAsync(id);
            Assert.Equal((ImportStatus.Committed, 7, 7), (import.Status, import.RowsWritten, import.CommittedRows));
        }
        finally { options.BackgroundFromRows = threshold; }
    }

    private async Task<byte[]> FileOfAsync(Guid id) => (await ImportAsync(id)).Content;

    [Fact]
    public async Task An_auditor_reads_imports_but_sees_no_upload_or_commit_and_is_refused_on_the_server()
    {
        var admin = await AdminShop.AdminAsync(shop);
        var product = await ChannelDevice.RegisterAsync(shop);
        var id = await PreviewAsync(admin, Csv($"{R()},9:00,{product.Slug},1,10.00,10.00"));
        Assert.NotNull((await admin.PageAsync($"{Url}/{id}")).QuerySelector("form.import-commit"));
        var auditor = await AdminShop.AuditorAsync(shop);

        var list = await auditor.PageAsync(Url);
        var details = await auditor.PageAsync($"{Url}/{id}");
        var auditorToken = await auditor.AntiforgeryTokenAsync();
        var post = await auditor.Client.PostAsync($"{Url}/{id}?handler=Commit",
            new FormUrlEncodedContent(new Dictionary<string, string> { ["__RequestVerificationToken"] = auditorToken }));

        Assert.Null(list.QuerySelector("form.import-upload"));
        Assert.NotNull(list.QuerySelector($"tr[data-import='{id}']"));
        Assert.Null(details.QuerySelector("form.import-commit"));
        Assert.Equal(HttpStatusCode.Redirect, post.StatusCode);
        Assert.Equal("/account/access-denied", post.Headers.Location!.AbsolutePath);
        Assert.Empty(await OrdersAsync(id));
        Assert.Equal(ImportStatus.Previewed, (await ImportAsync(id)).Status);
    }

    /// <summary>A previewed import of one row, for the route table.</summary>
    public static async Task<Guid> StoredImportAsync(ShopFactory shop)
    {
        await using var scope = shop.Scope(out var db);
        var slug = await db.Products.Select(p => p.Slug).FirstAsync();
        var content = Encoding.UTF8.GetBytes($"{Header}\r\n{R()},9:00,{slug},1,1.00,1.00\r\n");
        var import = new SalesImport("route-table.csv", Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(content)), content,
            ImportFormat.Csv, Channel.ExhibitionCenter, ChinaTime.Today(shop.Clock), 1, 0, null, DateTime.UtcNow);
        db.SalesImports.Add(import);
        await db.SaveChangesAsync();
        return import.Id;
    }
}

public sealed class ImportsOnSqlite(SqliteShop shop) : ImportsTests<SqliteShop>(shop);
public sealed class ImportsOnPostgres(PostgresShop shop) : ImportsTests<PostgresShop>(shop);
