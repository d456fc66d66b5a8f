using ReliefMarket.Domain.Attribution;
using ReliefMarket.Domain.Ordering;

namespace ReliefMarket.Domain.Ledger;

/// <summary>
/// The entries that money movements post. Pure functions: the caller saves the entry in the same transaction as
/// its cause. Producer amounts come from the same split as the attribution, so a producer's payable equals the
/// sum of its attribution entries to the fen.
/// </summary>
public static class Postings
{
    /// <summary>Clearing receives the total; each producer is owed its lines; the shipping fee is income.</summary>
    /// <param name="postedAtUtc">When the sale reaches the books, if later than it was paid (a sale reported afterwards).</param>
    public static JournalEntry ForPaidOrder(Order order, DateTime? postedAtUtc = null)
    {
        if (order.PaidAtUtc is not { } paidAt) throw new DomainException("Only a paid order is posted.");
        var lines = new List<JournalLine> { JournalLine.Debit(Account.PaymentClearing, order.Total) };
        lines.AddRange(order.Lines.GroupBy(l => l.ProducerId).OrderBy(g => g.Key)
            .Select(g => JournalLine.Credit(Account.ProducerPayable, Money.Sum(g.Select(l => l.Amount)), g.Key)));
        if (order.ShippingFee.Fen > 0) lines.Add(JournalLine.Credit(Account.ShippingIncome, order.ShippingFee));
        return new JournalEntry(CauseReference.OrderPaid(order.Id), postedAtUtc ?? paidAt, lines);
    }

    /// <summary>
    /// A refund of <paramref name="refunded"/> against the whole order, already recorded on it (so
    /// <see cref="Order.Refunded"/> includes it): split over producers and shipping exactly as
    /// <see cref="AttributionRule.ForOrderRefund"/> splits it.
    /// </summary>
    public static JournalEntry ForRefund(Order order, Money refunded, DateTime atUtc) =>
        ForRefund(order, AttributionRule.ForOrderRefund(order, refunded, atUtc), refunded, order.Refunded, atUtc);

    /// <summary>
    /// A refund from its attribution entries: each producer's payable goes down by what its entries took off; the rest
    /// of <paramref name="refunded"/> is the shipping fee's part. Back-posting uses this for refunds made before the ledger.
    /// </summary>
    public static JournalEntry ForRefund(Order order, IEnumerable<AttributionEntry> refundEntries, Money refunded, Money refundedTotalAfter, DateTime atUtc)
    {
        if (refunded.Fen <= 0) throw new DomainException("A refund must be more than zero.");
        var producers = refundEntries.Where(e => e.OrderId == order.Id && e.Kind == AttributionKind.Refund)
            .GroupBy(e => e.ProducerId).OrderBy(g => g.Key)
            .Select(g => (producer: g.Key, amount: new Money(-g.Sum(e => e.AmountFen)))).Where(p => p.amount.Fen != 0).ToList();
        var shipping = refunded - Money.Sum(producers.Select(p => p.amount));
        if (shipping.IsNegative || shipping > order.ShippingFee)
            throw new DomainException($"A refund of {refunded} does not fit order {order.Id}'s lines and shipping.");
        var lines = producers.Select(p => JournalLine.Debit(Account.ProducerPayable, p.amount, p.producer)).ToList();
        if (shipping.Fen > 0) lines.Add(JournalLine.Debit(Account.ShippingIncome, shipping));
        lines.Add(JournalLine.Credit(Account.PaymentClearing, refunded));
        return new JournalEntry(CauseReference.Refund(order.Id, refundedTotalAfter), atUtc, lines);
    }

    /// <summary>
    /// Money that arrived for an order that could not take it and went straight back: received into clearing and
    /// owed back, then paid back out of clearing. Gross, so the trial balance shows the money passing through.
    /// </summary>
    public static JournalEntry ForUnappliedPaymentRefund(Guid orderId, string paymentReference, Money amount, DateTime atUtc) =>
        new(CauseReference.UnappliedPaymentRefund(orderId, paymentReference), atUtc,
        [
            JournalLine.Debit(Account.PaymentClearing, amount), JournalLine.Credit(Account.UnappliedPayments, amount),
            JournalLine.Debit(Account.UnappliedPayments, amount), JournalLine.Credit(Account.PaymentClearing, amount),
        ]);

    /// <summary>The platform's fee on a producer's settlement: taken from what the producer is owed.</summary>
    public static JournalEntry ForSettlementFee(string settlementKey, int producerId, Money fee, DateTime atUtc) =>
        new(CauseReference.SettlementFee(settlementKey), atUtc,
            [JournalLine.Debit(Account.ProducerPayable, fee, producerId), JournalLine.Credit(Account.PlatformFeeIncome, fee)]);

    /// <summary>A payout sent to a producer: no longer owed, in transit until the bank or Stripe confirms it.</summary>
    public static JournalEntry ForPayout(string payoutKey, int producerId, Money amount, DateTime atUtc) =>
        new(CauseReference.Payout(payoutKey), atUtc,
            [JournalLine.Debit(Account.ProducerPayable, amount, producerId), JournalLine.Credit(Account.PayoutsInTransit, amount)]);

    /// <summary>The bank or Stripe confirmed a payout: the money has left clearing.</summary>
    public static JournalEntry ForPayoutConfirmed(string payoutKey, Money amount, DateTime atUtc) =>
        new(CauseReference.PayoutConfirmed(payoutKey), atUtc,
            [JournalLine.Debit(Account.PayoutsInTransit, amount), JournalLine.Credit(Account.PaymentClearing, amount)]);

    /// <summary>The bank refused a payout: the producer is owed the amount again; nothing left clearing.</summary>
    public static JournalEntry ForPayoutFailed(string payoutKey, int producerId, Money amount, DateTime atUtc) =>
        new(CauseReference.PayoutFailed(payoutKey), atUtc,
            [JournalLine.Debit(Account.PayoutsInTransit, amount), JournalLine.Credit(Account.ProducerPayable, amount, producerId)]);
}
