using ReliefMarket.Domain.Procurement;

namespace ReliefMarket.Web.Procurement;

/// <summary>
/// What a work unit's buyers may see: only their unit's orders (another unit's order id is simply not found), its
/// progress toward its relief-produce target, and its purchase record.
/// </summary>
public static class UnitQueries
{
    public sealed record OrderRow(Guid OrderId, DateTime RequestedAtUtc, OrderStatus Status, Money Total, string TransferReference)
    {
        public string OrderNumber => OrderId.ToString("N")[..12].ToUpperInvariant();
    }

    /// <summary>
    /// A calendar year (China time) against the unit's budget: relief produce is what was certified at the time of sale, net
    /// of refunds, from the attribution entries of the unit's paid orders — the same rows the aid reports add up.
    /// </summary>
    public sealed record Progress(int Year, Money Budget, int TargetBasisPoints, Money Target, Money ReliefBought, Money AllBought)
    {
        /// <summary>Relief produce bought as a share of the budget, in basis points (rounded down); null without a budget.</summary>
        public int? ShareBasisPoints => Budget.Fen > 0 ? (int)Math.Min(int.MaxValue, ReliefBought.Fen * WorkUnit.WholeInBasisPoints / Budget.Fen) : null;
        /// <summary>How far along the target, in basis points of it (rounded down); null without a target.</summary>
        public int? OfTargetBasisPoints => Target.Fen > 0 ? (int)Math.Min(int.MaxValue, ReliefBought.Fen * WorkUnit.WholeInBasisPoints / Target.Fen) : null;
        public bool Reached => Target.Fen > 0 && ReliefBought >= Target;
    }

    public sealed record RecordRow(DateTime RequestedAtUtc, DateTime? PaidAtUtc, Guid OrderId, OrderStatus Status, LocalizedText ProductName,
        LocalizedText Unit, LocalizedText ProducerName, int Quantity, Money UnitPrice, bool CertifiedAtSale, string? PaymentReference);

    public static IQueryable<ProcurementOrder> OfUnit(this AppDbContext db, int workUnitId) =>
        db.ProcurementOrders.AsNoTracking().Where(p => p.WorkUnitId == workUnitId);

    public static Task<List<OrderRow>> OrdersAsync(this AppDbContext db, int workUnitId, int take, CancellationToken ct) =>
        db.OfUnit(workUnitId).Join(db.Orders, p => p.OrderId, o => o.Id, (p, o) => new { p, o })
            .OrderByDescending(x => x.p.RequestedAtUtc)
            .Select(x => new OrderRow(x.o.Id, x.p.RequestedAtUtc, x.o.Status, x.o.Total, x.p.TransferReference))
            .Take(take).ToListAsync(ct);

    public static async Task<Progress> ProgressAsync(this AppDbContext db, WorkUnit unit, int year, CancellationToken ct)
    {
        var (from, to) = (ChinaTime.ToUtc(new DateOnly(year, 1, 1)), ChinaTime.ToUtc(new DateOnly(year + 1, 1, 1)));
        var orders = db.OfUnit(unit.Id).Select(p => p.OrderId);
        var sums = await db.AttributionEntries.AsNoTracking()
            .Where(a => orders.Contains(a.OrderId) && a.OccurredAtUtc >= from && a.OccurredAtUtc < to)
            .GroupBy(a => a.CertifiedAtSale).Select(g => new { Certified = g.Key, Fen = g.Sum(a => a.AmountFen) }).ToListAsync(ct);
        var relief = sums.Where(s => s.Certified).Sum(s => s.Fen);
        return new Progress(year, unit.AnnualBudget, unit.TargetBasisPoints, unit.Target, new Money(relief), new Money(sums.Sum(s => s.Fen)));
    }

    /// <summary>Every line the unit ordered in the year (by the date it was requested), oldest first: its purchase record.</summary>
    public static Task<List<RecordRow>> RecordAsync(this AppDbContext db, int workUnitId, int year, CancellationToken ct)
    {
        var (from, to) = (ChinaTime.ToUtc(new DateOnly(year, 1, 1)), ChinaTime.ToUtc(new DateOnly(year + 1, 1, 1)));
        return db.OfUnit(workUnitId).Where(p => p.RequestedAtUtc >= from && p.RequestedAtUtc < to)
            .Join(db.Orders, p => p.OrderId, o => o.Id, (p, o) => new { p, o })
            .Join(db.OrderLines, x => x.o.Id, l => l.OrderId, (x, l) => new { x.p, x.o, l })
            .OrderBy(x => x.p.RequestedAtUtc).ThenBy(x => x.l.Id)
            .Select(x => new RecordRow(x.p.RequestedAtUtc, x.o.PaidAtUtc, x.o.Id, x.o.Status, x.l.ProductName, x.l.Unit, x.l.ProducerName,
                x.l.Quantity, x.l.UnitPrice, x.l.CertifiedAtSale, x.o.PaymentReference))
            .ToListAsync(ct);
    }

    /// <summary>Percent with two decimals from basis points: 399 → "3.99%".</summary>
    public static string Percent(int basisPoints) => (basisPoints / 100m).ToString("0.00", System.Globalization.CultureInfo.InvariantCulture) + "%";
}
