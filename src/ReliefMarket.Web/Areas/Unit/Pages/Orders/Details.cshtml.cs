using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Options;
using ReliefMarket.Web.Access;
using ReliefMarket.Web.Procurement;

namespace ReliefMarket.Web.Areas.Unit.Pages.Orders;

/// <summary>/unit/orders/{id}: one of the unit's orders with its invoice request and how to pay it; another unit's order is 404.</summary>
public class DetailsModel(AppDbContext db, IOptions<ProcurementOptions> options) : PageModel
{
    public Order Order { get; private set; } = null!;
    public ProcurementOrder Purchase { get; private set; } = null!;
    public IReadOnlyList<Shipment> Shipments { get; private set; } = [];
    public ProcurementOptions Bank => options.Value;

    public async Task<IActionResult> OnGetAsync(Guid id, CancellationToken ct)
    {
        var request = await db.OfUnit(User.WorkUnitId()!.Value).SingleOrDefaultAsync(p => p.OrderId == id, ct);
        if (request is null) return NotFound();
        Purchase = request;
        Order = await db.Orders.AsNoTracking().Include(o => o.Lines).SingleAsync(o => o.Id == id, ct);
        Shipments = await db.Shipments.AsNoTracking().Where(s => s.OrderId == id).OrderBy(s => s.Id).ToListAsync(ct);
        return Page();
    }
}
