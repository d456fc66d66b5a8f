using System.Text.Json;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using ReliefMarket.Web.Audit;

namespace ReliefMarket.Web.Areas.Admin.Pages.Orders;

public enum RefundNotice { None, Refunded, AlreadyRecorded }

/// <summary>/admin/orders/{id}: one order as staff see it — lines, payment, shipments, refunds, attribution and its audit history.</summary>
public class DetailsModel(AppDbContext db) : PageModel
{
    public sealed record AttributionRow(DateTime OccurredAtUtc, AttributionKind Kind, LocalizedText Village, int ProducerId, bool CertifiedAtSale, Money Amount);
    public sealed record RefundRow(DateTime AtUtc, string? By, string? Amount, string? Lines, string? Reason, string? RefundId);

    public Order Order { get; private set; } = null!;
    public string? BuyerEmail { get; private set; }
    public IReadOnlyList<Shipment> Shipments { get; private set; } = [];
    public IReadOnlyList<AttributionRow> Attribution { get; private set; } = [];
    public IReadOnlyList<RefundRow> Refunds { get; private set; } = [];
    public IReadOnlyList<AuditEntry> History { get; private set; } = [];
    public bool CanRefund { get; private set; }
    [BindProperty(SupportsGet = true)] public RefundNotice Notice { get; set; }

    public async Task<IActionResult> OnGetAsync(Guid id, CancellationToken ct)
    {
        var order = await db.Orders.AsNoTracking().Include(o => o.Lines).SingleOrDefaultAsync(o => o.Id == id, ct);
        if (order is null) return NotFound();
        Order = order;
        BuyerEmail = await db.Users.Where(u => u.Id == order.CustomerId).Select(u => u.Email).FirstOrDefaultAsync(ct);
        Shipments = await db.Shipments.AsNoTracking().Where(s => s.OrderId == id).OrderBy(s => s.Id).ToListAsync(ct);
        Attribution = await db.AttributionEntries.AsNoTracking().Where(a => a.OrderId == id)
            .Join(db.Villages, a => a.VillageId, v => v.Id, (a, v) => new { a, v.Name })
            .OrderBy(x => x.a.Id)
            .Select(x => new AttributionRow(x.a.OccurredAtUtc, x.a.Kind, x.Name, x.a.ProducerId, x.a.CertifiedAtSale, new Money(x.a.AmountFen)))
            .ToListAsync(ct);
        var entityId = id.ToString();
        History = await db.AuditEntries.AsNoTracking().Where(a => a.EntityType == OrderRefunds.EntityType && a.EntityId == entityId)
            .OrderByDescending(a => a.AtUtc).ThenByDescending(a => a.Id).ToListAsync(ct);
        Refunds = History.Where(a => a.Action == OrderRefunds.AuditAction).Select(ToRefund).ToList();
        CanRefund = User.CanChange() && OrderRefunds.IsRefundable(order) && order.Refunded < order.Total;
        return Page();
    }

    private static RefundRow ToRefund(AuditEntry entry)
    {
        var after = entry.After is null ? [] : JsonSerializer.Deserialize<Dictionary<string, string?>>(entry.After) ?? [];
        return new RefundRow(entry.AtUtc, entry.UserEmail, after.GetValueOrDefault("Amount"), after.GetValueOrDefault("Lines"), after.GetValueOrDefault("Reason"), after.GetValueOrDefault("RefundId"));
    }
}
