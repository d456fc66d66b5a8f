using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace ReliefMarket.Web.Payments;

/// <summary>One chosen line of a <see cref="RefundPlan"/>: how many units, and the money that is (unit price × quantity).</summary>
public sealed record RefundPlanLine(long OrderLineId, int Quantity, Money Amount);

/// <summary>
/// A refund an administrator asks the provider for, written under the call's idempotency key before the call. Whichever
/// applies the refund first — the administrator's request or the provider's charge.refunded webhook — takes the plan in
/// <see cref="PaymentEvents.RefundedAsync"/> and splits the money as it says: onto the chosen lines, or (no lines) over
/// what remains of the order. Applied once; a plan whose call failed is removed. See docs/decisions/0021.
/// </summary>
public class RefundPlan
{
    private readonly List<RefundPlanLine> _lines = [];

    private RefundPlan() { }

    public RefundPlan(string key, Guid orderId, Money amount, IEnumerable<RefundPlanLine> lines, DateTime createdAtUtc)
    {
        _lines.AddRange(lines);
        if (amount.Fen <= 0) throw new DomainException("A refund must be more than zero.");
        if (_lines.Count > 0 && Money.Sum(_lines.Select(l => l.Amount)) != amount) throw new DomainException("A line refund's amount is the sum of its lines.");
        if (_lines.Any(l => l.Quantity <= 0 || l.Amount.Fen <= 0)) throw new DomainException("A refunded line needs a quantity and an amount.");
        Key = key;
        OrderId = orderId;
        Amount = amount;
        CreatedAtUtc = createdAtUtc;
    }

    /// <summary>The gateway call's idempotency key, <c>refund:admin:{order}:{n}</c>.</summary>
    public string Key { get; private set; } = "";
    public Guid OrderId { get; private set; }
    public Money Amount { get; private set; }
    public IReadOnlyList<RefundPlanLine> Lines => _lines;
    public DateTime CreatedAtUtc { get; private set; }
    public DateTime? AppliedAtUtc { get; private set; }

    /// <summary>Whether <paramref name="other"/> asks for the same refund (a double click) rather than a different one under the same key.</summary>
    public bool SameAs(RefundPlan other) =>
        OrderId == other.OrderId && Amount == other.Amount
        && Lines.OrderBy(l => l.OrderLineId).SequenceEqual(other.Lines.OrderBy(l => l.OrderLineId));

    public void MarkApplied(DateTime atUtc) => AppliedAtUtc ??= atUtc;
}

internal sealed class RefundPlanConfiguration : IEntityTypeConfiguration<RefundPlan>
{
    public void Configure(EntityTypeBuilder<RefundPlan> b)
    {
        b.ToTable("refund_plans");
        b.HasKey(p => p.Key);
        b.Property(p => p.Key).HasMaxLength(255).ValueGeneratedNever();
        b.HasOne<Order>().WithMany().HasForeignKey(p => p.OrderId).OnDelete(DeleteBehavior.Restrict);
        b.HasIndex(p => new { p.OrderId, p.AppliedAtUtc });
        b.OwnsMany(p => p.Lines, l =>
        {
            l.ToTable("refund_plan_lines");
            l.WithOwner().HasForeignKey("RefundPlanKey");
            l.HasKey("RefundPlanKey", nameof(RefundPlanLine.OrderLineId));
            l.HasOne<OrderLine>().WithMany().HasForeignKey(x => x.OrderLineId).OnDelete(DeleteBehavior.Restrict);
        });
        b.Navigation(p => p.Lines).HasField("_lines");
    }
}
