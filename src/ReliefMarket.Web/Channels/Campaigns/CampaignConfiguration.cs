using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace ReliefMarket.Web.Channels.Campaigns;

internal sealed class CampaignConfiguration : IEntityTypeConfiguration<Campaign>
{
    public void Configure(EntityTypeBuilder<Campaign> b)
    {
        b.ToTable("campaigns");
        b.Property(c => c.Name).HasMaxLength(Campaign.MaxNameLength);
        b.Property(c => c.Code).HasMaxLength(Campaign.CodeLength);
        b.HasIndex(c => c.Code).IsUnique();
        b.HasMany(c => c.Products).WithOne().HasForeignKey(p => p.CampaignId).OnDelete(DeleteBehavior.Cascade);
        b.Navigation(c => c.Products).HasField("_products");
        // An order remembers its campaign; a campaign with orders is kept.
        b.HasMany<Order>().WithOne().HasForeignKey(o => o.CampaignId).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class CampaignProductConfiguration : IEntityTypeConfiguration<CampaignProduct>
{
    public void Configure(EntityTypeBuilder<CampaignProduct> b)
    {
        b.ToTable("campaign_products");
        b.HasKey(p => new { p.CampaignId, p.ProductId });
        b.HasOne<Product>().WithMany().HasForeignKey(p => p.ProductId).OnDelete(DeleteBehavior.Restrict);
    }
}
