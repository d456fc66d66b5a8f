using Microsoft.Extensions.Options;
using ReliefMarket.Domain.Ledger;
using ReliefMarket.Domain.Settlement;

namespace ReliefMarket.Web.Settlement;

/// <summary>
/// Closes every finished settlement period, oldest first, for every producer with movements in it (or held money that
/// comes free in it). Work is found in tables: the periods not yet closed and the producers without a statement for one.
/// Producers are closed in batches, one transaction each, in set-based SQL over the attribution entries (the same
/// amounts the ledger's payable holds, reconciled daily). The unique (producer, period) key and a lock on the period
/// row make a rerun, a rerun after a crash, and a second node running at once each settle every producer exactly once.
/// </summary>
public sealed class SettlementJob(AppDbContext db, IOptions<SettlementOptions> options, TimeProvider clock, ILogger<SettlementJob> log)
{
    private readonly SettlementOptions _options = options.Value;

    /// <summary>Called after each committed batch with the number of producers closed so far; tests use it to crash halfway.</summary>
    public Func<int, Task>? AfterBatch { get; set; }

    [Hangfire.DisableConcurrentExecution(timeoutInSeconds: 3600)]
    public async Task<int> RunAsync(CancellationToken ct)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var closed = 0;
        while (await NextPeriodAsync(now, ct) is { } period)
        {
            closed += await CloseAsync(period, ct);
            db.ChangeTracker.Clear();
        }
        if (closed > 0) log.LogInformation("Settlement closed {Count} statements.", closed);
        return closed;
    }

    /// <summary>The oldest finished period that is not closed, created if needed; null when every finished period is closed.</summary>
    private async Task<SettlementPeriod?> NextPeriodAsync(DateTime now, CancellationToken ct)
    {
        var open = await db.SettlementPeriods.Where(p => p.ClosedAtUtc == null).OrderBy(p => p.StartsAtUtc).FirstOrDefaultAsync(ct);
        if (open is not null) return open.HasEnded(now) ? open : null;
        var last = await db.SettlementPeriods.OrderByDescending(p => p.StartsAtUtc).Select(p => (DateTime?)p.EndsAtUtc).FirstOrDefaultAsync(ct);
        DateTime start;
        if (last is { } end) start = end;
        else if (await db.AttributionEntries.OrderBy(e => e.OccurredAtUtc).Select(e => (DateTime?)e.OccurredAtUtc).FirstOrDefaultAsync(ct) is { } first)
            start = SettlementPeriod.StartOf(first, _options.Period);
        else return null;
        // A configuration change to monthly takes effect at the next month boundary: the weeks before stay weeks.
        start = SettlementPeriod.StartOf(start, _options.Period) == start ? start : NextBoundary(start);
        var candidate = new SettlementPeriod(start, _options.Period, _options.FeeBasisPoints, _options.HoldDays);
        if (!candidate.HasEnded(now)) return null;
        await db.Database.ExecuteSqlInterpolatedAsync($"""
            INSERT INTO settlement_periods (starts_at_utc, ends_at_utc, length, fee_basis_points, hold_days)
            VALUES ({candidate.StartsAtUtc}, {candidate.EndsAtUtc}, {candidate.Length.ToString()}, {candidate.FeeBasisPoints}, {candidate.HoldDays})
            ON CONFLICT DO NOTHING
            """, ct);
        return await db.SettlementPeriods.SingleAsync(p => p.StartsAtUtc == start, ct);
    }

    private DateTime NextBoundary(DateTime utc) => SettlementPeriod.EndOf(SettlementPeriod.StartOf(utc, _options.Period), _options.Period);

    private async Task<int> CloseAsync(SettlementPeriod period, CancellationToken ct)
    {
        var closed = 0;
        while (true)
        {
            var done = await db.RetryAsync(t => CloseBatchAsync(period, t), ct);
            if (done == 0) break;
            closed += done;
            if (AfterBatch is { } hook) await hook(closed);
        }
        await db.Database.ExecuteSqlInterpolatedAsync(
            $"UPDATE settlement_periods SET closed_at_utc = {clock.GetUtcNow().UtcDateTime} WHERE id = {period.Id} AND closed_at_utc IS NULL", ct);
        return closed;
    }

    /// <summary>The producers that need a statement for the period and have none yet.</summary>
    private Task<List<int>> DueProducersAsync(SettlementPeriod p, CancellationToken ct) =>
        db.Database.SqlQuery<int>($"""
            SELECT x.producer_id AS "Value" FROM (
              SELECT a.producer_id FROM attribution_entries a
              WHERE a.occurred_at_utc >= {p.StartsAtUtc} AND a.occurred_at_utc < {p.EndsAtUtc}
              UNION
              SELECT h.producer_id FROM statement_lines h JOIN orders o ON o.id = h.order_id
              WHERE h.kind = 'Hold' AND o.delivered_at_utc > {p.StartsAtUtc.AddDays(-p.HoldDays)} AND o.delivered_at_utc <= {p.ReleaseCutoffUtc}
            ) x
            WHERE NOT EXISTS (SELECT 1 FROM settlement_statements s WHERE s.period_id = {p.Id} AND s.producer_id = x.producer_id)
            """).OrderBy(x => x).Take(_options.ProducersPerBatch).ToListAsync(ct);

    private async Task<int> CloseBatchAsync(SettlementPeriod p, CancellationToken ct)
    {
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        // One node at a time per period; the other waits, then finds these producers done.
        if (db.Database.IsNpgsql()) await db.Database.ExecuteSqlInterpolatedAsync($"SELECT 1 FROM settlement_periods WHERE id = {p.Id} FOR UPDATE", ct);
        var producers = await DueProducersAsync(p, ct);
        if (producers.Count == 0) return 0;
        // Ids are ints read from the database: safe to inline, and one list serves every statement below.
        var list = string.Join(",", producers);
        object[] args = [p.Id, p.StartsAtUtc, p.EndsAtUtc, p.ReleaseCutoffUtc, p.StartsAtUtc.AddDays(-p.HoldDays)];
        foreach (var sql in StatementSql(list, p.FeeBasisPoints)) await db.Database.ExecuteSqlRawAsync(sql, args, ct);

        var fees = await db.SettlementStatements.AsNoTracking()
            .Where(s => s.PeriodId == p.Id && producers.Contains(s.ProducerId) && s.FeeFen > 0)
            .Select(s => new { s.Id, s.ProducerId, s.FeeFen }).ToListAsync(ct);
        // Posted at the period's end, so a rerun posts exactly what a clean run would have.
        foreach (var f in fees) db.JournalEntries.Add(Postings.ForSettlementFee(f.Id.ToString(), f.ProducerId, new Money(f.FeeFen), p.EndsAtUtc));
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        db.ChangeTracker.Clear();
        return producers.Count;
    }

    /// <summary>
    /// The statements of one batch, mirroring <see cref="SettlementStatement.FromLines"/>. Arguments: {0} period id,
    /// {1} start, {2} end, {3} release cutoff (end − hold days), {4} the previous period's release cutoff.
    /// Holds: an online order not delivered by the cutoff holds its period movements; an order delivered since the
    /// previous cutoff releases what earlier statements held for it.
    /// </summary>
    internal static IEnumerable<string> StatementSql(string producers, int feeBasisPoints)
    {
        yield return $$"""
            INSERT INTO settlement_statements (period_id, producer_id, status, sales_fen, refunds_fen, fee_fen, held_fen, carried_in_fen, payable_fen, carried_out_fen)
            SELECT {0}, p.id, 'Closed', 0, 0, 0, 0, 0, 0, 0 FROM producers p WHERE p.id IN ({{producers}})
            """;
        yield return $$"""
            INSERT INTO statement_lines (statement_id, producer_id, kind, order_id, order_line_id, village_id, amount_fen, occurred_at_utc)
            SELECT s.id, a.producer_id, a.kind, a.order_id, a.order_line_id, a.village_id, SUM(a.amount_fen), MIN(a.occurred_at_utc)
            FROM attribution_entries a JOIN settlement_statements s ON s.producer_id = a.producer_id AND s.period_id = {0}
            WHERE a.producer_id IN ({{producers}}) AND a.occurred_at_utc >= {1} AND a.occurred_at_utc < {2}
            GROUP BY s.id, a.producer_id, a.kind, a.order_id, a.order_line_id, a.village_id
            """;
        yield return $$"""
            INSERT INTO statement_lines (statement_id, producer_id, kind, order_id, order_line_id, village_id, amount_fen)
            SELECT s.id, x.producer_id, 'Hold', x.order_id, x.order_line_id, x.village_id, SUM(x.amount_fen)
            FROM (
              SELECT a.producer_id, a.order_id, a.order_line_id, a.village_id, -a.amount_fen AS amount_fen
              FROM attribution_entries a JOIN orders o ON o.id = a.order_id
              WHERE a.producer_id IN ({{producers}}) AND a.occurred_at_utc >= {1} AND a.occurred_at_utc < {2}
                AND o.channel = 'Online' AND (o.delivered_at_utc IS NULL OR o.delivered_at_utc > {3})
              UNION ALL
              SELECT h.producer_id, h.order_id, h.order_line_id, h.village_id, -h.amount_fen
              FROM statement_lines h JOIN orders o ON o.id = h.order_id
              WHERE h.producer_id IN ({{producers}}) AND h.kind = 'Hold' AND o.delivered_at_utc > {4} AND o.delivered_at_utc <= {3}
            ) x JOIN settlement_statements s ON s.producer_id = x.producer_id AND s.period_id = {0}
            GROUP BY s.id, x.producer_id, x.order_id, x.order_line_id, x.village_id
            HAVING SUM(x.amount_fen) <> 0
            """;
        yield return $$"""
            INSERT INTO statement_lines (statement_id, producer_id, kind, amount_fen)
            SELECT s.id, s.producer_id, 'Carried', prev.carried_out_fen
            FROM settlement_statements s JOIN settlement_statements prev ON prev.producer_id = s.producer_id
            WHERE s.period_id = {0} AND s.producer_id IN ({{producers}}) AND prev.carried_out_fen <> 0
              AND prev.period_id = (SELECT MAX(q.period_id) FROM settlement_statements q WHERE q.producer_id = s.producer_id AND q.period_id < {0})
            """;
        yield return Totals(producers, "sales_fen = {0}, refunds_fen = {1}, held_fen = {2}, carried_in_fen = {3}",
            "'Sale'", "'Refund'", "'Hold'", "'Carried'");
        yield return $$"""
            INSERT INTO statement_lines (statement_id, producer_id, kind, amount_fen)
            SELECT s.id, s.producer_id, 'Fee', -(((s.sales_fen + s.refunds_fen) * {{feeBasisPoints}}) / 10000)
            FROM settlement_statements s
            WHERE s.period_id = {0} AND s.producer_id IN ({{producers}}) AND ((s.sales_fen + s.refunds_fen) * {{feeBasisPoints}}) / 10000 > 0
            """;
        yield return Totals(producers, "fee_fen = -{0}", "'Fee'");
        yield return $$"""
            UPDATE settlement_statements
            SET payable_fen = sales_fen + refunds_fen - fee_fen + held_fen + carried_in_fen,
                carried_out_fen = CASE WHEN sales_fen + refunds_fen - fee_fen + held_fen + carried_in_fen < 0
                                       THEN sales_fen + refunds_fen - fee_fen + held_fen + carried_in_fen ELSE 0 END
            WHERE period_id = {0} AND producer_id IN ({{producers}})
            """;
    }

    private static string Totals(string producers, string assignments, params string[] kinds)
    {
        var sums = kinds.Select(k =>
            $"COALESCE((SELECT SUM(l.amount_fen) FROM statement_lines l WHERE l.statement_id = settlement_statements.id AND l.kind = {k}), 0)").ToArray();
        return $"UPDATE settlement_statements SET {string.Format(assignments, sums)} WHERE period_id = {{0}} AND producer_id IN ({producers})";
    }
}
