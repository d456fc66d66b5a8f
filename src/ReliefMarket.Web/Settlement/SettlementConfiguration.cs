using Microsoft.EntityFrameworkCore.Metadata.Builders;
using ReliefMarket.Domain.Settlement;

namespace ReliefMarket.Web.Settlement;

internal sealed class SettlementPeriodConfiguration : IEntityTypeConfiguration<SettlementPeriod>
{
    public void Configure(EntityTypeBuilder<SettlementPeriod> b)
    {
        b.ToTable("settlement_periods");
        // Two nodes creating the same period make one row.
        b.HasIndex(p => p.StartsAtUtc).IsUnique();
        b.Ignore(p => p.IsClosed);
    }
}

internal sealed class SettlementStatementConfiguration : IEntityTypeConfiguration<SettlementStatement>
{
    public void Configure(EntityTypeBuilder<SettlementStatement> b)
    {
        b.ToTable("settlement_statements");
        // One statement per producer and period: a second run, or a second node, cannot settle a producer twice.
        b.HasIndex(s => new { s.ProducerId, s.PeriodId }).IsUnique();
        b.HasIndex(s => new { s.PeriodId, s.Status });
        b.HasOne<SettlementPeriod>().WithMany().HasForeignKey(s => s.PeriodId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<Producer>().WithMany().HasForeignKey(s => s.ProducerId).OnDelete(DeleteBehavior.Restrict);
        b.Property(s => s.ApprovedBy).HasMaxLength(256);
        b.Property(s => s.PaymentReference).HasMaxLength(200);
        b.Ignore(s => s.HasSomethingToPay);
        b.Ignore(s => s.Payable);
        b.Ignore(s => s.ToPay);
    }
}

internal sealed class HoldReleaseConfiguration : IEntityTypeConfiguration<HoldRelease>
{
    public void Configure(EntityTypeBuilder<HoldRelease> b)
    {
        b.ToTable("hold_releases");
        b.HasOne<Order>().WithMany().HasForeignKey(r => r.OrderId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<OrderLine>().WithMany().HasForeignKey(r => r.OrderLineId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<Village>().WithMany().HasForeignKey(r => r.VillageId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<Producer>().WithMany().HasForeignKey(r => r.ProducerId).OnDelete(DeleteBehavior.Restrict);
        // An order line and village is released once.
        b.HasIndex(r => new { r.OrderLineId, r.VillageId }).IsUnique();
        b.HasIndex(r => r.OrderId);
        // Settlement sums a period's releases per producer from this index alone.
        b.HasIndex(r => new { r.ReleasedAtUtc, r.ProducerId, r.AmountFen });
    }
}

internal sealed class SettlementDayConfiguration : IEntityTypeConfiguration<SettlementDay>
{
    public void Configure(EntityTypeBuilder<SettlementDay> b)
    {
        b.ToTable("settlement_days");
        // A day is summed once, by whichever run or node gets there first.
        b.HasKey(d => d.StartsAtUtc);
    }
}

internal sealed class ProducerDayConfiguration : IEntityTypeConfiguration<ProducerDay>
{
    public void Configure(EntityTypeBuilder<ProducerDay> b)
    {
        b.ToTable("producer_days");
        // Closing sums a period's days in this order (the key is the index); one row per producer and day.
        b.HasKey(d => new { d.DayStartsAtUtc, d.ProducerId });
        b.HasOne<SettlementDay>().WithMany().HasForeignKey(d => d.DayStartsAtUtc).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<Producer>().WithMany().HasForeignKey(d => d.ProducerId).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class PayoutBatchConfiguration : IEntityTypeConfiguration<PayoutBatch>
{
    public void Configure(EntityTypeBuilder<PayoutBatch> b)
    {
        b.ToTable("payout_batches");
        b.Property(x => x.CreatedBy).HasMaxLength(256);
        b.Property(x => x.BankReference).HasMaxLength(200);
        b.HasMany(x => x.Lines).WithOne().HasForeignKey(l => l.PayoutBatchId).OnDelete(DeleteBehavior.Restrict);
        b.Navigation(x => x.Lines).HasField("_lines").UsePropertyAccessMode(PropertyAccessMode.Field);
        b.Ignore(x => x.Total);
    }
}

internal sealed class PayoutLineConfiguration : IEntityTypeConfiguration<PayoutLine>
{
    public void Configure(EntityTypeBuilder<PayoutLine> b)
    {
        b.ToTable("payout_lines");
        b.HasOne<SettlementStatement>().WithMany().HasForeignKey(l => l.StatementId).OnDelete(DeleteBehavior.Restrict);
        // Paying twice is impossible: a statement has at most one pending payout line.
        b.HasIndex(l => l.StatementId).IsUnique().HasFilter("status = 'Pending'");
        b.Property(l => l.AccountName).HasMaxLength(100);
        b.Property(l => l.Bank).HasMaxLength(100);
        b.Property(l => l.AccountNumber).HasMaxLength(100);
        b.Property(l => l.Reference).HasMaxLength(64);
        b.Property(l => l.PaidReference).HasMaxLength(200);
        b.Property(l => l.FailureReason).HasMaxLength(PayoutLine.MaxReasonLength);
        b.Ignore(l => l.Amount);
        b.Ignore(l => l.LedgerKey);
    }
}

/// <summary>The producer's payout destination for Stripe Connect; the bank account is configured with the catalog.</summary>
internal sealed class ProducerPayoutConfiguration : IEntityTypeConfiguration<Producer>
{
    public void Configure(EntityTypeBuilder<Producer> b) => b.Property(p => p.StripeAccountId).HasMaxLength(64);
}
