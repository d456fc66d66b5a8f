// Usage: ChannelSalesLoad <base-url> <devices> <seconds> <batch-size> <postgres-connection-string>
// Registers <devices> vending cabinets in the shop's database (through its own types), then:
//  1. API: every device posts batches of <batch-size> new sales to POST /api/v1/channel-sales for <seconds>;
//  2. baseline: the same sales, as many as the API accepted, written as plain single-row INSERTs into a scratch table,
//     one connection per device, in the same run against the same server;
//  3. retry storm: every device sends new batches, each twice at once, and every batch of step 1 once more; then the
//     database is counted: one order and one device_sales row per distinct sale, whatever was sent twice.
// Prints lines "api …", "baseline …", "storm …", "ratio …".
using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Npgsql;
using ReliefMarket.Domain.Ordering;
using ReliefMarket.Web;
using ReliefMarket.Web.Channels;
using ReliefMarket.Web.Data;

var (baseUrl, devices, seconds, batchSize, cs) = (args[0].TrimEnd('/'), int.Parse(args[1]), int.Parse(args[2]), int.Parse(args[3]), args[4]);
const string Slug = "hezhang-eggs";

var builder = WebApplication.CreateBuilder(["--Database:Provider=Postgres", $"--ConnectionStrings:Postgres={cs}", "--Logging:LogLevel:Default=Warning"]);
builder.Services.AddSingleton(TimeProvider.System);
builder.AddData();
var keys = new List<string>();
long price;
await using (var app = builder.Build())
await using (var scope = app.Services.CreateAsyncScope())
{
    var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
    price = (await db.Products.SingleAsync(p => p.Slug == Slug)).Price.Fen;
    for (var i = 0; i < devices; i++)
    {
        var (key, stored) = DeviceKey.New();
        // Cabinets with their own supply: stock is one row per product, and every cabinet selling the same eggs would
        // queue on it, which measures the stock row rather than the sales path.
        db.Devices.Add(new Device($"bench cabinet {i}", "bench", Channel.VendingCabinet, drawsOnStock: false, stored, DateTime.UtcNow));
        keys.Add(key);
    }
    await db.SaveChangesAsync();
}

var json = new JsonSerializerOptions(JsonSerializerDefaults.Web);
var soldAt = DateTimeOffset.UtcNow.AddMinutes(-1);
object Sale(string id) => new { saleId = id, occurredAt = soldAt, lines = new[] { new { product = Slug, quantity = 1, unitPriceFen = price } }, totalFen = price };
object[] Batch(int device, string tag, int n) => Enumerable.Range(0, batchSize).Select(i => Sale($"{device}-{tag}{n}-{i}")).ToArray();

var http = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = devices * 2 }) { BaseAddress = new Uri(baseUrl), Timeout = TimeSpan.FromMinutes(2) };
async Task<(ChannelSalesResponse? Body, double Ms)> PostAsync(int device, object[] sales)
{
    using var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/channel-sales") { Content = JsonContent.Create(new { sales }, options: json) };
    request.Headers.Add(DeviceKey.Header, keys[device]);
    var watch = Stopwatch.StartNew();
    using var response = await http.SendAsync(request);
    var body = response.IsSuccessStatusCode ? await response.Content.ReadFromJsonAsync<ChannelSalesResponse>(json) : null;
    return (body, watch.Elapsed.TotalMilliseconds);
}

// 1. The API.
var sent = new ConcurrentBag<(int Device, object[] Sales)>();
var batchMs = new ConcurrentBag<double>();
long accepted = 0, refused = 0, failed = 0;
var stop = DateTime.UtcNow.AddSeconds(seconds);
var clock = Stopwatch.StartNew();
await Task.WhenAll(Enumerable.Range(0, devices).Select(async d =>
{
    for (var n = 0; DateTime.UtcNow < stop; n++)
    {
        var batch = Batch(d, "a", n);
        var (body, ms) = await PostAsync(d, batch);
        if (body is null) { Interlocked.Increment(ref failed); continue; }
        sent.Add((d, batch));
        batchMs.Add(ms);
        Interlocked.Add(ref accepted, body.Accepted);
        Interlocked.Add(ref refused, body.Rejected + body.Conflicts);
    }
}));
var apiSeconds = clock.Elapsed.TotalSeconds;
var sorted = batchMs.Order().ToList();
double P(double p) => sorted.Count == 0 ? 0 : sorted[(int)Math.Min(sorted.Count - 1, Math.Ceiling(p * sorted.Count) - 1)];
Console.WriteLine($"api devices {devices} batch {batchSize} batches {sorted.Count} accepted {accepted} rejected {refused} failed-batches {failed} " +
                  $"seconds {apiSeconds:F1} sales/s {accepted / apiSeconds:F0} batch-p50-ms {P(0.5):F0} batch-p95-ms {P(0.95):F0}");

// 2. Baseline: the same sales as single-row INSERTs, one connection per device, as many rows as the API accepted.
await using (var setup = new NpgsqlConnection(cs))
{
    await setup.OpenAsync();
    await new NpgsqlCommand("DROP TABLE IF EXISTS bench_single_rows; CREATE TABLE bench_single_rows (id bigserial PRIMARY KEY, device int NOT NULL, " +
                            "sale_id text NOT NULL, occurred_at timestamptz NOT NULL, product text NOT NULL, quantity int NOT NULL, " +
                            "unit_price_fen bigint NOT NULL, total_fen bigint NOT NULL, UNIQUE (device, sale_id))", setup).ExecuteNonQueryAsync();
}
var rows = sent.SelectMany(b => b.Sales.Select((_, i) => (b.Device, Id: $"{b.Device}-{i}-{Guid.NewGuid():N}"))).Take((int)accepted).ToList();
clock.Restart();
await Task.WhenAll(rows.GroupBy(r => r.Device).Select(async g =>
{
    await using var connection = new NpgsqlConnection(cs);
    await connection.OpenAsync();
    foreach (var (device, id) in g)
    {
        await using var insert = new NpgsqlCommand("INSERT INTO bench_single_rows (device, sale_id, occurred_at, product, quantity, unit_price_fen, total_fen) " +
                                                   "VALUES (@d, @s, @t, @p, 1, @u, @u)", connection);
        insert.Parameters.AddWithValue("d", device);
        insert.Parameters.AddWithValue("s", id);
        insert.Parameters.AddWithValue("t", soldAt);
        insert.Parameters.AddWithValue("p", Slug);
        insert.Parameters.AddWithValue("u", price);
        await insert.ExecuteNonQueryAsync();
    }
}));
var baselineSeconds = clock.Elapsed.TotalSeconds;
Console.WriteLine($"baseline single-row-inserts {rows.Count} seconds {baselineSeconds:F1} rows/s {rows.Count / baselineSeconds:F0}");

// 3. Retry storm: new batches each sent twice at once, and every batch of step 1 again.
var stormBatches = Math.Max(1, sorted.Count / devices / 2);
long stormAccepted = 0, stormOther = 0, stormFailed = 0;
var distinctSent = accepted;
clock.Restart();
await Task.WhenAll(Enumerable.Range(0, devices).Select(async d =>
{
    for (var n = 0; n < stormBatches; n++)
    {
        var batch = Batch(d, "storm", n);
        var copies = await Task.WhenAll(PostAsync(d, batch), PostAsync(d, batch));
        foreach (var (body, _) in copies)
        {
            if (body is null) { Interlocked.Increment(ref stormFailed); continue; }
            Interlocked.Add(ref stormAccepted, body.Accepted);
            Interlocked.Add(ref stormOther, body.Rejected + body.Conflicts);
        }
    }
}));
await Task.WhenAll(sent.GroupBy(b => b.Device).Select(async g =>
{
    foreach (var (device, batch) in g)
    {
        var (body, _) = await PostAsync(device, batch);
        if (body is null) Interlocked.Increment(ref stormFailed);
        else { Interlocked.Add(ref stormAccepted, body.Accepted); Interlocked.Add(ref stormOther, body.Rejected + body.Conflicts); }
    }
}));
var expected = accepted + (long)devices * stormBatches * batchSize;
await using (var count = new NpgsqlConnection(cs))
{
    await count.OpenAsync();
    var orders = (long)(await new NpgsqlCommand("SELECT count(*) FROM orders WHERE payment_reference LIKE 'device:%'", count).ExecuteScalarAsync())!;
    var deviceSales = (long)(await new NpgsqlCommand("SELECT count(*) FROM device_sales", count).ExecuteScalarAsync())!;
    var duplicates = (long)(await new NpgsqlCommand("SELECT count(*) FROM (SELECT device_id, sale_id FROM device_sales GROUP BY device_id, sale_id HAVING count(*) > 1) d", count).ExecuteScalarAsync())!;
    Console.WriteLine($"storm sent {2L * devices * stormBatches * batchSize + sent.Sum(b => (long)b.Sales.Length)} answered-accepted {stormAccepted} other {stormOther} failed-batches {stormFailed} " +
                      $"seconds {clock.Elapsed.TotalSeconds:F1} distinct-sales {expected} orders {orders} device-sales {deviceSales} duplicates {duplicates} " +
                      $"{(orders == expected && deviceSales == expected && duplicates == 0 ? "OK" : "MISMATCH")}");
}
Console.WriteLine($"ratio api-sales/s-to-single-row-inserts/s {accepted / apiSeconds / (rows.Count / baselineSeconds):F3}");
