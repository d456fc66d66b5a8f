using Microsoft.EntityFrameworkCore.Metadata.Builders;
using ReliefMarket.Domain.Procurement;

namespace ReliefMarket.Web.Procurement;

/// <summary>
/// A work unit's order and its invoice request: which unit bought, which buyer placed it, the invoice details as they
/// were at the time (a later change of the unit's tax details does not rewrite an invoice already asked for) and the
/// reference the unit writes on its bank transfer. The order itself carries no customer: it belongs to the unit.
/// </summary>
public class ProcurementOrder
{
    public const int MaxBankReferenceLength = 64;
    /// <summary>What the order's payment reference starts with, so a bank reference can never collide with a card payment's.</summary>
    public const string PaymentReferencePrefix = "bank:";

    private ProcurementOrder() { }

    public ProcurementOrder(Guid orderId, int workUnitId, string buyerId, InvoiceDetails invoice, DateTime requestedAtUtc)
    {
        OrderId = orderId;
        WorkUnitId = workUnitId;
        BuyerId = buyerId;
        Invoice = invoice;
        RequestedAtUtc = requestedAtUtc;
        TransferReference = ReferenceFor(orderId);
    }

    public Guid OrderId { get; private set; }
    public int WorkUnitId { get; private set; }
    public string BuyerId { get; private set; } = "";
    public InvoiceDetails Invoice { get; private set; } = null!;
    /// <summary>What the unit writes in the transfer's remarks (附言), so the money can be matched to this order.</summary>
    public string TransferReference { get; private set; } = "";
    public DateTime RequestedAtUtc { get; private set; }

    /// <summary>"PO" and the order number: short enough for a bank form's remarks field.</summary>
    public static string ReferenceFor(Guid orderId) => "PO" + orderId.ToString("N")[..12].ToUpperInvariant();
}

internal sealed class ProcurementConfiguration : IEntityTypeConfiguration<ProcurementOrder>, IEntityTypeConfiguration<WorkUnit>
{
    public void Configure(EntityTypeBuilder<ProcurementOrder> b)
    {
        b.ToTable("procurement_orders");
        b.HasKey(p => p.OrderId);
        b.Property(p => p.OrderId).ValueGeneratedNever();
        b.HasOne<Order>().WithOne().HasForeignKey<ProcurementOrder>(p => p.OrderId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<WorkUnit>().WithMany().HasForeignKey(p => p.WorkUnitId).OnDelete(DeleteBehavior.Restrict);
        b.Property(p => p.BuyerId).HasMaxLength(450);
        b.HasOne<AppUser>().WithMany().HasForeignKey(p => p.BuyerId).OnDelete(DeleteBehavior.Restrict);
        b.OwnsOne(p => p.Invoice, InvoiceColumns);
        b.Property(p => p.TransferReference).HasMaxLength(16);
        b.HasIndex(p => p.TransferReference).IsUnique();
        // The unit's page: its orders, newest first.
        b.HasIndex(p => new { p.WorkUnitId, p.RequestedAtUtc });
    }

    public void Configure(EntityTypeBuilder<WorkUnit> b)
    {
        b.ToTable("work_units");
        b.Property(u => u.Name).HasMaxLength(WorkUnit.MaxNameLength);
        b.HasIndex(u => u.Name).IsUnique();
        b.OwnsOne(u => u.Invoice, InvoiceColumns);
        b.OwnsOne(u => u.DeliveryAddress, a =>
        {
            a.Property(x => x.Recipient).HasMaxLength(ShippingAddress.MaxNameLength);
            a.Property(x => x.Mobile).HasMaxLength(11);
            a.Property(x => x.Province).HasMaxLength(ShippingAddress.MaxRegionLength);
            a.Property(x => x.City).HasMaxLength(ShippingAddress.MaxRegionLength);
            a.Property(x => x.District).HasMaxLength(ShippingAddress.MaxRegionLength);
            a.Property(x => x.Street).HasMaxLength(ShippingAddress.MaxStreetLength);
        });
        b.Navigation(u => u.DeliveryAddress).IsRequired();
        b.Navigation(u => u.Invoice).IsRequired();
        b.Ignore(u => u.Target);
    }

    private static void InvoiceColumns<T>(OwnedNavigationBuilder<T, InvoiceDetails> i) where T : class
    {
        i.Property(x => x.Title).HasMaxLength(WorkUnit.MaxInvoiceTitleLength);
        i.Property(x => x.TaxpayerId).HasMaxLength(20);
    }
}
