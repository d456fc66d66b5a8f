using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace ReliefMarket.Web.Payments;

public enum UnappliedReason { OrderCancelled, AlreadyPaid }

/// <summary>
/// Money that arrived for an order that could not take it (cancelled meanwhile, or already paid with another
/// payment) and was refunded. Kept so administrators see every such payment and its refund.
/// </summary>
public class UnappliedPayment
{
    private UnappliedPayment() { }

    public UnappliedPayment(Guid orderId, string paymentReference, Money amount, UnappliedReason reason, string refundReference, DateTime atUtc)
    {
        OrderId = orderId;
        PaymentReference = paymentReference;
        Amount = amount;
        Reason = reason;
        RefundReference = refundReference;
        RefundedAtUtc = atUtc;
    }

    public int Id { get; private set; }
    public Guid OrderId { get; private set; }
    public string PaymentReference { get; private set; } = "";
    public Money Amount { get; private set; }
    public UnappliedReason Reason { get; private set; }
    public string RefundReference { get; private set; } = "";
    public DateTime RefundedAtUtc { get; private set; }

    /// <summary>The refund's idempotency key: one refund per stray payment, however often its event is delivered.</summary>
    public static string RefundKey(string paymentReference) => $"refund:unapplied:{paymentReference}";
}

internal sealed class UnappliedPaymentConfiguration : IEntityTypeConfiguration<UnappliedPayment>
{
    public void Configure(EntityTypeBuilder<UnappliedPayment> b)
    {
        b.ToTable("unapplied_payments");
        b.Property(u => u.PaymentReference).HasMaxLength(255);
        b.Property(u => u.RefundReference).HasMaxLength(255);
        b.HasIndex(u => u.PaymentReference).IsUnique();
        b.HasIndex(u => u.RefundedAtUtc);
    }
}
