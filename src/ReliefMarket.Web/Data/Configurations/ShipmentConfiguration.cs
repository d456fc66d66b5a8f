using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace ReliefMarket.Web.Data.Configurations;

internal sealed class ShipmentConfiguration : IEntityTypeConfiguration<Shipment>
{
    public void Configure(EntityTypeBuilder<Shipment> b)
    {
        b.ToTable("shipments");
        b.Property(s => s.Carrier).HasMaxLength(Shipment.MaxCarrierLength);
        b.Property(s => s.TrackingNumber).HasMaxLength(Shipment.MaxTrackingNumberLength);
        b.HasOne<Order>().WithMany().HasForeignKey(s => s.OrderId).OnDelete(DeleteBehavior.Cascade);
        b.HasOne<Producer>().WithMany().HasForeignKey(s => s.ProducerId).OnDelete(DeleteBehavior.Restrict);
        // One parcel per producer per order: a repeated payment event cannot make a second one.
        b.HasIndex(s => new { s.OrderId, s.ProducerId }).IsUnique();
        // The member's list: their producer's shipments by status, newest first.
        b.HasIndex(s => new { s.ProducerId, s.Status, s.CreatedAtUtc });
    }
}
