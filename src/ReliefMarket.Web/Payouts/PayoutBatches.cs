using ReliefMarket.Domain.Ledger;
using ReliefMarket.Domain.Settlement;
using ReliefMarket.Web.Email;

namespace ReliefMarket.Web.Payouts;

public enum BatchOutcome { Done, NothingToPay, AlreadyInBatch, NotFound, Invalid }

/// <summary>
/// Payout batches: made from approved statements not already in an unpaid batch, marked paid with the bank's
/// reference, or one line marked failed (the producer is owed it again and the statement can go in a later batch).
/// Each change saves its ledger entries, its audit entry and its emails in one transaction.
/// </summary>
public sealed class PayoutBatches(AppDbContext db, IEnumerable<IPayoutProvider> providers, Audit.AuditLog audit, EmailOutbox outbox,
    EmailTemplates templates, TimeProvider clock)
{
    public async Task<(BatchOutcome Outcome, int? BatchId)> CreateAsync(PayoutMethod method, string createdBy, CancellationToken ct)
    {
        var provider = providers.Single(p => p.Method == method);
        var now = clock.GetUtcNow().UtcDateTime;
        try
        {
            return await db.RetryAsync(async t =>
            {
                await using var tx = await db.Database.BeginTransactionAsync(t);
                // No tracking: the owned bank account is read without its producer.
                var due = await (from s in db.SettlementStatements.AsNoTracking()
                                 join p in db.Producers.AsNoTracking() on s.ProducerId equals p.Id
                                 where s.Status == StatementStatus.Approved
                                       && !db.PayoutLines.Any(l => l.StatementId == s.Id && l.Status == PayoutLineStatus.Pending)
                                 orderby s.Id
                                 select new { s.Id, s.ProducerId, s.PayableFen, p.BankAccount, p.StripeAccountId }).ToListAsync(t);
                var lines = due.Select(d => method == PayoutMethod.StripeConnect
                        ? d.StripeAccountId is { } acct ? new PayoutLine(d.Id, d.ProducerId, new Money(d.PayableFen), acct, "Stripe", acct, PayoutLine.ReferenceFor(d.Id)) : null
                        : d.BankAccount is { } bank && d.StripeAccountId is null
                            ? new PayoutLine(d.Id, d.ProducerId, new Money(d.PayableFen), bank.AccountName, $"{bank.Bank} {bank.Branch}", bank.AccountNumber, PayoutLine.ReferenceFor(d.Id))
                            : null)
                    .OfType<PayoutLine>().ToList();
                if (lines.Count == 0) return (BatchOutcome.NothingToPay, (int?)null);
                var batch = new PayoutBatch(method, createdBy, now, lines);
                db.PayoutBatches.Add(batch);
                await db.SaveChangesAsync(t);
                foreach (var line in batch.Lines)
                    db.JournalEntries.Add(Postings.ForPayout(line.LedgerKey, line.ProducerId, line.Amount, now));
                audit.Record("payout.batch.created", nameof(PayoutBatch), batch.Id.ToString(), null, new Dictionary<string, object?>
                {
                    ["Method"] = method, ["Statements"] = string.Join(",", batch.Lines.Select(l => l.StatementId)), ["Total"] = batch.Total,
                });
                await db.SaveChangesAsync(t);
                await tx.CommitAsync(t);
                return (BatchOutcome.Done, (int?)batch.Id);
            }, ct);
        }
        catch (DbUpdateException)
        {
            // Another administrator's batch took these statements first: the unique pending-line index refused ours.
            db.ChangeTracker.Clear();
            return (BatchOutcome.AlreadyInBatch, null);
        }
    }

    /// <summary>Sends each pending line through the batch's provider; lines confirmed at once (Stripe) are paid.</summary>
    public async Task<int> SendAsync(int batchId, CancellationToken ct)
    {
        var batch = await db.PayoutBatches.Include(b => b.Lines).SingleOrDefaultAsync(b => b.Id == batchId, ct);
        if (batch is null || batch.Status != PayoutBatchStatus.Open) return 0;
        var provider = providers.Single(p => p.Method == batch.Method);
        var confirmed = 0;
        foreach (var line in batch.Lines.Where(l => l.Status == PayoutLineStatus.Pending).ToList())
        {
            var sent = await provider.SendAsync(line, $"batch-{batch.Id}", ct);
            if (sent.ConfirmedReference is null) continue;
            await ConfirmLinesAsync(batch, [line], sent.ConfirmedReference, ct);
            confirmed++;
        }
        return confirmed;
    }

    public async Task<BatchOutcome> MarkPaidAsync(int batchId, string bankReference, CancellationToken ct)
    {
        if (string.IsNullOrWhiteSpace(bankReference) || bankReference.Trim().Length > 200) return BatchOutcome.Invalid;
        var batch = await db.PayoutBatches.Include(b => b.Lines).SingleOrDefaultAsync(b => b.Id == batchId, ct);
        if (batch is null) return BatchOutcome.NotFound;
        if (batch.Status != PayoutBatchStatus.Open) return BatchOutcome.Invalid;
        var paid = batch.Lines.Where(l => l.Status == PayoutLineStatus.Pending).ToList();
        await ConfirmLinesAsync(batch, paid, bankReference.Trim(), ct, wholeBatch: true);
        return BatchOutcome.Done;
    }

    private async Task ConfirmLinesAsync(PayoutBatch batch, IReadOnlyList<PayoutLine> lines, string reference, CancellationToken ct, bool wholeBatch = false)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        if (wholeBatch) batch.MarkPaid(reference, now);
        else batch.MarkLinePaid(lines.Single().Id, reference, now);
        var ids = lines.Select(l => l.StatementId).ToList();
        var statements = await db.SettlementStatements.Where(s => ids.Contains(s.Id)).ToListAsync(ct);
        foreach (var line in lines)
        {
            statements.Single(s => s.Id == line.StatementId).MarkPaid(reference, now);
            db.JournalEntries.Add(Postings.ForPayoutConfirmed(line.LedgerKey, line.Amount, now));
        }
        audit.Record("payout.batch.paid", nameof(PayoutBatch), batch.Id.ToString(), null, new Dictionary<string, object?>
        {
            ["Reference"] = reference, ["Statements"] = string.Join(",", ids), ["Total"] = Money.Sum(lines.Select(l => l.Amount)),
        });
        await EmailMembersAsync(statements, ct);
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        outbox.SendSoon();
    }

    public async Task<BatchOutcome> MarkLineFailedAsync(int batchId, long lineId, string reason, CancellationToken ct)
    {
        if (string.IsNullOrWhiteSpace(reason) || reason.Trim().Length > PayoutLine.MaxReasonLength) return BatchOutcome.Invalid;
        var batch = await db.PayoutBatches.Include(b => b.Lines).SingleOrDefaultAsync(b => b.Id == batchId, ct);
        if (batch is null || batch.Lines.All(l => l.Id != lineId)) return BatchOutcome.NotFound;
        if (batch.Status != PayoutBatchStatus.Open || batch.Lines.Single(l => l.Id == lineId).Status != PayoutLineStatus.Pending) return BatchOutcome.Invalid;
        var now = clock.GetUtcNow().UtcDateTime;
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        var line = batch.MarkLineFailed(lineId, reason, now);
        db.JournalEntries.Add(Postings.ForPayoutFailed(line.LedgerKey, line.ProducerId, line.Amount, now));
        audit.Record("payout.line.failed", nameof(PayoutLine), line.Id.ToString(), null, new Dictionary<string, object?>
        {
            ["Batch"] = batch.Id, ["Statement"] = line.StatementId, ["Amount"] = line.Amount, ["Reason"] = line.FailureReason,
        });
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        return BatchOutcome.Done;
    }

    private async Task EmailMembersAsync(IReadOnlyList<SettlementStatement> statements, CancellationToken ct)
    {
        var producers = statements.Select(s => s.ProducerId).ToList();
        var members = await db.Users.Where(u => u.ProducerId != null && producers.Contains(u.ProducerId.Value) && u.Email != null)
            .Select(u => new { u.Email, u.PreferredCulture, u.ProducerId }).ToListAsync(ct);
        var periods = await db.SettlementPeriods.Where(p => statements.Select(s => s.PeriodId).Contains(p.Id)).ToDictionaryAsync(p => p.Id, ct);
        foreach (var s in statements)
        foreach (var m in members.Where(m => m.ProducerId == s.ProducerId))
            outbox.Add(m.Email!, templates.StatementPaid(m.PreferredCulture, s, periods[s.PeriodId], outbox.Link($"/coop/statements/{s.Id}")), "statement-paid");
    }
}
