// Usage: ReportLoad <base-url> <provider> <connection-string> <entries> <users> <requests-per-view>
// 1. Unless the database already holds them, generates <entries> attribution entries (two villages per order line, two
//    lines per order) over the three years up to today: 5 counties, 50 villages, 500 producers, 5 channels, 1% refunds,
//    5% uncertified, bulk-inserted (PostgreSQL binary COPY; SQLite one prepared INSERT in one transaction).
// 2. Signs <users> auditors in and has them request each view <requests-per-view> times in all, <users> at once; then
//    runs each view's raw GROUP BY the same number of times from <users> connections at once.
// Prints one line per measurement: "<name> p50-ms <a> p95-ms <b> n <n> errors <e>".
using System.Data.Common;
using System.Diagnostics;
using System.Globalization;
using System.Net;
using AngleSharp;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Npgsql;
using NpgsqlTypes;
using ReliefMarket.Domain;
using ReliefMarket.Domain.Catalog;
using ReliefMarket.Web;
using ReliefMarket.Web.Data;

var (baseUrl, provider, connectionString) = (args[0].TrimEnd('/'), args[1], args[2]);
var (entries, users, requests) = (int.Parse(args[3]), int.Parse(args[4]), int.Parse(args[5]));
// A thread per worker from the start (RunAsync): the pool would otherwise add them one by one while the run is on.
ThreadPool.GetMinThreads(out var minWorkers, out var minIo);
ThreadPool.SetMinThreads(Math.Max(minWorkers, 2 * users), minIo);
const string Password = "Bench-auditor-2026";
var postgres = provider == "Postgres";
var today = DateOnly.FromDateTime(DateTime.UtcNow.AddHours(8));
var threeYearsFrom = today.AddYears(-3).AddDays(1);
var quarter = new DateOnly(today.Year, (today.Month - 1) / 3 * 3 + 1, 1).AddMonths(-3); // last quarter

var builder = WebApplication.CreateBuilder([$"--Database:Provider={provider}", $"--ConnectionStrings:{provider}={connectionString}",
    "--Logging:LogLevel:Default=Warning"]);
builder.Services.AddSingleton(TimeProvider.System);
builder.AddData();
builder.AddIdentity();
await using (var app = builder.Build())
await using (var scope = app.Services.CreateAsyncScope())
{
    var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
    db.Database.SetCommandTimeout(600);
    var userManager = scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>();
    for (var i = 0; i < users; i++)
    {
        var email = $"bench-auditor{i}@reliefmarket.test";
        if (await userManager.FindByEmailAsync(email) is not null) continue;
        var user = new AppUser { UserName = email, Email = email, EmailConfirmed = true };
        await userManager.CreateAsync(user, Password);
        await userManager.AddToRoleAsync(user, Roles.Auditor);
    }
    var existing = await db.AttributionEntries.CountAsync();
    if (existing < entries)
    {
        var watch = Stopwatch.StartNew();
        await GenerateAsync(db, entries);
        Console.Error.WriteLine($"generated {entries} entries in {watch.Elapsed.TotalSeconds:F0} s");
    }
    // What reports meet once autovacuum has been round: a migration that rewrote the entries (one backfilled a column)
    // leaves PostgreSQL without a visibility map, and index-only scans then read the table too (bench/reports, 30 Nov 2026).
    if (postgres) await db.Database.ExecuteSqlRawAsync("VACUUM (ANALYZE) attribution_entries");
}

var views = new (string Name, string Url)[]
{
    ("page quarter county x channel", $"/admin/reports?period=range&from={quarter:yyyy-MM-dd}&to={quarter.AddMonths(3).AddDays(-1):yyyy-MM-dd}&rows=County&cols=Channel"),
    ("page 3 years village x month", $"/admin/reports?period=range&from={threeYearsFrom:yyyy-MM-dd}&to={today:yyyy-MM-dd}&rows=Village&cols=Month"),
    ("csv 3 years village x month", $"/admin/reports?handler=csv&period=range&from={threeYearsFrom:yyyy-MM-dd}&to={today:yyyy-MM-dd}&rows=Village&cols=Month"),
};
var clients = new List<HttpClient>();
for (var i = 0; i < users; i++)
{
    var http = new HttpClient(new PlainCookies { InnerHandler = new SocketsHttpHandler { AllowAutoRedirect = false, UseCookies = false } })
        { BaseAddress = new Uri(baseUrl), Timeout = TimeSpan.FromSeconds(120) };
    var signedIn = await SubmitAsync(http, "/account/login", "form.form", new() { ["Email"] = $"bench-auditor{i}@reliefmarket.test", ["Password"] = Password });
    if (signedIn.StatusCode != HttpStatusCode.Redirect) throw new InvalidOperationException($"sign-in failed: {signedIn.StatusCode}");
    clients.Add(http);
}
foreach (var (name, url) in views)
{
    var first = await clients[0].GetAsync(url); // warm-up, and a check that the view is what we think
    var body = await first.Content.ReadAsStringAsync();
    if (!first.IsSuccessStatusCode || (name.StartsWith("page") && !body.Contains("grand-total")) || (name.StartsWith("csv") && first.Content.Headers.ContentType?.MediaType != "text/csv"))
        throw new InvalidOperationException($"{name}: {first.StatusCode} {body[..Math.Min(400, body.Length)]}");
    var errors = 0;
    var times = await RunAsync(requests, users, async worker =>
    {
        using var response = await clients[worker].GetAsync(url, HttpCompletionOption.ResponseContentRead);
        if (!response.IsSuccessStatusCode) Interlocked.Increment(ref errors);
    });
    Print(name, times, errors);
}

// The raw GROUP BY of each view: the same filter (certified, the period in China time), the same groups, nothing else.
// The three-year view has two: months from the time (as first written), and from the date column (the stricter baseline).
// The month leads their GROUP BY: led by the village, SQLite reads the village index and the table (1.6 s of CPU against
// 0.37 s from the covering report index), which made the SQLite baseline four times too slow.
var (quarterFrom, quarterTo) = (ToUtc(quarter), ToUtc(quarter.AddMonths(3)));
var (yearsFrom, yearsTo) = (ToUtc(threeYearsFrom), ToUtc(today.AddDays(1)));
var raw = new (string Name, string Sql, DateTime From, DateTime To)[]
{
    ("raw quarter county x channel",
        "SELECT county_id, channel, SUM(amount_fen) FROM attribution_entries WHERE certified_at_sale AND occurred_at_utc >= @from AND occurred_at_utc < @to GROUP BY county_id, channel",
        quarterFrom, quarterTo),
    ("raw 3 years village x month", postgres
        ? "SELECT date_trunc('month', occurred_at_utc + interval '8 hours'), village_id, SUM(amount_fen) FROM attribution_entries WHERE certified_at_sale AND occurred_at_utc >= @from AND occurred_at_utc < @to GROUP BY 1, 2"
        : "SELECT strftime('%Y-%m', occurred_at_utc, '+8 hours'), village_id, SUM(amount_fen) FROM attribution_entries WHERE certified_at_sale AND occurred_at_utc >= @from AND occurred_at_utc < @to GROUP BY 1, 2",
        yearsFrom, yearsTo),
    // The same question asked of the entries' China-time date column (yyyymmdd), which the report itself groups by.
    ("raw 3 years village x month by date column",
        "SELECT china_date / 100, village_id, SUM(amount_fen) FROM attribution_entries WHERE certified_at_sale AND occurred_at_utc >= @from AND occurred_at_utc < @to GROUP BY 1, 2",
        yearsFrom, yearsTo),
};
foreach (var (name, sql, from, to) in raw)
{
    var connections = new List<DbConnection>();
    for (var i = 0; i < users; i++)
    {
        DbConnection c = postgres ? new NpgsqlConnection(connectionString) : new Microsoft.Data.Sqlite.SqliteConnection(connectionString);
        await c.OpenAsync();
        connections.Add(c);
    }
    async Task QueryAsync(int worker)
    {
        await using var command = connections[worker].CreateCommand();
        command.CommandText = sql;
        command.CommandTimeout = 120;
        Parameter(command, "@from", from);
        Parameter(command, "@to", to);
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync()) { }
    }
    await QueryAsync(0);
    Print(name, await RunAsync(requests, users, QueryAsync), 0);
    foreach (var c in connections) await c.DisposeAsync();
}

DateTime ToUtc(DateOnly chinaDay) => DateTime.SpecifyKind(chinaDay.ToDateTime(TimeOnly.MinValue).AddHours(-8), DateTimeKind.Utc);

void Parameter(DbCommand command, string name, DateTime value)
{
    var p = command.CreateParameter();
    p.ParameterName = name;
    // SQLite keeps the shop's UTC times as text in this format (EF Core's), so the comparison is textual.
    p.Value = postgres ? value : value.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture);
    command.Parameters.Add(p);
}

static void Print(string name, List<double> times, int errors)
{
    times.Sort();
    double Percentile(double p) => times.Count == 0 ? 0 : times[(int)Math.Min(times.Count - 1, Math.Ceiling(p * times.Count) - 1)];
    Console.WriteLine($"{name.Replace(' ', '_')} p50-ms {Percentile(0.50):F1} p95-ms {Percentile(0.95):F1} n {times.Count} errors {errors}");
}

// <total> calls of <call> from <workers> workers at once; each call's latency in milliseconds. Each worker starts on a
// thread of its own: Microsoft.Data.Sqlite's async calls complete synchronously, so a plain async lambda would run every
// call of the first worker before the next one started — the SQLite raw queries were measured one at a time, against
// pages measured 8 at once.
static async Task<List<double>> RunAsync(int total, int workers, Func<int, Task> call)
{
    var times = new List<double>();
    var next = 0;
    await Task.WhenAll(Enumerable.Range(0, workers).Select(worker => Task.Run(async () =>
    {
        while (Interlocked.Increment(ref next) <= total)
        {
            var watch = Stopwatch.StartNew();
            await call(worker);
            lock (times) times.Add(watch.Elapsed.TotalMilliseconds);
        }
    })));
    return times;
}

static async Task<HttpResponseMessage> SubmitAsync(HttpClient http, string url, string selector, Dictionary<string, string> values)
{
    var html = await http.GetStringAsync(url);
    var page = await BrowsingContext.New().OpenAsync(r => r.Content(html));
    var form = page.QuerySelector(selector) ?? throw new InvalidOperationException($"no {selector} on {url}");
    var fields = form.QuerySelectorAll("input[name]").Where(e => e.GetAttribute("type") is not ("checkbox" or "submit"))
        .ToDictionary(e => e.GetAttribute("name")!, e => e.GetAttribute("value") ?? "");
    foreach (var (k, v) in values) fields[k] = v;
    var action = form.GetAttribute("action");
    return await http.PostAsync(string.IsNullOrEmpty(action) ? url : action, new FormUrlEncodedContent(fields));
}

// Villages and producers through the domain (their rules hold), orders, lines and entries in bulk.
async Task GenerateAsync(AppDbContext db, int count)
{
    var random = new Random(2020);
    var counties = await db.Counties.OrderBy(c => c.Id).ToListAsync();
    foreach (var county in counties)
    {
        var have = await db.Villages.CountAsync(v => v.CountyId == county.Id);
        for (var (i, households) = (have, random.Next(20, 400)); i < 10; i++, households = random.Next(20, 400))
            db.Villages.Add(new Village(county, null, $"bench-{county.Code}-{i}", new($"压测村{county.Code}{i}", $"Bench {county.Code} {i}"),
                households, households * 3 + random.Next(0, 200), true, false, new("", ""), isDemoData: true));
    }
    await db.SaveChangesAsync();
    var villages = await db.Villages.ToListAsync();
    var producerCount = await db.Producers.CountAsync();
    for (var i = producerCount; i < 500; i++)
    {
        var home = villages[random.Next(villages.Count)];
        var other = villages.Where(v => v.CountyId == home.CountyId && v.Id != home.Id).OrderBy(_ => random.Next()).First();
        var producer = new Producer($"bench-producer-{i}", new($"压测合作社{i}", $"Bench producer {i}"), ProducerKind.Cooperative, home, 10, new("", ""), true);
        producer.SetSourcingShares([new SourcingShare(home.Id, 6000), new SourcingShare(other.Id, 4000)]);
        db.Producers.Add(producer);
    }
    await db.SaveChangesAsync();
    var villageCounty = villages.ToDictionary(v => v.Id, v => v.CountyId);
    var producers = (await db.Producers.Select(p => new { p.Id, Shares = p.SourcingShares.Select(s => s.VillageId).ToList() }).ToListAsync())
        .Select(p => (p.Id, First: p.Shares[0], Second: p.Shares.Count > 1 ? p.Shares[1] : p.Shares[0])).ToArray();
    var productIds = await db.Products.Select(p => p.Id).ToArrayAsync();
    var channels = Enum.GetNames<ReliefMarket.Domain.Ordering.Channel>();
    var firstLineId = (await db.OrderLines.MaxAsync(l => (long?)l.Id) ?? 0) + 1;
    var span = (DateTime.UtcNow - ToUtc(threeYearsFrom)).TotalSeconds;
    var start = ToUtc(threeYearsFrom);

    // Two lines an order, two villages a line: four entries an order.
    var orders = count / 4;
    IEnumerable<(Guid Order, DateTime At, string Channel, long Line, int Product, int Producer, int Quantity, long Price, bool Certified, (int Village, long Fen, int Units)[] Parts, bool Refund)> Rows()
    {
        var line = firstLineId;
        for (var o = 0; o < orders; o++)
        {
            var (id, at, channel) = (Guid.NewGuid(), start.AddSeconds(random.NextDouble() * span), channels[random.Next(channels.Length)]);
            for (var l = 0; l < 2; l++, line++)
            {
                var p = producers[random.Next(producers.Length)];
                var (quantity, price) = (random.Next(1, 5), random.Next(990, 9990));
                var amount = quantity * (long)price;
                var first = amount * 6 / 10;
                var refund = random.Next(100) == 0;
                // A sale entry carries its part of the line's units (split 60/40 like the money, as AttributionRule does); a refund none.
                Money[] units = refund ? [Money.Zero, Money.Zero] : new Money(quantity).Allocate([6000, 4000]);
                yield return (id, at, channel, line, productIds[random.Next(productIds.Length)], p.Id, quantity, price, random.Next(100) >= 5,
                    [(p.First, first, (int)units[0].Fen), (p.Second, amount - first, (int)units[1].Fen)], refund);
            }
        }
    }
    var rows = Rows().ToList();
    // Each order's first sale entry counts it, and its first certified one in the aid view: what AttributionRule marks when
    // it writes an order's entries, set here the way the migration Reports3OrderCounts set it for entries written before.
    const string MarkOrderCounts =
        "UPDATE attribution_entries SET counts_order = TRUE WHERE id IN (SELECT MIN(id) FROM attribution_entries WHERE kind = 'Sale' GROUP BY order_id);" +
        "UPDATE attribution_entries SET counts_aid_order = TRUE WHERE id IN (SELECT MIN(id) FROM attribution_entries WHERE kind = 'Sale' AND certified_at_sale GROUP BY order_id)";
    if (postgres) await CopyAsync((NpgsqlConnection)db.Database.GetDbConnection(), rows.Select(r => (r.Order, r.At, r.Channel, r.Line, r.Product, r.Producer, r.Quantity, r.Price, r.Certified, r.Parts, r.Refund)).ToList());
    else await InsertAsync(db.Database.GetDbConnection(), rows.Select(r => (r.Order, r.At, r.Channel, r.Line, r.Product, r.Producer, r.Quantity, r.Price, r.Certified, r.Parts, r.Refund)).ToList());

    async Task CopyAsync(NpgsqlConnection connection, List<(Guid Order, DateTime At, string Channel, long Line, int Product, int Producer, int Quantity, long Price, bool Certified, (int Village, long Fen, int Units)[] Parts, bool Refund)> all)
    {
        await connection.OpenAsync();
        await using (var copy = await connection.BeginBinaryImportAsync(
            "COPY orders (id, channel, status, subtotal_fen, shipping_fee_fen, total_fen, refunded_fen, created_at_utc, paid_at_utc, awaiting_async_payment, expires_at_utc) FROM STDIN (FORMAT BINARY)"))
        {
            copy.Timeout = TimeSpan.FromMinutes(15);
            foreach (var order in all.GroupBy(r => r.Order))
            {
                var r = order.First();
                var total = order.Sum(x => x.Quantity * x.Price);
                await copy.StartRowAsync();
                await copy.WriteAsync(r.Order, NpgsqlDbType.Uuid); await copy.WriteAsync(r.Channel); await copy.WriteAsync("Delivered");
                await copy.WriteAsync(total); await copy.WriteAsync(0L); await copy.WriteAsync(total); await copy.WriteAsync(0L);
                await copy.WriteAsync(r.At, NpgsqlDbType.TimestampTz); await copy.WriteAsync(r.At, NpgsqlDbType.TimestampTz);
                await copy.WriteAsync(false); await copy.WriteAsync(r.At.AddMinutes(30), NpgsqlDbType.TimestampTz);
            }
            await copy.CompleteAsync();
        }
        await using (var copy = await connection.BeginBinaryImportAsync(
            "COPY order_lines (id, order_id, product_id, unit_price_fen, quantity, producer_id, certified_at_sale, producer_name_en, producer_name_zh, product_name_en, product_name_zh, unit_en, unit_zh) FROM STDIN (FORMAT BINARY)"))
        {
            copy.Timeout = TimeSpan.FromMinutes(15);
            foreach (var r in all)
            {
                await copy.StartRowAsync();
                await copy.WriteAsync(r.Line); await copy.WriteAsync(r.Order, NpgsqlDbType.Uuid); await copy.WriteAsync(r.Product); await copy.WriteAsync(r.Price);
                await copy.WriteAsync(r.Quantity); await copy.WriteAsync(r.Producer); await copy.WriteAsync(r.Certified);
                foreach (var text in new[] { "Bench producer", "压测合作社", "Bench product", "压测产品", "box", "箱" }) await copy.WriteAsync(text);
            }
            await copy.CompleteAsync();
        }
        await using (var copy = await connection.BeginBinaryImportAsync(
            "COPY attribution_entries (order_id, order_line_id, village_id, county_id, producer_id, channel, certified_at_sale, kind, amount_fen, occurred_at_utc, units, china_date) FROM STDIN (FORMAT BINARY)"))
        {
            copy.Timeout = TimeSpan.FromMinutes(15);
            foreach (var r in all)
                foreach (var (village, fen, units) in r.Parts)
                {
                    await copy.StartRowAsync();
                    await copy.WriteAsync(r.Order, NpgsqlDbType.Uuid); await copy.WriteAsync(r.Line); await copy.WriteAsync(village); await copy.WriteAsync(villageCounty[village]);
                    await copy.WriteAsync(r.Producer); await copy.WriteAsync(r.Channel); await copy.WriteAsync(r.Certified);
                    await copy.WriteAsync(r.Refund ? "Refund" : "Sale"); await copy.WriteAsync(r.Refund ? -fen : fen); await copy.WriteAsync(r.At, NpgsqlDbType.TimestampTz);
                    await copy.WriteAsync(units); await copy.WriteAsync(ReliefMarket.Domain.Attribution.AttributionEntry.DateKey(r.At));
                }
            await copy.CompleteAsync();
        }
        await using var counts = new NpgsqlCommand(MarkOrderCounts, connection) { CommandTimeout = 600 };
        await counts.ExecuteNonQueryAsync();
        await using var analyze = new NpgsqlCommand("ANALYZE", connection) { CommandTimeout = 600 };
        await analyze.ExecuteNonQueryAsync();
    }

    async Task InsertAsync(DbConnection connection, List<(Guid Order, DateTime At, string Channel, long Line, int Product, int Producer, int Quantity, long Price, bool Certified, (int Village, long Fen, int Units)[] Parts, bool Refund)> all)
    {
        await connection.OpenAsync();
        await using var transaction = await connection.BeginTransactionAsync();
        string Time(DateTime t) => t.ToString("yyyy-MM-dd HH:mm:ss.FFFFFFF", CultureInfo.InvariantCulture);
        DbCommand Prepare(string sql, int parameters)
        {
            var c = connection.CreateCommand();
            c.Transaction = transaction;
            c.CommandText = sql;
            for (var i = 0; i < parameters; i++) { var p = c.CreateParameter(); p.ParameterName = $"@p{i}"; c.Parameters.Add(p); }
            c.Prepare();
            return c;
        }
        async Task Run(DbCommand c, params object[] values)
        {
            for (var i = 0; i < values.Length; i++) c.Parameters[i].Value = values[i];
            await c.ExecuteNonQueryAsync();
        }
        var order = Prepare("INSERT INTO orders (id, channel, status, subtotal_fen, shipping_fee_fen, total_fen, refunded_fen, created_at_utc, paid_at_utc, awaiting_async_payment, expires_at_utc) VALUES (@p0, @p1, 'Delivered', @p2, 0, @p2, 0, @p3, @p3, 0, @p3)", 4);
        var line = Prepare("INSERT INTO order_lines (id, order_id, product_id, unit_price_fen, quantity, producer_id, certified_at_sale, producer_name_en, producer_name_zh, product_name_en, product_name_zh, unit_en, unit_zh) VALUES (@p0, @p1, @p2, @p3, @p4, @p5, @p6, 'Bench producer', '压测合作社', 'Bench product', '压测产品', 'box', '箱')", 7);
        var entry = Prepare("INSERT INTO attribution_entries (order_id, order_line_id, village_id, county_id, producer_id, channel, certified_at_sale, kind, amount_fen, occurred_at_utc, units, china_date) VALUES (@p0, @p1, @p2, @p3, @p4, @p5, @p6, @p7, @p8, @p9, @p10, @p11)", 12);
        foreach (var o in all.GroupBy(r => r.Order))
        {
            var r0 = o.First();
            var id = r0.Order.ToString().ToUpperInvariant(); // EF Core keeps SQLite GUIDs as upper-case text
            await Run(order, id, r0.Channel, o.Sum(x => x.Quantity * x.Price), Time(r0.At));
            foreach (var r in o)
            {
                await Run(line, r.Line, id, r.Product, r.Price, r.Quantity, r.Producer, r.Certified ? 1 : 0);
                foreach (var (village, fen, units) in r.Parts)
                    await Run(entry, id, r.Line, village, villageCounty[village], r.Producer, r.Channel, r.Certified ? 1 : 0, r.Refund ? "Refund" : "Sale", r.Refund ? -fen : fen, Time(r.At),
                        units, ReliefMarket.Domain.Attribution.AttributionEntry.DateKey(r.At));
            }
        }
        await using (var counts = connection.CreateCommand())
        {
            (counts.Transaction, counts.CommandText, counts.CommandTimeout) = (transaction, MarkOrderCounts, 600);
            await counts.ExecuteNonQueryAsync();
        }
        await transaction.CommitAsync();
        await using var analyze = connection.CreateCommand();
        analyze.CommandText = "ANALYZE";
        analyze.CommandTimeout = 600;
        await analyze.ExecuteNonQueryAsync();
    }
}

/// <summary>
/// Keeps cookies by name and sends them back, Secure or not: the shop runs as Production (every cookie Secure) and the
/// bench talks plain HTTP to 127.0.0.1, where a CookieContainer would drop them.
/// </summary>
sealed class PlainCookies : DelegatingHandler
{
    private readonly Dictionary<string, string> _cookies = [];

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken ct)
    {
        lock (_cookies)
            if (_cookies.Count > 0) request.Headers.Add("Cookie", string.Join("; ", _cookies.Select(c => $"{c.Key}={c.Value}")));
        var response = await base.SendAsync(request, ct);
        if (response.Headers.TryGetValues("Set-Cookie", out var values))
            lock (_cookies)
                foreach (var pair in values.Select(v => v.Split(';')[0].Split('=', 2)).Where(p => p.Length == 2))
                    _cookies[pair[0].Trim()] = pair[1];
        return response;
    }
}
