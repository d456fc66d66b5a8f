using ReliefMarket.Domain.Ledger;

namespace ReliefMarket.Web.Ledger;

/// <summary>
/// Adds a cause's journal entry to the caller's DbContext, so it is saved in the same transaction as the cause
/// (a paid order, a refund). Static, so a payment path posts with one line and no new dependency.
/// </summary>
public static class LedgerPosting
{
    /// <param name="postedAtUtc">For a sale reported after it happened: the books take it when it arrives.</param>
    public static void Paid(AppDbContext db, Order order, DateTime? postedAtUtc = null) => db.JournalEntries.Add(Postings.ForPaidOrder(order, postedAtUtc));

    /// <summary>Call after <see cref="Order.RecordRefund"/>, with the refund's attribution entries: producers give back what those took off.</summary>
    public static void Refunded(AppDbContext db, Order order, IEnumerable<AttributionEntry> refundEntries, Money refunded, DateTime atUtc) =>
        db.JournalEntries.Add(Postings.ForRefund(order, refundEntries, refunded, order.Refunded, atUtc));

    public static void UnappliedRefunded(AppDbContext db, Guid orderId, string paymentReference, Money amount, DateTime atUtc) =>
        db.JournalEntries.Add(Postings.ForUnappliedPaymentRefund(orderId, paymentReference, amount, atUtc));
}
