using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace ReliefMarket.Web.Listings;

internal sealed class ProductPhotoConfiguration : IEntityTypeConfiguration<ProductPhoto>
{
    public void Configure(EntityTypeBuilder<ProductPhoto> b)
    {
        b.ToTable("product_photos", t => t.HasCheckConstraint("ck_product_photos_position", "position >= 0 AND position < 6"));
        b.Property(p => p.FileName).HasMaxLength(64);
        b.Property(p => p.ThumbnailName).HasMaxLength(64);
        b.HasIndex(p => p.FileName).IsUnique();
        b.HasIndex(p => p.ThumbnailName).IsUnique();
        b.HasOne<Product>().WithMany().HasForeignKey(p => p.ProductId).OnDelete(DeleteBehavior.Cascade);
        b.HasIndex(p => new { p.ProductId, p.Position });
    }
}

internal sealed class StockChangeConfiguration : IEntityTypeConfiguration<StockChange>
{
    public void Configure(EntityTypeBuilder<StockChange> b)
    {
        b.ToTable("stock_changes");
        b.Property(s => s.Note).HasMaxLength(200);
        b.Property(s => s.UserId).HasMaxLength(450);
        b.HasOne<Product>().WithMany().HasForeignKey(s => s.ProductId).OnDelete(DeleteBehavior.Cascade);
        b.HasIndex(s => new { s.ProductId, s.AtUtc });
    }
}
