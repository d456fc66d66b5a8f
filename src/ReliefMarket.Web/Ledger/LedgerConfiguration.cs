using Microsoft.EntityFrameworkCore.Metadata.Builders;
using ReliefMarket.Domain.Ledger;

namespace ReliefMarket.Web.Ledger;

internal sealed class JournalEntryConfiguration : IEntityTypeConfiguration<JournalEntry>
{
    public void Configure(EntityTypeBuilder<JournalEntry> b)
    {
        b.ToTable("journal_entries");
        b.Property(e => e.CauseKey).HasMaxLength(CauseReference.MaxKeyLength);
        // The same cause can never be posted twice: a second insert fails the transaction that tried it.
        b.HasIndex(e => e.CauseKey).IsUnique();
        b.HasIndex(e => new { e.CauseKind, e.OrderId });
        b.HasIndex(e => e.PostedAtUtc);
        b.HasMany(e => e.Lines).WithOne().HasForeignKey(l => l.JournalEntryId).OnDelete(DeleteBehavior.Restrict);
        b.Navigation(e => e.Lines).HasField("_lines").UsePropertyAccessMode(PropertyAccessMode.Field);
        b.Ignore(e => e.Total);
    }
}

internal sealed class JournalLineConfiguration : IEntityTypeConfiguration<JournalLine>
{
    public void Configure(EntityTypeBuilder<JournalLine> b)
    {
        b.ToTable("journal_lines");
        b.HasOne<Producer>().WithMany().HasForeignKey(l => l.ProducerId).OnDelete(DeleteBehavior.Restrict);
        // Trial balances and reconciliation sum one account (and producer) over a time range; the index covers the sums.
        b.HasIndex(l => new { l.Account, l.ProducerId, l.PostedAtUtc, l.DebitFen, l.CreditFen });
        b.HasIndex(l => new { l.PostedAtUtc, l.Account });
    }
}

internal sealed class ReconciliationRunConfiguration : IEntityTypeConfiguration<ReconciliationRun>
{
    public void Configure(EntityTypeBuilder<ReconciliationRun> b)
    {
        b.ToTable("reconciliation_runs");
        b.HasIndex(r => r.StartedAtUtc);
    }
}
