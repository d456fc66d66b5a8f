// bench/settlement's worker: one provider per process, on an empty database.
//   <Sqlite|Postgres> <connection string> <order lines>
// Migrates with the app's migrations, then generates in SQL (INSERT … SELECT over a numbers table filled by
// generate_series or a recursive CTE) <order lines> lines, four per order, for 500 producers over 13 China weeks:
// products, orders, order lines, village shares, attribution entries and the ledger entries the app posts for paid
// orders and refunds (1 order in 100 is refunded ten days after payment; 1 in 20 online orders is never delivered,
// so its money is held; 1 in 10 orders is sold offline), and the hold releases of delivered orders. Then, on a clock one hour after the 13th week:
//   raw        SELECT producer_id, SUM(amount_fen) FROM attribution_entries WHERE <13 weeks> GROUP BY producer_id
//              (median of three runs)
//   close      the real SettlementJob closing all 13 periods (median of three runs)
//   reconcile  the real ReconciliationJob over the same data
// Then reads every 50th statement's lines (itemised from the bookings) and checks they add up to its payable.
// Before closing, the job's daily step sums each of the 91 days as it would have at 00:10 after each (median: day).
// Prints one line: "lines N entries E generate-s G raw-s R close-s C ratio X day-s D reconcile-s Y statements S sampled-lines L balanced B".
using System.Diagnostics;
using System.Globalization;
using Microsoft.AspNetCore.Builder;
using System.Collections.Concurrent;
using System.Data.Common;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using ReliefMarket.Domain.Settlement;
using ReliefMarket.Web.Data;
using ReliefMarket.Web.Email;
using ReliefMarket.Web.Hosting;
using ReliefMarket.Web.Ledger;
using ReliefMarket.Web.Localization;
using ReliefMarket.Web.Payments;
using ReliefMarket.Web.Settlement;

CultureInfo.CurrentCulture = CultureInfo.InvariantCulture;
var (provider, connection, lines) = (args[0], args[1], int.Parse(args[2]));
const int Producers = 500, Weeks = 13, LinesPerOrder = 4;
var postgres = provider == "Postgres";

// Thirteen finished weeks, the last ending this week's Monday 00:00 China time; the clock stands an hour later.
var end = SettlementPeriod.StartOf(DateTime.UtcNow, PeriodLength.Weekly);
var start = end.AddDays(-7 * Weeks);
var clock = new FixedClock(end.AddHours(1));
long span = (long)(end - start).TotalSeconds;

var builder = WebApplication.CreateBuilder(new WebApplicationOptions { ContentRootPath = AppContext.BaseDirectory });
builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
{
    ["Database:Provider"] = provider, [$"ConnectionStrings:{provider}"] = connection, ["Site:PublicBaseUrl"] = "http://127.0.0.1:5099",
    ["Payments:UseSandbox"] = "true", ["Email:UsePickupFolder"] = "true", ["Logging:LogLevel:Default"] = "Warning",
});
builder.Services.AddSingleton<TimeProvider>(clock);
var profile = new CommandTimes();
builder.Services.AddSingleton<IInterceptor>(profile);
builder.AddSite();
builder.AddData();
builder.AddLocalizedRazorPages();
builder.AddPayments();
builder.AddEmail();
builder.AddLedger();
builder.AddSettlement();
var app = builder.Build();

var clockwatch = Stopwatch.StartNew();
await using (var scope = app.Services.CreateAsyncScope())
{
    var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
    db.Database.SetCommandTimeout(TimeSpan.FromMinutes(30));
    await db.Database.MigrateAsync();
    clockwatch.Restart();
    await using var tx = await db.Database.BeginTransactionAsync();
    foreach (var sql in Generate()) await db.Database.ExecuteSqlRawAsync(sql);
    await tx.CommitAsync();
    // As autovacuum would have by the time a week closes: statistics, and the visibility map index-only scans rely on.
    if (postgres) await db.Database.ExecuteSqlRawAsync("VACUUM ANALYZE");
}
var generateSeconds = clockwatch.Elapsed.TotalSeconds;

long entries;
var raw = new List<double>();
await using (var scope = app.Services.CreateAsyncScope())
{
    var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
    entries = await db.AttributionEntries.LongCountAsync();
    for (var i = 0; i < 3; i++)
    {
        clockwatch.Restart();
        var sums = await db.Database.SqlQuery<ProducerSum>($"""
            SELECT producer_id AS "ProducerId", SUM(amount_fen) AS "AmountFen" FROM attribution_entries
            WHERE occurred_at_utc >= {start} AND occurred_at_utc < {end} GROUP BY producer_id
            """).ToListAsync();
        raw.Add(clockwatch.Elapsed.TotalSeconds);
        if (sums.Count != Math.Min(Producers, lines)) throw new InvalidOperationException($"raw query saw {sums.Count} producers");
    }
}
var rawSeconds = raw.Order().ElementAt(1);

// As the daily job does at 00:10 China time: sum the day that has just ended, one day at a time (median of the 91).
var dayTimes = new List<double>();
for (var day = start; day < end; day = day.AddDays(1))
{
    await using var scope = app.Services.CreateAsyncScope();
    var job = ActivatorUtilities.CreateInstance<SettlementJob>(scope.ServiceProvider, Options.Create(new SettlementOptions()));
    clockwatch.Restart();
    await job.SumFinishedDaysAsync(day.AddDays(1).AddMinutes(10), CancellationToken.None);
    dayTimes.Add(clockwatch.Elapsed.TotalSeconds);
}
var daySeconds = dayTimes.Order().ElementAt(dayTimes.Count / 2);
// Statistics on the days, as autovacuum keeps them while a row a producer is added each day (here: 91 days in seconds).
if (postgres)
    await using (var scope = app.Services.CreateAsyncScope())
        await scope.ServiceProvider.GetRequiredService<AppDbContext>().Database.ExecuteSqlRawAsync("ANALYZE producer_days");

// Closing all 13 periods, three times (the statements deleted and the periods reopened in between; no fee, so no
// ledger postings to undo): the median, like the raw query's. The first run's commands are profiled.
var closes = new List<double>();
for (var run = 0; run < 3; run++)
{
    await using var scope = app.Services.CreateAsyncScope();
    var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
    if (run > 0) await db.Database.ExecuteSqlRawAsync("DELETE FROM settlement_statements; UPDATE settlement_periods SET closed_at_utc = NULL");
    var job = ActivatorUtilities.CreateInstance<SettlementJob>(scope.ServiceProvider, Options.Create(new SettlementOptions()));
    profile.Clear();
    clockwatch.Restart();
    await job.RunAsync(CancellationToken.None);
    closes.Add(clockwatch.Elapsed.TotalSeconds);
    if (run == 0) profile.Report("closing (first run)");
}
Console.Error.WriteLine($"close runs (s): {string.Join(" ", closes.Select(c => c.ToString("F3")))}");
var closeSeconds = closes.Order().ElementAt(1);

double reconcileSeconds;
bool balanced;
int statements, statementLines;
await using (var scope = app.Services.CreateAsyncScope())
{
    var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
    var job = scope.ServiceProvider.GetRequiredService<ReconciliationJob>();
    profile.Clear();
    clockwatch.Restart();
    var run = await job.RunAsync(CancellationToken.None);
    reconcileSeconds = clockwatch.Elapsed.TotalSeconds;
    profile.Report("reconciliation");
    balanced = run.Balanced;
    statements = await db.SettlementStatements.CountAsync();
    // Statements are itemised when read: every 50th must still add up to its payable, line by line.
    var queries = scope.ServiceProvider.GetRequiredService<StatementQueries>();
    var sample = await db.SettlementStatements.AsNoTracking().Where(s => s.Id % 50 == 0).ToListAsync();
    statementLines = 0;
    foreach (var s in sample)
    {
        var itemised = await queries.LinesAsync(s, CancellationToken.None);
        if (itemised.Sum(l => l.AmountFen) != s.PayableFen) throw new InvalidOperationException($"statement {s.Id}: lines do not add up to its payable");
        statementLines += itemised.Count;
    }
    var periods = await db.SettlementPeriods.CountAsync(p => p.ClosedAtUtc != null);
    if (periods != Weeks) throw new InvalidOperationException($"{periods} periods closed, not {Weeks}");
}

Console.WriteLine($"lines {lines} entries {entries} generate-s {generateSeconds:F2} raw-s {rawSeconds:F3} close-s {closeSeconds:F3} " +
    $"ratio {closeSeconds / rawSeconds:F1} day-s {daySeconds:F3} reconcile-s {reconcileSeconds:F3} statements {statements} sampled-lines {statementLines} balanced {balanced}");
return balanced ? 0 : 1;

// The rows, in foreign-key order. Line L (0-based) belongs to order L / 4 and producer L % 500 + 1, whose village
// gets the whole line; order o is paid at start + o × span / orders.
IEnumerable<string> Generate()
{
    var orders = (lines + LinesPerOrder - 1) / LinesPerOrder;
    string Uuid(string n) => postgres
        ? $"(lpad(to_hex({n}), 8, '0') || '-0000-4000-8000-' || lpad(to_hex({n}), 12, '0'))::uuid"
        : $"printf('%08X-0000-4000-8000-%012X', {n}, {n})";
    string Hex(string id) => postgres ? $"replace({id}::text, '-', '')" : $"lower(replace({id}, '-', ''))";
    string At(string seconds) => postgres
        ? $"(timestamptz '{start:yyyy-MM-dd HH:mm:ss}+00' + ({seconds}) * interval '1 second')"
        : $"strftime('%Y-%m-%d %H:%M:%S', '{start:yyyy-MM-dd HH:mm:ss}', '+' || ({seconds}) || ' seconds')";
    var paid = $"(CAST(o AS BIGINT) * {span} / {orders})";
    var delivered = $"({paid} + 86400 * (2 + o % 5))";
    var refunded = $"({paid} + 86400 * 10)";
    var isOnline = "o % 10 <> 3";
    var isDelivered = $"({isOnline} AND o % 20 <> 0 AND {delivered} < {span})";
    var isRefunded = $"(o % 100 = 7 AND {refunded} < {span})";

    yield return "CREATE TABLE bench_numbers (n INTEGER PRIMARY KEY)";
    yield return postgres
        ? $"INSERT INTO bench_numbers SELECT generate_series(0, {Math.Max(lines, Producers) - 1})"
        : $"INSERT INTO bench_numbers WITH RECURSIVE c(n) AS (SELECT 0 UNION ALL SELECT n + 1 FROM c WHERE n < {Math.Max(lines, Producers) - 1}) SELECT n FROM c";
    yield return """
        INSERT INTO counties (id, code, programme, latitude, longitude, headline_en, headline_zh, name_en, name_zh, prefecture_en, prefecture_zh,
          province_en, province_zh, story_en, story_zh)
        VALUES (1, 'bench-county', 'EastWestCollaboration', 26.9, 104.3, '', '', 'Bench County', '测试县', 'Bijie', '毕节', 'Guizhou', '贵州', '', '')
        """;
    yield return $"""
        INSERT INTO villages (id, county_id, code, registered_poor_households, registered_poor_people, is_designated_poor_village, has_exited,
          is_demo_data, name_en, name_zh, story_en, story_zh)
        SELECT n + 1, 1, 'bench-village-' || n, 40, 150, TRUE, FALSE, FALSE, 'Village ' || n, '村' || n, '', '' FROM bench_numbers WHERE n < {Producers}
        """;
    yield return $"""
        INSERT INTO producers (id, code, kind, village_id, supported_poor_households, is_demo_data, name_en, name_zh, story_en, story_zh)
        SELECT n + 1, 'bench-producer-' || n, 'Cooperative', n + 1, 20, FALSE, 'Cooperative ' || n, '合作社' || n, '', '' FROM bench_numbers WHERE n < {Producers}
        """;
    yield return $"""
        INSERT INTO products (id, producer_id, slug, category, price_fen, stock, image_path, is_listed, created_at_utc, certification_status,
          description_en, description_zh, name_en, name_zh, unit_en, unit_zh)
        SELECT n + 1, n + 1, 'bench-product-' || n, 'Eggs', 1000, 1000000, '/img/eggs.jpg', TRUE, {At("0")}, 'Draft', '', '', 'Eggs ' || n, '鸡蛋' || n, 'box', '盒'
        FROM bench_numbers WHERE n < {Producers}
        """;
    // A line's amount: unit price 5.00–49.99 yuan × 1–3.
    const string LinePrice = "(500 + n * 37 % 4500)", LineQuantity = "(1 + n % 3)";
    yield return $"""
        INSERT INTO orders (id, customer_id, channel, shipping_address_recipient, shipping_address_mobile, shipping_address_province,
          shipping_address_city, shipping_address_district, shipping_address_street, status, subtotal_fen, shipping_fee_fen, total_fen, refunded_fen, created_at_utc,
          payment_reference, paid_at_utc, shipped_at_utc, delivered_at_utc, awaiting_async_payment, expires_at_utc)
        SELECT {Uuid("o")}, NULL, CASE WHEN {isOnline} THEN 'Online' ELSE 'VendingCabinet' END,
          CASE WHEN {isOnline} THEN '张三' END, CASE WHEN {isOnline} THEN '13800000000' END, CASE WHEN {isOnline} THEN '贵州省' END,
          CASE WHEN {isOnline} THEN '毕节市' END, CASE WHEN {isOnline} THEN '威宁县' END, CASE WHEN {isOnline} THEN '草海镇 1 号' END,
          CASE WHEN {isRefunded} THEN 'Refunded' WHEN {isDelivered} OR NOT ({isOnline}) THEN 'Delivered' ELSE 'Shipped' END,
          subtotal, shipping, subtotal + shipping, CASE WHEN {isRefunded} THEN subtotal + shipping ELSE 0 END, {At(paid)},
          'bench_pay_' || o, {At(paid)}, CASE WHEN {isOnline} THEN {At(paid + " + 3600")} END, CASE WHEN {isDelivered} THEN {At(delivered)} END,
          FALSE, {At(paid + " + 1800")}
        FROM (SELECT n / {LinesPerOrder} AS o, SUM({LinePrice} * {LineQuantity}) AS subtotal,
                CASE WHEN (n / {LinesPerOrder}) % 10 <> 3 THEN 1000 ELSE 0 END AS shipping
              FROM bench_numbers WHERE n < {lines} GROUP BY n / {LinesPerOrder}) x
        """;
    yield return $"""
        INSERT INTO order_lines (id, order_id, product_id, unit_price_fen, quantity, producer_id, certified_at_sale, producer_name_en, producer_name_zh,
          product_name_en, product_name_zh, unit_en, unit_zh)
        SELECT n + 1, {Uuid($"(n / {LinesPerOrder})")}, n % {Producers} + 1, {LinePrice}, {LineQuantity}, n % {Producers} + 1, FALSE,
          'Cooperative', '合作社', 'Eggs', '鸡蛋', 'box', '盒'
        FROM bench_numbers WHERE n < {lines}
        """;
    yield return "INSERT INTO order_line_shares (order_line_id, village_id, county_id, basis_points) SELECT id, producer_id, 1, 10000 FROM order_lines";
    yield return """
        INSERT INTO attribution_entries (order_id, order_line_id, village_id, county_id, producer_id, channel, certified_at_sale, kind, amount_fen, occurred_at_utc, booked_at_utc, held)
        SELECT l.order_id, l.id, s.village_id, s.county_id, l.producer_id, o.channel, l.certified_at_sale, 'Sale', l.unit_price_fen * l.quantity, o.paid_at_utc, o.paid_at_utc,
          o.shipping_address_recipient IS NOT NULL
        FROM order_lines l JOIN order_line_shares s ON s.order_line_id = l.id JOIN orders o ON o.id = l.order_id
        """;
    // Refunds of whole orders: the same split, negated, ten days after payment.
    yield return $"""
        INSERT INTO attribution_entries (order_id, order_line_id, village_id, county_id, producer_id, channel, certified_at_sale, kind, amount_fen, occurred_at_utc, booked_at_utc, held)
        SELECT l.order_id, l.id, s.village_id, s.county_id, l.producer_id, o.channel, l.certified_at_sale, 'Refund', -(l.unit_price_fen * l.quantity),
          {At($"{RefundOffset()} ")}, {At($"{RefundOffset()} ")}, o.shipping_address_recipient IS NOT NULL AND o.delivered_at_utc IS NULL
        FROM order_lines l JOIN order_line_shares s ON s.order_line_id = l.id JOIN orders o ON o.id = l.order_id
        WHERE o.refunded_fen > 0
        """;
    // What delivered orders release, as Fulfilment writes it: seven days after delivery.
    yield return $"""
        INSERT INTO hold_releases (order_id, order_line_id, village_id, producer_id, amount_fen, delivered_at_utc, released_at_utc)
        SELECT a.order_id, a.order_line_id, a.village_id, a.producer_id, SUM(a.amount_fen), o.delivered_at_utc,
          {(postgres ? "o.delivered_at_utc + interval '7 days'" : "strftime('%Y-%m-%d %H:%M:%S', o.delivered_at_utc, '+7 days')")}
        FROM attribution_entries a JOIN orders o ON o.id = a.order_id
        WHERE a.held AND o.delivered_at_utc IS NOT NULL
        GROUP BY a.order_id, a.order_line_id, a.village_id, a.producer_id, o.delivered_at_utc
        HAVING SUM(a.amount_fen) <> 0
        """;
    // The ledger, as Postings.ForPaidOrder and Postings.ForRefund write it.
    yield return $"""
        INSERT INTO journal_entries (cause_kind, cause_key, order_id, posted_at_utc)
        SELECT 'OrderPaid', 'order-paid:' || {Hex("id")}, id, paid_at_utc FROM orders ORDER BY paid_at_utc
        """;
    yield return $"""
        INSERT INTO journal_entries (cause_kind, cause_key, order_id, posted_at_utc)
        SELECT 'Refund', 'refund:' || {Hex("id")} || ':' || refunded_fen, id, {At(RefundOffset())} FROM orders o WHERE refunded_fen > 0
        """;
    yield return """
        INSERT INTO journal_lines (journal_entry_id, account, producer_id, debit_fen, credit_fen, posted_at_utc)
        SELECT j.id, 'PaymentClearing', NULL, o.total_fen, 0, j.posted_at_utc FROM journal_entries j JOIN orders o ON o.id = j.order_id WHERE j.cause_kind = 'OrderPaid'
        UNION ALL
        SELECT j.id, 'ProducerPayable', l.producer_id, 0, SUM(l.unit_price_fen * l.quantity), j.posted_at_utc
        FROM journal_entries j JOIN order_lines l ON l.order_id = j.order_id WHERE j.cause_kind = 'OrderPaid' GROUP BY j.id, l.producer_id, j.posted_at_utc
        UNION ALL
        SELECT j.id, 'ShippingIncome', NULL, 0, o.shipping_fee_fen, j.posted_at_utc
        FROM journal_entries j JOIN orders o ON o.id = j.order_id WHERE j.cause_kind = 'OrderPaid' AND o.shipping_fee_fen > 0
        """;
    yield return """
        INSERT INTO journal_lines (journal_entry_id, account, producer_id, debit_fen, credit_fen, posted_at_utc)
        SELECT j.id, 'ProducerPayable', l.producer_id, SUM(l.unit_price_fen * l.quantity), 0, j.posted_at_utc
        FROM journal_entries j JOIN order_lines l ON l.order_id = j.order_id WHERE j.cause_kind = 'Refund' GROUP BY j.id, l.producer_id, j.posted_at_utc
        UNION ALL
        SELECT j.id, 'ShippingIncome', NULL, o.shipping_fee_fen, 0, j.posted_at_utc
        FROM journal_entries j JOIN orders o ON o.id = j.order_id WHERE j.cause_kind = 'Refund' AND o.shipping_fee_fen > 0
        UNION ALL
        SELECT j.id, 'PaymentClearing', NULL, 0, o.refunded_fen, j.posted_at_utc FROM journal_entries j JOIN orders o ON o.id = j.order_id WHERE j.cause_kind = 'Refund'
        """;
    yield return "DROP TABLE bench_numbers";

    // Seconds from start to an order's refund, from its payment time (orders.paid_at_utc) in SQL.
    string RefundOffset() => postgres
        ? "(extract(epoch FROM o.paid_at_utc - timestamptz '" + $"{start:yyyy-MM-dd HH:mm:ss}" + "+00')::bigint + 864000)"
        : $"(CAST(strftime('%s', o.paid_at_utc) AS INTEGER) - CAST(strftime('%s', '{start:yyyy-MM-dd HH:mm:ss}') AS INTEGER) + 864000)";
}

sealed record ProducerSum(int ProducerId, decimal AmountFen);

sealed class FixedClock(DateTimeOffset now) : TimeProvider
{
    public override DateTimeOffset GetUtcNow() => now;
}

/// <summary>Where the time goes: every command's duration, summed by its text; the slowest go to stderr (the bench's log).</summary>
sealed class CommandTimes : DbCommandInterceptor
{
    private readonly ConcurrentDictionary<string, (int Count, double Ms)> _times = new();

    public void Clear() => _times.Clear();

    public void Report(string what)
    {
        Console.Error.WriteLine($"--- {what}: slowest commands (count, total ms)");
        foreach (var (sql, (count, ms)) in _times.OrderByDescending(t => t.Value.Ms).Take(12))
        {
            var text = System.Text.RegularExpressions.Regex.Replace(sql, @"\s+", " ");
            Console.Error.WriteLine($"{count,6} {ms,10:F0}  {text[..Math.Min(text.Length, 400)]}");
        }
    }

    private void Add(DbCommand command, CommandExecutedEventData data) =>
        _times.AddOrUpdate(command.CommandText, (1, data.Duration.TotalMilliseconds), (_, t) => (t.Count + 1, t.Ms + data.Duration.TotalMilliseconds));

    public override ValueTask<int> NonQueryExecutedAsync(DbCommand command, CommandExecutedEventData eventData, int result, CancellationToken ct = default)
    {
        Add(command, eventData);
        return ValueTask.FromResult(result);
    }

    public override ValueTask<DbDataReader> ReaderExecutedAsync(DbCommand command, CommandExecutedEventData eventData, DbDataReader result, CancellationToken ct = default)
    {
        Add(command, eventData);
        return ValueTask.FromResult(result);
    }

    public override ValueTask<object?> ScalarExecutedAsync(DbCommand command, CommandExecutedEventData eventData, object? result, CancellationToken ct = default)
    {
        Add(command, eventData);
        return ValueTask.FromResult(result);
    }
}
