namespace ReliefMarket.Domain.Ledger;

/// <summary>
/// The chart of accounts (docs/decisions/0016-ledger-chart-of-accounts.md). Producer payable is one account per
/// producer: its lines carry the producer id. Refunds are not an account of their own: a refund reverses the credits
/// its sale made (producer payable, shipping income), so each producer's payable always equals its attribution.
/// </summary>
public enum Account
{
    /// <summary>Asset: money the payment provider holds for us (or received offline) and not yet paid out or refunded.</summary>
    PaymentClearing,
    /// <summary>Liability, per producer: what the platform owes a producer for its sales less refunds, fees and payouts.</summary>
    ProducerPayable,
    /// <summary>Income: shipping fees customers paid, less their refunded part.</summary>
    ShippingIncome,
    /// <summary>Income: the platform's fee deducted at settlement (default rate 0).</summary>
    PlatformFeeIncome,
    /// <summary>Liability: a payment that arrived for an order that could not take it, until it is refunded.</summary>
    UnappliedPayments,
    /// <summary>Liability: payouts sent to producers and not yet confirmed by the bank or Stripe; confirmed, they leave clearing.</summary>
    PayoutsInTransit,
}

/// <summary>What caused an entry; with the key it names the one entry a cause may ever post.</summary>
public enum CauseKind { OrderPaid, Refund, UnappliedPaymentRefund, SettlementFee, Payout }

/// <summary>
/// The cause of a journal entry and its unique key. The database refuses a second entry with the same key, so
/// a redelivered event, a rerun job or a back-posting that races the live path can never post twice.
/// </summary>
public sealed record CauseReference(CauseKind Kind, string Key, Guid? OrderId)
{
    public const int MaxKeyLength = 200;

    public static CauseReference OrderPaid(Guid orderId) => new(CauseKind.OrderPaid, $"order-paid:{orderId:N}", orderId);

    /// <summary>
    /// A refund is numbered by the order's refunded total after it (in fen): providers report refunds as a growing
    /// total, so the number is deterministic, unique per order and the same for the live path and back-posting.
    /// </summary>
    public static CauseReference Refund(Guid orderId, Money refundedTotalAfter) =>
        new(CauseKind.Refund, $"refund:{orderId:N}:{refundedTotalAfter.Fen}", orderId);

    public static CauseReference UnappliedPaymentRefund(Guid orderId, string paymentReference) =>
        new(CauseKind.UnappliedPaymentRefund, $"unapplied-refund:{paymentReference}", orderId);

    public static CauseReference SettlementFee(string settlementKey) => new(CauseKind.SettlementFee, $"settlement-fee:{settlementKey}", null);

    public static CauseReference Payout(string payoutKey) => new(CauseKind.Payout, $"payout:{payoutKey}", null);

    public static CauseReference PayoutConfirmed(string payoutKey) => new(CauseKind.Payout, $"payout-paid:{payoutKey}", null);

    public static CauseReference PayoutFailed(string payoutKey) => new(CauseKind.Payout, $"payout-failed:{payoutKey}", null);
}
