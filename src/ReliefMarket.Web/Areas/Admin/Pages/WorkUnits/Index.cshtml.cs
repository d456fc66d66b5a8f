using System.Globalization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using ReliefMarket.Domain.Procurement;
using ReliefMarket.Web.Audit;

namespace ReliefMarket.Web.Areas.Admin.Pages.WorkUnits;

/// <summary>/admin/work-units: the units that buy in bulk, how many buyers each has and how many transfers it still owes; an Admin adds one.</summary>
public class IndexModel(AppDbContext db, AuditLog audit, TimeProvider clock) : PageModel
{
    public sealed record Row(int Id, string Name, WorkUnitKind Kind, Money Budget, int TargetBasisPoints, int Buyers, int AwaitingTransfer);

    public IReadOnlyList<Row> Rows { get; private set; } = [];
    public IReadOnlyList<string> Problems { get; private set; } = [];

    [BindProperty] public WorkUnitForm Form { get; set; } = new();

    public Task OnGetAsync(CancellationToken ct) => LoadAsync(ct);

    /// <summary>The area's filter lets only Admins post (decision 0017).</summary>
    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        var (parsed, problems) = Form.Parse();
        if (parsed is not null && await db.WorkUnits.AnyAsync(u => u.Name == parsed.Name, ct)) problems = ["WorkUnits.Problem.NameTaken"];
        if (parsed is null || problems.Count > 0)
        {
            Problems = problems;
            await LoadAsync(ct);
            return Page();
        }
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        var unit = new WorkUnit(parsed.Name, parsed.Kind, parsed.Address, parsed.Invoice, parsed.Budget, parsed.TargetBasisPoints, clock.GetUtcNow().UtcDateTime);
        db.WorkUnits.Add(unit);
        await db.SaveChangesAsync(ct);
        audit.Record("workunit.created", nameof(WorkUnit), unit.Id.ToString(CultureInfo.InvariantCulture), null, WorkUnitForm.AuditFields(unit));
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        return RedirectToPage("Edit", new { id = unit.Id });
    }

    private async Task LoadAsync(CancellationToken ct) =>
        Rows = await db.WorkUnits.AsNoTracking().OrderBy(u => u.Name)
            .Select(u => new Row(u.Id, u.Name, u.Kind, u.AnnualBudget, u.TargetBasisPoints,
                db.Users.Count(b => b.WorkUnitId == u.Id),
                db.ProcurementOrders.Count(p => p.WorkUnitId == u.Id && db.Orders.Any(o => o.Id == p.OrderId && o.Status == OrderStatus.PendingPayment))))
            .ToListAsync(ct);
}
