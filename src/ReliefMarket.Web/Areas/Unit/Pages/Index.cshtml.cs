using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using ReliefMarket.Domain.Procurement;
using ReliefMarket.Web.Access;
using ReliefMarket.Web.Procurement;

namespace ReliefMarket.Web.Areas.Unit.Pages;

/// <summary>/unit: the buyer's work unit — its progress toward its relief-produce target this year, and its orders.</summary>
public class IndexModel(AppDbContext db, TimeProvider clock) : PageModel
{
    public WorkUnit Unit { get; private set; } = null!;
    public UnitQueries.Progress Progress { get; private set; } = null!;
    public IReadOnlyList<UnitQueries.OrderRow> Orders { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        var unitId = User.WorkUnitId()!.Value;
        var unit = await db.WorkUnits.AsNoTracking().SingleOrDefaultAsync(u => u.Id == unitId, ct);
        if (unit is null) return NotFound();
        Unit = unit;
        Progress = await db.ProgressAsync(unit, ChinaTime.Today(clock).Year, ct);
        Orders = await db.OrdersAsync(unitId, 100, ct);
        return Page();
    }
}
