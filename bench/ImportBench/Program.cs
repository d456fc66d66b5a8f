// bench/imports' worker, on an empty PostgreSQL database: <connection string> <rows> <csv path>
// Migrates and seeds the demo catalogue with the app's own code, writes a CSV of <rows> sales in the documented template
// (receipt,time,product,quantity,unit_price,total) for yesterday, China time, then through the real services:
//   upload     SalesImports.UploadAsync: size and type checks, reading, validating every row, storing the file
//   preview    SalesImports.CheckAsync: what each look at /admin/imports/{id} costs (read and check again)
//   commit     CommitOrQueueAsync queues it (as the page does), then the real ImportSalesJob commits it, while another
//              connection polls the progress on the import's row (as a page on another node reads it)
// and, in the same run against the same server, the same rows as baselines:
//   inserts    one single-row INSERT per row into a scratch table, one connection
//   copy       the same rows by binary COPY
// Prints one line: "rows N csv-mb M upload-s U preview-s P commit-s C commit-cpu-s Q rows/s R progress-reads K progress-values V
//                   orders O entries E db-rows/s D inserts-s I inserts-rows/s IR copy-s Y copy-rows/s YR ok B".
using System.Diagnostics;
using System.Globalization;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Npgsql;
using NpgsqlTypes;
using ReliefMarket.Web;
using ReliefMarket.Web.Areas.Admin;
using ReliefMarket.Web.Channels;
using ReliefMarket.Web.Channels.Imports;
using ReliefMarket.Web.Data;
using ReliefMarket.Web.Hosting;
using ReliefMarket.Web.Ledger;
using ReliefMarket.Web.Localization;
using ReliefMarket.Web.Ordering;
using ReliefMarket.Web.Payments;
using ReliefMarket.Domain.Ordering;

CultureInfo.CurrentCulture = CultureInfo.InvariantCulture;
var (cs, rows, csvPath) = (args[0], int.Parse(args[1]), args[2]);

var builder = WebApplication.CreateBuilder(new WebApplicationOptions { ContentRootPath = AppContext.BaseDirectory });
builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
{
    ["Database:Provider"] = "Postgres", ["ConnectionStrings:Postgres"] = cs, ["Database:SeedDemoData"] = "true",
    ["Site:PublicBaseUrl"] = "http://127.0.0.1:5099", ["Payments:UseSandbox"] = "true", ["Email:UsePickupFolder"] = "true",
    ["Logging:LogLevel:Default"] = "Warning", ["Imports:MaxRows"] = Math.Max(rows, 100_000).ToString(CultureInfo.InvariantCulture),
});
if (Environment.GetEnvironmentVariable("Imports__ChunkRows") is { } chunkRows) builder.Configuration["Imports:ChunkRows"] = chunkRows;
builder.Services.AddSingleton(TimeProvider.System);
builder.AddSite();
builder.AddData();
builder.AddIdentity();
builder.AddLocalizedRazorPages();
builder.AddPayments();
builder.AddOrdering();
builder.AddLedger();
builder.AddAdminArea();
builder.AddChannels();
await using var app = builder.Build();
await app.PrepareDatabaseAsync();

// The file: the demo catalogue's products in turn, at their listing prices, 1–3 of each, times through the day.
var today = ChinaTime.Today(TimeProvider.System);
var salesDate = today.AddDays(-1);
List<(string Slug, long Fen)> products;
await using (var scope = app.Services.CreateAsyncScope())
    products = (await scope.ServiceProvider.GetRequiredService<AppDbContext>().Products.AsNoTracking().OrderBy(p => p.Id).ToListAsync())
        .Select(p => (p.Slug, p.Price.Fen)).ToList();
var text = new StringBuilder("receipt,time,product,quantity,unit_price,total\r\n");
for (var i = 0; i < rows; i++)
{
    var (slug, fen) = products[i % products.Count];
    var quantity = 1 + i % 3;
    var seconds = (int)((long)i * 86_399 / rows);
    text.Append(CultureInfo.InvariantCulture, $"R{i:0000000},{seconds / 3600:00}:{seconds / 60 % 60:00}:{seconds % 60:00},{slug},{quantity},{fen / 100}.{fen % 100:00},{fen * quantity / 100}.{fen * quantity % 100:00}\r\n");
}
var csv = Encoding.UTF8.GetBytes(text.ToString());
await File.WriteAllBytesAsync(csvPath, csv);

var watch = Stopwatch.StartNew();
Guid id;
await using (var scope = app.Services.CreateAsyncScope())
{
    var upload = await scope.ServiceProvider.GetRequiredService<SalesImports>()
        .UploadAsync("bench.csv", csv, Channel.ExhibitionCenter, salesDate, null, CancellationToken.None);
    id = upload is SalesImports.Uploaded u ? u.Id : throw new InvalidOperationException($"upload refused: {((SalesImports.Refused)upload).Key}");
}
var uploadSeconds = watch.Elapsed.TotalSeconds;

watch.Restart();
await using (var scope = app.Services.CreateAsyncScope())
{
    var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
    var import = await db.SalesImports.AsNoTracking().SingleAsync(i => i.Id == id);
    var check = await scope.ServiceProvider.GetRequiredService<SalesImports>().CheckAsync(import, CancellationToken.None);
    if (check.Valid.Count != rows) throw new InvalidOperationException($"{check.Valid.Count} valid rows of {rows}: {string.Join("; ", check.Errors.Take(3))}");
}
var previewSeconds = watch.Elapsed.TotalSeconds;

await using (var scope = app.Services.CreateAsyncScope())
{
    var queued = await scope.ServiceProvider.GetRequiredService<SalesImports>().CommitOrQueueAsync(id, _ => "bench", CancellationToken.None);
    if (queued != SalesImports.Commit.Queued) throw new InvalidOperationException($"not queued: {queued}");
}
// Another "node": reads the import's row while the job runs.
using var done = new CancellationTokenSource();
var progressValues = new HashSet<int>();
var progressReads = 0;
var poll = Task.Run(async () =>
{
    await using var connection = new NpgsqlConnection(cs);
    await connection.OpenAsync();
    while (!done.IsCancellationRequested)
    {
        await using var read = new NpgsqlCommand("SELECT rows_written FROM sales_imports WHERE id = @id", connection);
        read.Parameters.AddWithValue("id", id);
        progressValues.Add((int)(await read.ExecuteScalarAsync())!);
        progressReads++;
        await Task.Delay(250);
    }
});
watch.Restart();
var cpuBefore = Process.GetCurrentProcess().TotalProcessorTime;
await using (var scope = app.Services.CreateAsyncScope())
    await scope.ServiceProvider.GetRequiredService<ImportSalesJob>().RunAsync(id, CancellationToken.None);
var commitSeconds = watch.Elapsed.TotalSeconds;
// Where the time goes: this process's CPU (EF Core building and tracking entities and commands) against the wall clock.
var commitCpuSeconds = (Process.GetCurrentProcess().TotalProcessorTime - cpuBefore).TotalSeconds;
done.Cancel();
await poll;

long orders, entries;
ImportStatus status;
await using (var scope = app.Services.CreateAsyncScope())
{
    var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
    var prefix = $"import:{id:N}:";
    orders = await db.Orders.LongCountAsync(o => o.PaymentReference!.StartsWith(prefix));
    entries = await db.AttributionEntries.LongCountAsync(a => db.Orders.Any(o => o.Id == a.OrderId && o.PaymentReference!.StartsWith(prefix)));
    status = await db.SalesImports.Where(i => i.Id == id).Select(i => i.Status).SingleAsync();
}

// Baselines: the same rows, as typed, into a scratch table.
var soldAt = new DateTimeOffset(salesDate.ToDateTime(TimeOnly.MinValue), TimeSpan.FromHours(8)).ToUniversalTime();
var data = Enumerable.Range(0, rows).Select(i => (Receipt: $"R{i:0000000}", At: soldAt.AddSeconds((long)i * 86_399 / rows), products[i % products.Count].Slug,
    Quantity: 1 + i % 3, Price: products[i % products.Count].Fen)).ToList();
await using var scratch = new NpgsqlConnection(cs);
await scratch.OpenAsync();
async Task CreateScratchAsync() => await new NpgsqlCommand("DROP TABLE IF EXISTS bench_import_rows; CREATE TABLE bench_import_rows (id bigserial PRIMARY KEY, " +
    "receipt text NOT NULL UNIQUE, sold_at timestamptz NOT NULL, product text NOT NULL, quantity int NOT NULL, unit_price_fen bigint NOT NULL, total_fen bigint NOT NULL)", scratch).ExecuteNonQueryAsync();

await CreateScratchAsync();
watch.Restart();
foreach (var r in data)
{
    await using var insert = new NpgsqlCommand("INSERT INTO bench_import_rows (receipt, sold_at, product, quantity, unit_price_fen, total_fen) VALUES (@r, @t, @p, @q, @u, @s)", scratch);
    insert.Parameters.AddWithValue("r", r.Receipt);
    insert.Parameters.AddWithValue("t", r.At);
    insert.Parameters.AddWithValue("p", r.Slug);
    insert.Parameters.AddWithValue("q", r.Quantity);
    insert.Parameters.AddWithValue("u", r.Price);
    insert.Parameters.AddWithValue("s", r.Price * r.Quantity);
    await insert.ExecuteNonQueryAsync();
}
var insertSeconds = watch.Elapsed.TotalSeconds;

await CreateScratchAsync();
watch.Restart();
await using (var copy = await scratch.BeginBinaryImportAsync("COPY bench_import_rows (receipt, sold_at, product, quantity, unit_price_fen, total_fen) FROM STDIN (FORMAT BINARY)"))
{
    foreach (var r in data)
    {
        await copy.StartRowAsync();
        await copy.WriteAsync(r.Receipt, NpgsqlDbType.Text);
        await copy.WriteAsync(r.At, NpgsqlDbType.TimestampTz);
        await copy.WriteAsync(r.Slug, NpgsqlDbType.Text);
        await copy.WriteAsync(r.Quantity, NpgsqlDbType.Integer);
        await copy.WriteAsync(r.Price, NpgsqlDbType.Bigint);
        await copy.WriteAsync(r.Price * r.Quantity, NpgsqlDbType.Bigint);
    }
    await copy.CompleteAsync();
}
var copySeconds = watch.Elapsed.TotalSeconds;
await new NpgsqlCommand("DROP TABLE bench_import_rows", scratch).ExecuteNonQueryAsync();

// Every database row the commit wrote, for a per-row comparison with the baselines (each sale is an order, its line,
// an attribution entry per village, a journal entry and its lines).
await using var countRows = new NpgsqlCommand("""
    WITH o AS (SELECT id FROM orders WHERE payment_reference LIKE 'import:%')
    SELECT (SELECT count(*) FROM o) + (SELECT count(*) FROM order_lines WHERE order_id IN (SELECT id FROM o))
         + (SELECT count(*) FROM attribution_entries WHERE order_id IN (SELECT id FROM o))
         + (SELECT count(*) FROM journal_entries WHERE order_id IN (SELECT id FROM o))
         + (SELECT count(*) FROM journal_lines WHERE journal_entry_id IN (SELECT id FROM journal_entries WHERE order_id IN (SELECT id FROM o)))
    """, scratch);
var dbRows = (long)(await countRows.ExecuteScalarAsync())!;

var ok = status == ImportStatus.Committed && orders == rows && entries >= rows;
Console.WriteLine($"rows {rows} csv-mb {csv.Length / 1048576.0:F1} upload-s {uploadSeconds:F2} preview-s {previewSeconds:F2} commit-s {commitSeconds:F2} commit-cpu-s {commitCpuSeconds:F2} " +
    $"rows/s {rows / commitSeconds:F0} progress-reads {progressReads} progress-values {progressValues.Count} orders {orders} entries {entries} db-rows/s {dbRows / commitSeconds:F0} " +
    $"inserts-s {insertSeconds:F2} inserts-rows/s {rows / insertSeconds:F0} copy-s {copySeconds:F2} copy-rows/s {rows / copySeconds:F0} ok {ok}");
return ok ? 0 : 1;
