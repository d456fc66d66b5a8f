using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Options;
using ReliefMarket.Web.Access;
using ReliefMarket.Web.Procurement;

namespace ReliefMarket.Web.Areas.Unit.Pages.Orders;

/// <summary>
/// /unit/orders/{id}: one of the unit's orders with its invoice request, how and by when to pay it, and — while unpaid —
/// cancelling it (any buyer of the unit). Another unit's order is 404.
/// </summary>
public class DetailsModel(AppDbContext db, UnpaidProcurement unpaid, IOptions<ProcurementOptions> options) : PageModel
{
    public Order Order { get; private set; } = null!;
    public ProcurementOrder Purchase { get; private set; } = null!;
    public IReadOnlyList<Shipment> Shipments { get; private set; } = [];
    public ProcurementOptions Bank => options.Value;
    [BindProperty(SupportsGet = true)] public CancelOutcome? Outcome { get; set; }

    public async Task<IActionResult> OnGetAsync(Guid id, CancellationToken ct)
    {
        var request = await db.OfUnit(User.WorkUnitId()!.Value).SingleOrDefaultAsync(p => p.OrderId == id, ct);
        if (request is null) return NotFound();
        Purchase = request;
        Order = await db.Orders.AsNoTracking().Include(o => o.Lines).SingleAsync(o => o.Id == id, ct);
        Shipments = await db.Shipments.AsNoTracking().Where(s => s.OrderId == id).OrderBy(s => s.Id).ToListAsync(ct);
        return Page();
    }

    public async Task<IActionResult> OnPostCancelAsync(Guid id, CancellationToken ct)
    {
        if (!await db.OfUnit(User.WorkUnitId()!.Value).AnyAsync(p => p.OrderId == id, ct)) return NotFound();
        return RedirectToPage(new { id, outcome = await unpaid.CancelAsync(id, CancelledBy.Buyer, ct) });
    }
}
