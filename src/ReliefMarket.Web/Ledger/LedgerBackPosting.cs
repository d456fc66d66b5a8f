using ReliefMarket.Domain.Ledger;

namespace ReliefMarket.Web.Ledger;

/// <summary>
/// Posts what was paid, refunded and given back before the ledger existed, from the orders and their attribution.
/// Safe to run twice and beside live payments: an order is posted (sale and refunds) in one save, so an order with
/// an order-paid entry is complete and skipped, and the unique cause key turns any race into a failed, retried save.
/// </summary>
public sealed class LedgerBackPosting(AppDbContext db, ILogger<LedgerBackPosting> log)
{
    private const int Batch = 200;

    [Hangfire.DisableConcurrentExecution(timeoutInSeconds: 600)]
    public async Task<int> RunAsync(CancellationToken ct)
    {
        var posted = await PostOrdersAsync(ct) + await PostUnappliedAsync(ct);
        if (posted > 0) log.LogInformation("Back-posted {Count} journal entries.", posted);
        return posted;
    }

    private async Task<int> PostOrdersAsync(CancellationToken ct)
    {
        var posted = 0;
        while (true)
        {
            var orders = await db.Orders.AsNoTracking().Include(o => o.Lines)
                .Where(o => o.PaidAtUtc != null && !db.JournalEntries.Any(j => j.CauseKind == CauseKind.OrderPaid && j.OrderId == o.Id))
                .OrderBy(o => o.PaidAtUtc).ThenBy(o => o.Id).Take(Batch).ToListAsync(ct);
            if (orders.Count == 0) return posted;
            var ids = orders.Select(o => o.Id).ToList();
            var refunds = (await db.AttributionEntries.AsNoTracking()
                    .Where(e => ids.Contains(e.OrderId) && e.Kind == AttributionKind.Refund).ToListAsync(ct))
                .ToLookup(e => e.OrderId);
            var entries = orders.SelectMany(o => EntriesFor(o, refunds[o.Id].ToList())).ToList();
            // A refund posted live while this batch was read is already there: keep it, post the rest.
            var keys = entries.Select(e => e.CauseKey).ToList();
            var existing = (await db.JournalEntries.Where(j => keys.Contains(j.CauseKey)).Select(j => j.CauseKey).ToListAsync(ct)).ToHashSet();
            var fresh = entries.Where(e => !existing.Contains(e.CauseKey)).ToList();
            db.JournalEntries.AddRange(fresh);
            await db.SaveChangesAsync(ct);
            db.ChangeTracker.Clear();
            posted += fresh.Count;
        }
    }

    /// <summary>
    /// The sale, then one refund per moment refund attribution was written. How much of the shipping fee each old
    /// refund returned was never recorded; all of it goes on the last refund, so every total is exact.
    /// </summary>
    internal static IEnumerable<JournalEntry> EntriesFor(Order order, IReadOnlyList<AttributionEntry> refundEntries)
    {
        yield return Postings.ForPaidOrder(order);
        if (order.Refunded.Fen <= 0) yield break;
        var groups = refundEntries.GroupBy(e => e.OccurredAtUtc).OrderBy(g => g.Key).ToList();
        var shipping = order.Refunded - new Money(-refundEntries.Sum(e => e.AmountFen));
        var refundedSoFar = Money.Zero;
        if (groups.Count == 0)
        {
            yield return Postings.ForRefund(order, [], shipping, order.Refunded, order.PaidAtUtc!.Value);
            yield break;
        }
        for (var i = 0; i < groups.Count; i++)
        {
            var amount = new Money(-groups[i].Sum(e => e.AmountFen)) + (i == groups.Count - 1 ? shipping : Money.Zero);
            refundedSoFar += amount;
            yield return Postings.ForRefund(order, groups[i], amount, refundedSoFar, groups[i].Key);
        }
    }

    private async Task<int> PostUnappliedAsync(CancellationToken ct)
    {
        var missing = await db.UnappliedPayments.AsNoTracking()
            .Where(u => !db.JournalEntries.Any(j => j.CauseKind == CauseKind.UnappliedPaymentRefund && j.OrderId == u.OrderId
                                                     && j.CauseKey == "unapplied-refund:" + u.PaymentReference))
            .ToListAsync(ct);
        foreach (var u in missing) LedgerPosting.UnappliedRefunded(db, u.OrderId, u.PaymentReference, u.Amount, u.RefundedAtUtc);
        await db.SaveChangesAsync(ct);
        db.ChangeTracker.Clear();
        return missing.Count;
    }
}
