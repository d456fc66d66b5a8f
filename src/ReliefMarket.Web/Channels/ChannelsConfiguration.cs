using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace ReliefMarket.Web.Channels;

internal sealed class DeviceConfiguration : IEntityTypeConfiguration<Device>
{
    public void Configure(EntityTypeBuilder<Device> b)
    {
        b.ToTable("devices");
        b.Property(d => d.Name).HasMaxLength(Device.MaxNameLength);
        b.Property(d => d.Location).HasMaxLength(Device.MaxLocationLength);
        b.Property(d => d.KeyPrefix).HasMaxLength(DeviceKey.PrefixLength);
        b.Property(d => d.KeyHash).HasMaxLength(32);
        b.HasIndex(d => d.KeyPrefix).IsUnique();
        b.Ignore(d => d.IsRevoked);
    }
}

internal sealed class DeviceSaleConfiguration : IEntityTypeConfiguration<DeviceSale>
{
    public void Configure(EntityTypeBuilder<DeviceSale> b)
    {
        b.ToTable("device_sales");
        b.Property(s => s.SaleId).HasMaxLength(DeviceSale.MaxSaleIdLength);
        b.Property(s => s.ContentHash).HasMaxLength(64);
        // A device's sale is recorded once: a second insert of the same id fails the transaction that tried it.
        b.HasIndex(s => new { s.DeviceId, s.SaleId }).IsUnique();
        b.HasIndex(s => s.OrderId).IsUnique();
        // Review list: the flagged sales of a device.
        b.HasIndex(s => new { s.NeedsReview, s.DeviceId });
        b.HasOne<Device>().WithMany().HasForeignKey(s => s.DeviceId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<Order>().WithMany().HasForeignKey(s => s.OrderId).OnDelete(DeleteBehavior.Restrict);
    }
}
