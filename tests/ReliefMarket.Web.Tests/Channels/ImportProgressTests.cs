using System.Text;
using Microsoft.Extensions.Options;
using ReliefMarket.Web.Channels.Imports;
using ReliefMarket.Web.Tests.Areas.Admin;
using ReliefMarket.Web.Tests.Areas.Cooperative;

namespace ReliefMarket.Web.Tests.Channels;

/// <summary>
/// A commit in the background, seen from elsewhere while it runs: PostgreSQL only, because SQLite lets no second
/// connection write while the commit's transaction is open (and a SQLite shop is one node).
/// </summary>
public class ImportProgressTests(PostgresShop shop) : IClassFixture<PostgresShop>
{
    [Fact]
    public async Task While_the_job_runs_another_connection_and_the_page_see_the_rows_written_and_none_of_them_is_committed()
    {
        var admin = await AdminShop.AdminAsync(shop);
        var product = await ChannelDevice.RegisterAsync(shop);
        var options = shop.Services.GetRequiredService<IOptions<ImportsOptions>>().Value;
        var (threshold, chunk) = (options.BackgroundFromRows, options.ChunkRows);
        (options.BackgroundFromRows, options.ChunkRows) = (5, 2);
        try
        {
            var receipts = Enumerable.Range(0, 7).Select(_ => $"P-{Guid.NewGuid():N}"[..14]).ToArray();
            var yesterday = ChinaTime.Today(shop.Clock).AddDays(-1);
            var csv = Encoding.UTF8.GetBytes(string.Join("\r\n", ["receipt,time,product,quantity,unit_price,total",
                .. receipts.Select((r, i) => $"{r},9:{i:00},{product.Slug},1,10.00,10.00")]) + "\r\n");
            var upload = await admin.UploadAsync("/admin/imports", "form.import-upload",
                new() { ["Form.Channel"] = "ExhibitionCenter", ["Form.SalesDate"] = yesterday.ToString("yyyy-MM-dd") }, ("Form.File", "big.csv", "text/csv", csv));
            var id = Guid.Parse(upload.Headers.Location!.OriginalString.Split('?')[0].Split('/')[^1]);
            await admin.SubmitAsync($"/admin/imports/{id}", "form.import-commit", []);

            // An open transaction holds the payment reference of the fifth data row (spreadsheet row 6): the job's third
            // chunk waits on it after writing four rows.
            await using var blocker = shop.Scope(out var blockDb);
            await using var blockTx = await blockDb.Database.BeginTransactionAsync();
            var p = await blockDb.Products.Include(x => x.Producer).SingleAsync(x => x.Id == product.ProductId);
            var countyOf = await blockDb.Villages.ToDictionaryAsync(v => v.Id, v => v.CountyId);
            var line = OrderLine.AtReportedPrice(p, p.Producer, countyOf, 1, new Money(1000), yesterday);
            blockDb.Orders.Add(Order.SoldOffline(Guid.NewGuid(), Channel.ExhibitionCenter, [line], DateTime.UtcNow, $"import:{id:N}:6:{receipts[4]}"));
            await blockDb.SaveChangesAsync();

            var job = Task.Run(async () =>
            {
                await using var scope = shop.Services.CreateAsyncScope();
                await scope.ServiceProvider.GetRequiredService<ImportSalesJob>().RunAsync(id, CancellationToken.None);
            });

            var seen = await WrittenAsync(id);
            for (var wait = 0; seen.Written < 4 && wait < 300; wait++, seen = await WrittenAsync(id)) await Task.Delay(100);
            Assert.Equal((4, 7, 0), seen);
            var page = await admin.PageAsync($"/admin/imports/{id}");
            Assert.Equal("Queued", page.QuerySelector(".import-status")!.GetAttribute("data-status"));
            Assert.Equal("4", page.QuerySelector("progress#import-progress")!.GetAttribute("value"));

            await blockTx.RollbackAsync();
            await job.WaitAsync(TimeSpan.FromSeconds(60));

            Assert.Equal((7, 7, 7), await WrittenAsync(id));
            await using var check = shop.Scope(out var db);
            Assert.Equal(ImportStatus.Committed, await db.SalesImports.Where(i => i.Id == id).Select(i => i.Status).SingleAsync());
        }
        finally { (options.BackgroundFromRows, options.ChunkRows) = (threshold, chunk); }
    }

    /// <summary>From a connection of its own: the progress on the row, and the orders committed so far.</summary>
    private async Task<(int Written, int ToWrite, int Committed)> WrittenAsync(Guid id)
    {
        await using var scope = shop.Scope(out var db);
        var prefix = $"import:{id:N}:";
        var row = await db.SalesImports.AsNoTracking().Where(i => i.Id == id).Select(i => new { i.RowsWritten, i.RowsToWrite }).SingleAsync();
        return (row.RowsWritten, row.RowsToWrite, await db.Orders.CountAsync(o => o.PaymentReference!.StartsWith(prefix)));
    }
}
