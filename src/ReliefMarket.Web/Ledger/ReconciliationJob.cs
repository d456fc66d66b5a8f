using Hangfire;
using ReliefMarket.Domain.Ledger;

namespace ReliefMarket.Web.Ledger;

/// <summary>
/// Checks the books against the rest of the database and records what it found: the ledger balances; each producer's
/// payable moved by exactly its attribution, per China day of booking (the last <see cref="DaysChecked"/>) and in total; the
/// days settlement has summed still sum to their bookings; clearing
/// holds what paid orders took less what was refunded and paid out. A mismatch is recorded and emailed to every administrator.
/// Every sum runs in the database. Safe to run twice: each run only adds its own row.
/// </summary>
public sealed class ReconciliationJob(AppDbContext db, LedgerBackPosting backPosting, Email.EmailOutbox outbox,
    Email.EmailTemplates templates, TimeProvider clock, ILogger<ReconciliationJob> log)
{
    public const int DaysChecked = 7;

    [DisableConcurrentExecution(timeoutInSeconds: 600)]
    public async Task<ReconciliationRun> RunAsync(CancellationToken ct)
    {
        // Old orders are on the books before they are checked, or every one of them would be a finding.
        await backPosting.RunAsync(ct);
        var started = clock.GetUtcNow().UtcDateTime;
        var today = ChinaTime.Today(clock);
        var firstDay = today.AddDays(-(DaysChecked - 1));
        var findings = new List<ReconciliationFinding>();

        var debits = await db.JournalLines.SumAsync(l => l.DebitFen, ct);
        var credits = await db.JournalLines.SumAsync(l => l.CreditFen, ct);
        if (debits != credits) findings.Add(new(ReconciliationCheck.LedgerBalances, null, null, debits, credits));

        // The days settlement has summed in the checked range, and what it summed per producer: two queries, not two a day.
        var (rangeFrom, rangeTo) = (StartUtc(firstDay), StartUtc(today.AddDays(1)));
        var summedDays = (await db.SettlementDays.Where(d => d.StartsAtUtc >= rangeFrom && d.StartsAtUtc < rangeTo)
            .Select(d => d.StartsAtUtc).ToListAsync(ct)).ToHashSet();
        var summed = (await db.ProducerDays.Where(d => d.DayStartsAtUtc >= rangeFrom && d.DayStartsAtUtc < rangeTo)
                .Select(d => new { d.DayStartsAtUtc, d.ProducerId, Fen = d.SalesFen + d.RefundsFen }).ToListAsync(ct))
            .ToLookup(d => d.DayStartsAtUtc);
        for (var day = firstDay; day <= today; day = day.AddDays(1))
        {
            var (from, to) = (StartUtc(day), StartUtc(day.AddDays(1)));
            var attribution = await AttributionByProducerAsync(db.AttributionEntries.Where(e => e.BookedAtUtc >= from && e.BookedAtUtc < to), ct);
            Compare(ReconciliationCheck.PayableOnDay, day, attribution,
                await PayableByProducerAsync(db.JournalLines.Where(l => l.PostedAtUtc >= from && l.PostedAtUtc < to), ct), findings);
            // Settlement summed the day once it ended (decision 0032): a booking made later would never be settled.
            if (summedDays.Contains(from))
                Compare(ReconciliationCheck.SummedDay, day, attribution, summed[from].ToDictionary(d => d.ProducerId, d => d.Fen), findings);
        }
        Compare(ReconciliationCheck.PayableInTotal, null,
            await AttributionByProducerAsync(db.AttributionEntries, ct), await PayableByProducerAsync(db.JournalLines, ct), findings);

        var clearing = await db.JournalLines.Where(l => l.Account == Account.PaymentClearing).SumAsync(l => l.DebitFen - l.CreditFen, ct);
        // Order money is a converted Money column; plain SQL sums the stored fen.
        var expectedClearing = await db.Database
            .SqlQueryRaw<long>("SELECT CAST(COALESCE(SUM(total_fen - refunded_fen), 0) AS BIGINT) AS \"Value\" FROM orders WHERE paid_at_utc IS NOT NULL")
            .SingleAsync(ct);
        // Confirmed payouts have left clearing for the producers' accounts (docs/decisions/0019).
        expectedClearing -= await db.PayoutLines.Where(l => l.Status == Domain.Settlement.PayoutLineStatus.Paid).SumAsync(l => l.AmountFen, ct);
        if (clearing != expectedClearing) findings.Add(new(ReconciliationCheck.Clearing, null, null, expectedClearing, clearing));

        var run = new ReconciliationRun(started, firstDay, today, debits, credits, clearing, expectedClearing, findings);
        db.ReconciliationRuns.Add(run);
        if (!run.Balanced)
        {
            log.LogError("Reconciliation found {Count} mismatches; administrators are emailed.", findings.Count);
            await EmailAdministratorsAsync(run, ct);
        }
        await db.SaveChangesAsync(ct);
        if (!run.Balanced) outbox.SendSoon();
        return run;
    }

    private static DateTime StartUtc(DateOnly chinaDay) =>
        TimeZoneInfo.ConvertTimeToUtc(chinaDay.ToDateTime(TimeOnly.MinValue, DateTimeKind.Unspecified), ChinaTime.Zone);

    private static async Task<Dictionary<int, long>> AttributionByProducerAsync(IQueryable<AttributionEntry> entries, CancellationToken ct) =>
        await entries.GroupBy(e => e.ProducerId).Select(g => new { g.Key, Sum = g.Sum(e => e.AmountFen) })
            .ToDictionaryAsync(x => x.Key, x => x.Sum, ct);

    /// <summary>Payable moved by sales and refunds only: fees and payouts have no attribution to compare with.</summary>
    private async Task<Dictionary<int, long>> PayableByProducerAsync(IQueryable<JournalLine> lines, CancellationToken ct) =>
        await (from l in lines
               join e in db.JournalEntries on l.JournalEntryId equals e.Id
               where l.Account == Account.ProducerPayable && (e.CauseKind == CauseKind.OrderPaid || e.CauseKind == CauseKind.Refund)
               group l by l.ProducerId!.Value into g
               select new { g.Key, Sum = g.Sum(l => l.CreditFen - l.DebitFen) })
            .ToDictionaryAsync(x => x.Key, x => x.Sum, ct);

    private static void Compare(ReconciliationCheck check, DateOnly? day, Dictionary<int, long> attribution, Dictionary<int, long> payable,
        List<ReconciliationFinding> findings)
    {
        foreach (var producer in attribution.Keys.Union(payable.Keys).Order())
        {
            var (expected, actual) = (attribution.GetValueOrDefault(producer), payable.GetValueOrDefault(producer));
            if (expected != actual) findings.Add(new(check, day, producer, expected, actual));
        }
    }

    private async Task EmailAdministratorsAsync(ReconciliationRun run, CancellationToken ct)
    {
        var admins = await (from u in db.Users
                            join ur in db.UserRoles on u.Id equals ur.UserId
                            join r in db.Roles on ur.RoleId equals r.Id
                            where r.Name == Roles.Admin && u.Email != null
                            select new { Email = u.Email!, u.PreferredCulture }).Distinct().ToListAsync(ct);
        var link = outbox.Link("/admin/ledger/reconciliation");
        foreach (var admin in admins)
            outbox.Add(admin.Email, templates.ReconciliationMismatch(admin.PreferredCulture, run.MismatchCount, link), "reconciliation-mismatch");
    }
}
