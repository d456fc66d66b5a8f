namespace ReliefMarket.Web.Areas.Cooperative.Pages.Orders;

/// <summary>
/// Shipments as a cooperative member may see them: only their producer's, each with only that producer's lines and the
/// delivery address they need to ship. Another producer's shipment id is simply not found.
/// </summary>
public static class ShipmentQueries
{
    public sealed record Address(string Recipient, string Mobile, string Province, string City, string District, string Street)
    {
        public string Full => $"{Province}{City}{District}{Street}";
    }

    public sealed record Line(long ShipmentId, LocalizedText ProductName, LocalizedText Unit, int Quantity);

    public sealed record Row(long Id, Guid OrderId, OrderStatus OrderStatus, ShipmentStatus Status, DateTime CreatedAtUtc,
        string? Carrier, string? TrackingNumber, DateTime? ShippedAtUtc, DateTime? DeliveredAtUtc, Address? Address)
    {
        public IReadOnlyList<Line> Lines { get; init; } = [];
        public string OrderNumber => OrderId.ToString("N")[..12].ToUpperInvariant();
        public bool CanShip => Status == ShipmentStatus.ToPack && OrderStatus != OrderStatus.Refunded;
    }

    /// <summary>What a member filters by: status, and the China dates the shipment was created (the order paid) between.</summary>
    public sealed record Filter(ShipmentStatus? Status, DateOnly? From, DateOnly? To);

    public static IQueryable<Shipment> OfProducer(this AppDbContext db, int producerId) =>
        db.Shipments.AsNoTracking().Where(s => s.ProducerId == producerId);

    public static IQueryable<Shipment> Matching(this IQueryable<Shipment> shipments, Filter filter)
    {
        if (filter.Status is { } status) shipments = shipments.Where(s => s.Status == status);
        if (filter.From is { } from)
        {
            var fromUtc = StartOfChinaDayUtc(from);
            shipments = shipments.Where(s => s.CreatedAtUtc >= fromUtc);
        }
        if (filter.To is { } to)
        {
            var beforeUtc = StartOfChinaDayUtc(to.AddDays(1));
            shipments = shipments.Where(s => s.CreatedAtUtc < beforeUtc);
        }
        return shipments;
    }

    /// <summary>Shipments to pack that still owe the buyer something: an order refunded in full is not packed.</summary>
    public static IQueryable<Shipment> ToPack(this AppDbContext db, int producerId) =>
        db.OfProducer(producerId).Where(s => s.Status == ShipmentStatus.ToPack
            && db.Orders.Any(o => o.Id == s.OrderId && o.Status != OrderStatus.Refunded));

    /// <summary>
    /// A page of rows, newest first, with their order's address and their own lines: two queries however many rows.
    /// <paramref name="shipments"/> must already be scoped to one producer.
    /// </summary>
    public static async Task<IReadOnlyList<Row>> RowsAsync(this AppDbContext db, IQueryable<Shipment> shipments, int skip, int take, CancellationToken ct)
    {
        var rows = await shipments.Join(db.Orders, s => s.OrderId, o => o.Id, (s, o) => new { s, o })
            .OrderByDescending(x => x.s.CreatedAtUtc).ThenByDescending(x => x.s.Id).Skip(skip).Take(take)
            .Select(x => new Row(x.s.Id, x.s.OrderId, x.o.Status, x.s.Status, x.s.CreatedAtUtc, x.s.Carrier, x.s.TrackingNumber,
                x.s.ShippedAtUtc, x.s.DeliveredAtUtc,
                x.o.ShippingAddress == null ? null : new Address(x.o.ShippingAddress.Recipient, x.o.ShippingAddress.Mobile,
                    x.o.ShippingAddress.Province, x.o.ShippingAddress.City, x.o.ShippingAddress.District, x.o.ShippingAddress.Street)))
            .ToListAsync(ct);
        if (rows.Count == 0) return rows;
        var ids = rows.Select(r => r.Id).ToList();
        var lines = await db.Shipments.Where(s => ids.Contains(s.Id))
            .Join(db.OrderLines, s => new { s.OrderId, s.ProducerId }, l => new { l.OrderId, l.ProducerId },
                (s, l) => new { ShipmentId = s.Id, LineId = l.Id, l.ProductName, l.Unit, l.Quantity })
            .OrderBy(x => x.LineId)
            .Select(x => new Line(x.ShipmentId, x.ProductName, x.Unit, x.Quantity))
            .ToListAsync(ct);
        var byShipment = lines.ToLookup(l => l.ShipmentId);
        return rows.Select(r => r with { Lines = byShipment[r.Id].ToList() }).ToList();
    }

    public static async Task<Row?> FindAsync(this AppDbContext db, int producerId, long id, CancellationToken ct) =>
        (await db.RowsAsync(db.OfProducer(producerId).Where(s => s.Id == id), 0, 1, ct)).SingleOrDefault();

    public static DateTime StartOfChinaDayUtc(DateOnly chinaDate) =>
        TimeZoneInfo.ConvertTimeToUtc(chinaDate.ToDateTime(TimeOnly.MinValue, DateTimeKind.Unspecified), ChinaTime.Zone);
}
