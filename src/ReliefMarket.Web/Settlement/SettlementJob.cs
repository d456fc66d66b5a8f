using Microsoft.Extensions.Options;
using ReliefMarket.Domain.Ledger;
using ReliefMarket.Domain.Settlement;

namespace ReliefMarket.Web.Settlement;

/// <summary>
/// Runs daily. First it sums every China day that has ended and is not yet summed, per producer (<see cref="ProducerDay"/>,
/// decision 0032); then it closes every finished settlement period, oldest first, for every producer with movements in
/// it (or held money that comes free in it). Work is found in tables: the days not yet summed, the periods not yet
/// closed and the producers without a statement for one. All finished periods are closed together, producers in
/// batches, one transaction and one INSERT … SELECT each over the periods' days (<see cref="StatementSql"/>: the same
/// amounts the ledger's payable holds, reconciled daily). The primary key of a day, the unique (producer, period) key
/// and locks make a rerun, a rerun after a crash, and a second node running at once each sum a day and settle a
/// producer exactly once.
/// </summary>
public sealed class SettlementJob(AppDbContext db, IOptions<SettlementOptions> options, TimeProvider clock, ILogger<SettlementJob> log)
{
    private readonly SettlementOptions _options = options.Value;

    /// <summary>Called after each committed batch with the number of producers closed so far; tests use it to crash halfway.</summary>
    public Func<int, Task>? AfterBatch { get; set; }

    /// <summary>Days summed per transaction when catching up (a new shop, or a job that did not run for a while).</summary>
    private const int DaysPerBatch = 31;

    [Hangfire.DisableConcurrentExecution(timeoutInSeconds: 3600)]
    public async Task<int> RunAsync(CancellationToken ct)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        await SumFinishedDaysAsync(now, ct);
        var pending = await FinishedPeriodsAsync(now, ct);
        if (pending.Count == 0) return 0;
        var producers = await db.Producers.Select(p => p.Id).OrderBy(id => id).ToListAsync(ct);

        var closed = 0;
        foreach (var batch in producers.Chunk(_options.ProducersPerBatch))
        {
            var done = await db.RetryAsync(t => CloseBatchAsync(pending, batch[0], batch[^1], t), ct);
            closed += done;
            if (done > 0 && AfterBatch is { } hook) await hook(closed);
        }
        var close = $"UPDATE settlement_periods SET closed_at_utc = {{0}} WHERE id IN ({Ids(pending)}) AND closed_at_utc IS NULL";
        await db.Database.ExecuteSqlRawAsync(close, [clock.GetUtcNow().UtcDateTime], ct);
        if (closed > 0) log.LogInformation("Settlement closed {Count} statements in {Periods} periods.", closed, pending.Count);
        return closed;
    }

    /// <summary>
    /// Sums each China day that has ended since the last one summed (or since the first booking) into producer days.
    /// A booking is made when it happens, and money is released after delivery, so a day that has ended gets nothing
    /// more; the daily reconciliation checks that every summed day still matches its bookings.
    /// </summary>
    public async Task SumFinishedDaysAsync(DateTime now, CancellationToken ct)
    {
        var last = await db.SettlementDays.MaxAsync(d => (DateTime?)d.StartsAtUtc, ct);
        var first = last?.AddDays(1)
            ?? await db.AttributionEntries.OrderBy(e => e.BookedAtUtc).Select(e => (DateTime?)e.BookedAtUtc).FirstOrDefaultAsync(ct);
        if (first is null) return;
        var today = SettlementDay.StartOf(now);
        for (var day = SettlementDay.StartOf(first.Value); day < today; day = day.AddDays(DaysPerBatch))
        {
            var days = Enumerable.Range(0, DaysPerBatch).Select(i => day.AddDays(i)).Where(d => d < today).ToList();
            await db.RetryAsync(t => SumDaysAsync(days, now, t), ct);
        }
    }

    /// <summary>The producer days of <paramref name="days"/> not yet summed, with their day rows, in one transaction; how many days that was.</summary>
    private async Task<int> SumDaysAsync(List<DateTime> days, DateTime now, CancellationToken ct)
    {
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        // A second node waits here, then finds the days summed (SQLite has one writer at a time already).
        if (db.Database.IsNpgsql()) await db.Database.ExecuteSqlRawAsync("LOCK TABLE settlement_days IN SHARE ROW EXCLUSIVE MODE", ct);
        var (from, to) = (days[0], days[^1]);
        var summed = await db.SettlementDays.Where(d => d.StartsAtUtc >= from && d.StartsAtUtc <= to).Select(d => d.StartsAtUtc).ToListAsync(ct);
        days = days.Except(summed).ToList();
        if (days.Count == 0) return 0;
        var (table, args) = StatementSql.Days(days);
        await db.Database.ExecuteSqlRawAsync(StatementSql.InsertDays(table, $"{{{args.Length}}}"), [.. args, now], ct);
        await db.Database.ExecuteSqlRawAsync(StatementSql.InsertProducerDays(table), args, ct);
        await tx.CommitAsync(ct);
        return days.Count;
    }

    /// <summary>Every finished period not yet closed, oldest first, after creating the rows of those that have none.</summary>
    private async Task<List<SettlementPeriod>> FinishedPeriodsAsync(DateTime now, CancellationToken ct)
    {
        while (await CreateNextPeriodAsync(now, ct)) { }
        return await db.SettlementPeriods.AsNoTracking().Where(p => p.ClosedAtUtc == null && p.EndsAtUtc <= now)
            .OrderBy(p => p.StartsAtUtc).ToListAsync(ct);
    }

    /// <summary>Creates the period after the last one (or the one of the first booking) if it has ended; false if there is none to create.</summary>
    private async Task<bool> CreateNextPeriodAsync(DateTime now, CancellationToken ct)
    {
        var last = await db.SettlementPeriods.OrderByDescending(p => p.StartsAtUtc).Select(p => (DateTime?)p.EndsAtUtc).FirstOrDefaultAsync(ct);
        DateTime start;
        if (last is { } end) start = end;
        else if (await db.AttributionEntries.OrderBy(e => e.BookedAtUtc).Select(e => (DateTime?)e.BookedAtUtc).FirstOrDefaultAsync(ct) is { } first)
            start = SettlementPeriod.StartOf(first, _options.Period);
        else return false;
        // A configuration change to monthly takes effect at the next month boundary: the weeks before stay weeks.
        start = SettlementPeriod.StartOf(start, _options.Period) == start ? start : NextBoundary(start);
        var candidate = new SettlementPeriod(start, _options.Period, _options.FeeBasisPoints, _options.HoldDays);
        if (!candidate.HasEnded(now)) return false;
        await db.Database.ExecuteSqlInterpolatedAsync($"""
            INSERT INTO settlement_periods (starts_at_utc, ends_at_utc, length, fee_basis_points, hold_days)
            VALUES ({candidate.StartsAtUtc}, {candidate.EndsAtUtc}, {candidate.Length.ToString()}, {candidate.FeeBasisPoints}, {candidate.HoldDays})
            ON CONFLICT DO NOTHING
            """, ct);
        return true;
    }

    /// <summary>The periods' ids for an IN list: ints read from the database, never input.</summary>
    private static string Ids(IEnumerable<SettlementPeriod> periods) => string.Join(",", periods.Select(p => p.Id));

    private DateTime NextBoundary(DateTime utc) => SettlementPeriod.EndOf(SettlementPeriod.StartOf(utc, _options.Period), _options.Period);

    /// <summary>
    /// The statements of producers <paramref name="fromProducer"/> to <paramref name="toProducer"/> in every period being
    /// closed, in one transaction: one INSERT … SELECT (<see cref="StatementSql.InsertStatements"/>), the carried balances
    /// period by period, then the fees posted to the ledger.
    /// </summary>
    private async Task<int> CloseBatchAsync(List<SettlementPeriod> periods, int fromProducer, int toProducer, CancellationToken ct)
    {
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        // One node at a time; the other waits, then finds these producers done.
        var lockPeriods = $"SELECT 1 FROM settlement_periods WHERE id IN ({Ids(periods)}) ORDER BY id FOR UPDATE";
        if (db.Database.IsNpgsql()) await db.Database.ExecuteSqlRawAsync(lockPeriods, ct);
        var before = await db.SettlementStatements.MaxAsync(s => (long?)s.Id, ct) ?? 0;
        var sums = StatementSql.Periods(periods);
        var sql = StatementSql.InsertStatements(sums, $"{{{sums.Args.Length}}}", $"{{{sums.Args.Length + 1}}}");
        var written = await db.Database.ExecuteSqlRawAsync(sql, [.. sums.Args, fromProducer, toProducer], ct);
        if (written == 0) return 0;
        // Only a negative balance carries (from an earlier statement, or from one just written).
        if (await db.SettlementStatements.AnyAsync(s => s.ProducerId >= fromProducer && s.ProducerId <= toProducer && s.CarriedOutFen < 0, ct))
            foreach (var period in periods)
                await db.Database.ExecuteSqlRawAsync(StatementSql.Carry, [period.Id, fromProducer, toProducer], ct);

        var fees = await db.SettlementStatements.AsNoTracking().Where(s => s.Id > before && s.FeeFen > 0)
            .Select(s => new { s.Id, s.PeriodId, s.ProducerId, s.FeeFen }).ToListAsync(ct);
        // Posted at the period's end, so a rerun posts exactly what a clean run would have.
        foreach (var f in fees)
            db.JournalEntries.Add(Postings.ForSettlementFee(f.Id.ToString(), f.ProducerId, new Money(f.FeeFen), periods.Single(p => p.Id == f.PeriodId).EndsAtUtc));
        if (fees.Count > 0) await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        db.ChangeTracker.Clear();
        return written;
    }
}
