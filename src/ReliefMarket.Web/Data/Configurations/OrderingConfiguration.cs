using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace ReliefMarket.Web.Data.Configurations;

internal sealed class OrderConfiguration : IEntityTypeConfiguration<Order>
{
    public void Configure(EntityTypeBuilder<Order> b)
    {
        b.ToTable("orders");
        b.Property(o => o.Id).ValueGeneratedNever();
        b.Property(o => o.CustomerId).HasMaxLength(450);
        b.Property(o => o.PaymentReference).HasMaxLength(255);
        b.HasOne<AppUser>().WithMany().HasForeignKey(o => o.CustomerId).OnDelete(DeleteBehavior.Restrict);
        b.HasMany(o => o.Lines).WithOne().HasForeignKey(l => l.OrderId).OnDelete(DeleteBehavior.Cascade);
        b.Navigation(o => o.Lines).HasField("_lines");
        b.HasIndex(o => new { o.CustomerId, o.CreatedAtUtc });
        b.HasIndex(o => new { o.Status, o.CreatedAtUtc });
        b.HasIndex(o => o.PaymentReference).IsUnique();
        b.Property(o => o.PaymentSessionId).HasMaxLength(255);
        b.HasIndex(o => o.PaymentSessionId);
        b.Property(o => o.CancellationReason).HasMaxLength(64);
        b.OwnsOne(o => o.ShippingAddress, a =>
        {
            a.Property(x => x.Recipient).HasMaxLength(ShippingAddress.MaxNameLength);
            a.Property(x => x.Mobile).HasMaxLength(11);
            a.Property(x => x.Province).HasMaxLength(ShippingAddress.MaxRegionLength);
            a.Property(x => x.City).HasMaxLength(ShippingAddress.MaxRegionLength);
            a.Property(x => x.District).HasMaxLength(ShippingAddress.MaxRegionLength);
            a.Property(x => x.Street).HasMaxLength(ShippingAddress.MaxStreetLength);
        });
        // The expiry job looks for unpaid orders whose hold has run out.
        b.HasIndex(o => new { o.Status, o.ExpiresAtUtc });
        // Settlement releases the holds of orders delivered in a window (bench/settlement).
        b.HasIndex(o => o.DeliveredAtUtc);
    }
}

internal sealed class OrderLineConfiguration : IEntityTypeConfiguration<OrderLine>
{
    public void Configure(EntityTypeBuilder<OrderLine> b)
    {
        b.ToTable("order_lines", t => t.HasCheckConstraint("ck_order_lines_quantity", "quantity > 0"));
        b.Ignore(l => l.Amount);
        b.HasOne<Product>().WithMany().HasForeignKey(l => l.ProductId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<Producer>().WithMany().HasForeignKey(l => l.ProducerId).OnDelete(DeleteBehavior.Restrict);
        b.HasIndex(l => l.ProducerId);
        b.OwnsMany(l => l.Shares, s =>
        {
            s.ToTable("order_line_shares");
            s.WithOwner().HasForeignKey("OrderLineId");
            s.HasKey("OrderLineId", nameof(LineShare.VillageId));
            s.HasOne<Village>().WithMany().HasForeignKey(x => x.VillageId).OnDelete(DeleteBehavior.Restrict);
            s.HasOne<County>().WithMany().HasForeignKey(x => x.CountyId).OnDelete(DeleteBehavior.Restrict);
        });
        b.Navigation(l => l.Shares).HasField("_shares");
    }
}

internal sealed class AttributionEntryConfiguration : IEntityTypeConfiguration<AttributionEntry>
{
    public void Configure(EntityTypeBuilder<AttributionEntry> b)
    {
        b.ToTable("attribution_entries");
        b.HasOne<Order>().WithMany().HasForeignKey(e => e.OrderId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<OrderLine>().WithMany().HasForeignKey(e => e.OrderLineId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<Village>().WithMany().HasForeignKey(e => e.VillageId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<County>().WithMany().HasForeignKey(e => e.CountyId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<Producer>().WithMany().HasForeignKey(e => e.ProducerId).OnDelete(DeleteBehavior.Restrict);
        // A village's or producer's entries within a period (origin pages, statements). There is no county index: SQLite
        // skip-scanned one (five counties) for every report instead of reading the covering index below, table look-ups
        // included (bench/reports), and the covering index serves a county filter as well.
        b.HasIndex(e => new { e.VillageId, e.OccurredAtUtc, e.AmountFen });
        b.HasIndex(e => new { e.ProducerId, e.OccurredAtUtc, e.AmountFen });
        // The period is the one filter every report has: this index holds every column a report reads, so a quarter
        // out of years of entries is read from the index alone (bench/reports: the plans showed table lookups per row).
        b.HasIndex(e => new { e.OccurredAtUtc, e.CertifiedAtSale, e.Kind, e.CountyId, e.VillageId, e.ProducerId, e.Channel,
                e.ChinaDate, e.AmountFen, e.Units, e.OrderLineId, e.CountsOrder, e.CountsAidOrder })
            .HasDatabaseName("ix_attribution_entries_report");
        // Counting a period's orders walks this narrow index in (time, order) order and counts as it goes: no hashing or
        // sorting of order ids (the wide index above is as large as the table, so PostgreSQL would rather hash, and spill).
        b.HasIndex(e => new { e.OccurredAtUtc, e.OrderId, e.CertifiedAtSale, e.Kind }).HasDatabaseName("ix_attribution_entries_report_orders");
        b.HasIndex(e => e.OrderId);
        // Settlement closes a period of bookings for every producer at once: this index holds every column it reads.
        b.HasIndex(e => new { e.BookedAtUtc, e.ProducerId, e.Kind, e.Held, e.AmountFen })
            .HasDatabaseName("ix_attribution_entries_settlement");
    }
}

internal sealed class AppUserConfiguration : IEntityTypeConfiguration<AppUser>
{
    public void Configure(EntityTypeBuilder<AppUser> b)
    {
        b.Property(u => u.DisplayName).HasMaxLength(64);
        b.Property(u => u.PreferredCulture).HasMaxLength(16);
        b.HasOne(u => u.Producer).WithMany().HasForeignKey(u => u.ProducerId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<Domain.Procurement.WorkUnit>().WithMany().HasForeignKey(u => u.WorkUnitId).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class CartConfiguration : IEntityTypeConfiguration<Cart>
{
    public void Configure(EntityTypeBuilder<Cart> b)
    {
        b.ToTable("carts");
        b.Property(c => c.Id).ValueGeneratedNever();
        b.Property(c => c.UserId).HasMaxLength(450);
        b.HasIndex(c => c.UserId).IsUnique();
        // The abandoned-cart purge looks for anonymous carts by age.
        b.HasIndex(c => c.UpdatedAtUtc);
        b.HasOne<AppUser>().WithMany().HasForeignKey(c => c.UserId).OnDelete(DeleteBehavior.Cascade);
        b.OwnsMany(c => c.Lines, l =>
        {
            l.ToTable("cart_lines", t => t.HasCheckConstraint("ck_cart_lines_quantity", "quantity BETWEEN 1 AND 99"));
            l.WithOwner().HasForeignKey("CartId");
            l.HasKey("CartId", nameof(CartLine.ProductId));
            l.HasOne<Product>().WithMany().HasForeignKey(x => x.ProductId).OnDelete(DeleteBehavior.Cascade);
        });
        b.Navigation(c => c.Lines).HasField("_lines");
    }
}

internal sealed class ProcessedWebhookEventConfiguration : IEntityTypeConfiguration<Payments.ProcessedWebhookEvent>
{
    public void Configure(EntityTypeBuilder<Payments.ProcessedWebhookEvent> b)
    {
        b.ToTable("processed_webhook_events");
        b.Property(e => e.Id).HasMaxLength(255).ValueGeneratedNever();
        b.Property(e => e.Type).HasMaxLength(128);
    }
}

internal sealed class OutboxMessageConfiguration : IEntityTypeConfiguration<Email.OutboxMessage>
{
    public void Configure(EntityTypeBuilder<Email.OutboxMessage> b)
    {
        b.ToTable("outbox_messages");
        b.Property(m => m.Id).ValueGeneratedNever();
        b.Property(m => m.To).HasMaxLength(256);
        b.Property(m => m.Subject).HasMaxLength(256);
        b.Property(m => m.Kind).HasMaxLength(32);
        b.Property(m => m.MessageId).HasMaxLength(128);
        b.Property(m => m.LastError).HasMaxLength(500);
        // The send job's question: what is unsent and due?
        b.HasIndex(m => new { m.SentAtUtc, m.NextAttemptAtUtc });
        // The account-email cooldown's question: what went to this address, of this kind, lately?
        b.HasIndex(m => new { m.To, m.Kind, m.CreatedAtUtc });
    }
}
