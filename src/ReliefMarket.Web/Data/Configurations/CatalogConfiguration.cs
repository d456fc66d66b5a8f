using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace ReliefMarket.Web.Data.Configurations;

internal sealed class CountyConfiguration : IEntityTypeConfiguration<County>
{
    public void Configure(EntityTypeBuilder<County> b)
    {
        b.ToTable("counties");
        b.Property(c => c.Code).HasMaxLength(64);
        b.HasIndex(c => c.Code).IsUnique();
    }
}

internal sealed class TownshipConfiguration : IEntityTypeConfiguration<Township>
{
    public void Configure(EntityTypeBuilder<Township> b)
    {
        b.ToTable("townships");
        b.Property(t => t.Code).HasMaxLength(64);
        b.HasIndex(t => new { t.CountyId, t.Code }).IsUnique();
        b.HasOne(t => t.County).WithMany().HasForeignKey(t => t.CountyId).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class VillageConfiguration : IEntityTypeConfiguration<Village>
{
    public void Configure(EntityTypeBuilder<Village> b)
    {
        b.ToTable("villages");
        b.Property(v => v.Code).HasMaxLength(64);
        b.HasIndex(v => v.Code).IsUnique();
        b.HasOne(v => v.County).WithMany().HasForeignKey(v => v.CountyId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne(v => v.Township).WithMany().HasForeignKey(v => v.TownshipId).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class ProducerConfiguration : IEntityTypeConfiguration<Producer>
{
    public void Configure(EntityTypeBuilder<Producer> b)
    {
        b.ToTable("producers");
        b.Property(p => p.Code).HasMaxLength(64);
        b.HasIndex(p => p.Code).IsUnique();
        b.HasOne(p => p.Village).WithMany().HasForeignKey(p => p.VillageId).OnDelete(DeleteBehavior.Restrict);
        b.OwnsOne(p => p.BankAccount, a =>
        {
            a.Property(x => x.AccountName).HasMaxLength(100);
            a.Property(x => x.Bank).HasMaxLength(100);
            a.Property(x => x.Branch).HasMaxLength(100);
            a.Property(x => x.AccountNumber).HasMaxLength(30);
        });
        b.OwnsMany(p => p.SourcingShares, s =>
        {
            s.ToTable("sourcing_shares", t => t.HasCheckConstraint("ck_sourcing_shares_basis_points", "basis_points > 0 AND basis_points <= 10000"));
            s.WithOwner().HasForeignKey("ProducerId");
            s.HasKey("ProducerId", nameof(SourcingShare.VillageId));
            s.HasOne<Village>().WithMany().HasForeignKey(x => x.VillageId).OnDelete(DeleteBehavior.Restrict);
            s.HasIndex(x => x.VillageId);
        });
        b.Navigation(p => p.SourcingShares).HasField("_sourcingShares");
    }
}

internal sealed class ProductConfiguration : IEntityTypeConfiguration<Product>
{
    public void Configure(EntityTypeBuilder<Product> b)
    {
        b.ToTable("products", t => t.HasCheckConstraint("ck_products_stock", "stock >= 0"));
        b.Property(p => p.Slug).HasMaxLength(64);
        b.HasIndex(p => p.Slug).IsUnique();
        b.Property(p => p.ImagePath).HasMaxLength(256);
        b.Property(p => p.CertificateNumber).HasMaxLength(64);
        b.Property(p => p.CertificationNote).HasMaxLength(500);
        // The guard against overselling: an update of stock only succeeds if nobody changed it since it was read.
        b.Property(p => p.Stock).IsConcurrencyToken();
        b.HasOne(p => p.Producer).WithMany().HasForeignKey(p => p.ProducerId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<County>().WithMany().HasForeignKey(p => p.IssuingCountyId).OnDelete(DeleteBehavior.Restrict);
        // Catalog filtering: listed products by category or certification, newest first, per producer.
        b.HasIndex(p => new { p.IsListed, p.Category });
        b.HasIndex(p => new { p.IsListed, p.CertificationStatus });
        b.HasIndex(p => new { p.IsListed, p.CreatedAtUtc });
        b.HasIndex(p => p.ProducerId);
    }
}
