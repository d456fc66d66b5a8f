using Microsoft.Extensions.Options;
using ReliefMarket.Domain.Ledger;
using ReliefMarket.Domain.Settlement;

namespace ReliefMarket.Web.Settlement;

/// <summary>
/// Closes every finished settlement period, oldest first, for every producer with movements in it (or held money that
/// comes free in it). Work is found in tables: the periods not yet closed and the producers without a statement for one.
/// Producers are closed in batches, one transaction and one INSERT … SELECT each, summing the period's bookings
/// (<see cref="StatementSql"/>: the same amounts the ledger's payable holds, reconciled daily). The unique (producer,
/// period) key and a lock on the period row make a rerun, a rerun after a crash, and a second node running at once each
/// settle every producer exactly once.
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
        else if (await db.AttributionEntries.OrderBy(e => e.BookedAtUtc).Select(e => (DateTime?)e.BookedAtUtc).FirstOrDefaultAsync(ct) is { } first)
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
        var previous = await db.SettlementPeriods.AsNoTracking().Where(p => p.StartsAtUtc < period.StartsAtUtc)
            .OrderByDescending(p => p.StartsAtUtc).FirstOrDefaultAsync(ct);
        var closed = 0;
        while (true)
        {
            var done = await db.RetryAsync(t => CloseBatchAsync(period, previous, t), ct);
            closed += done;
            if (done > 0 && AfterBatch is { } hook) await hook(closed);
            if (done < _options.ProducersPerBatch) break;
        }
        await db.Database.ExecuteSqlInterpolatedAsync(
            $"UPDATE settlement_periods SET closed_at_utc = {clock.GetUtcNow().UtcDateTime} WHERE id = {period.Id} AND closed_at_utc IS NULL", ct);
        return closed;
    }

    /// <summary>One INSERT … SELECT writes the next batch of statements (<see cref="StatementSql.InsertStatements"/>); then the fees are posted.</summary>
    private async Task<int> CloseBatchAsync(SettlementPeriod p, SettlementPeriod? previous, CancellationToken ct)
    {
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        // One node at a time per period; the other waits, then finds these producers done.
        if (db.Database.IsNpgsql()) await db.Database.ExecuteSqlInterpolatedAsync($"SELECT 1 FROM settlement_periods WHERE id = {p.Id} FOR UPDATE", ct);
        var before = await db.SettlementStatements.Where(s => s.PeriodId == p.Id).MaxAsync(s => (long?)s.Id, ct) ?? 0;
        object[] args = [.. StatementSql.Arguments(p, previous), p.Id];
        var written = await db.Database.ExecuteSqlRawAsync(StatementSql.InsertStatements(p.FeeBasisPoints, _options.ProducersPerBatch), args, ct);
        if (written == 0) return 0;

        var fees = await db.SettlementStatements.AsNoTracking()
            .Where(s => s.PeriodId == p.Id && s.Id > before && s.FeeFen > 0)
            .Select(s => new { s.Id, s.ProducerId, s.FeeFen }).ToListAsync(ct);
        // Posted at the period's end, so a rerun posts exactly what a clean run would have.
        foreach (var f in fees) db.JournalEntries.Add(Postings.ForSettlementFee(f.Id.ToString(), f.ProducerId, new Money(f.FeeFen), p.EndsAtUtc));
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        db.ChangeTracker.Clear();
        return written;
    }
}
