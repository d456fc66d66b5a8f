using System.ComponentModel.DataAnnotations;
using System.Globalization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using ReliefMarket.Domain.Procurement;
using ReliefMarket.Web.Audit;
using ReliefMarket.Web.Procurement;

namespace ReliefMarket.Web.Areas.Admin.Pages.WorkUnits;

/// <summary>
/// /admin/work-units/{id}: one unit — its details, its buyers (invited by email), its progress this year and its orders,
/// each awaiting transfer with a "confirm bank transfer received" and a "cancel unpaid order" action. Every change is audited in its own transaction.
/// </summary>
public class EditModel(AppDbContext db, AuditLog audit, WorkUnitInvitations invitations, Email.EmailOutbox outbox,
    TransferConfirmation confirmation, UnpaidProcurement unpaid, TimeProvider clock) : PageModel
{
    public WorkUnit Unit { get; private set; } = null!;
    public IReadOnlyList<string> Buyers { get; private set; } = [];
    public IReadOnlyList<UnitQueries.OrderRow> Orders { get; private set; } = [];
    public UnitQueries.Progress Progress { get; private set; } = null!;
    public IReadOnlyList<string> Problems { get; private set; } = [];
    [BindProperty(SupportsGet = true)] public string? Notice { get; set; }

    [BindProperty] public WorkUnitForm Form { get; set; } = new();
    [BindProperty] public string? InviteEmail { get; set; }
    [BindProperty] public string? BankReference { get; set; }

    public async Task<IActionResult> OnGetAsync(int id, CancellationToken ct)
    {
        if (!await LoadAsync(id, ct)) return NotFound();
        Form = WorkUnitForm.From(Unit);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(int id, CancellationToken ct)
    {
        var unit = await db.WorkUnits.SingleOrDefaultAsync(u => u.Id == id, ct);
        if (unit is null) return NotFound();
        var (parsed, problems) = Form.Parse();
        if (parsed is not null && await db.WorkUnits.AnyAsync(u => u.Name == parsed.Name && u.Id != id, ct)) problems = ["WorkUnits.Problem.NameTaken"];
        if (parsed is null || problems.Count > 0) return await ShowAsync(id, problems, ct);
        var before = WorkUnitForm.AuditFields(unit);
        unit.Change(parsed.Name, parsed.Kind, parsed.Address, parsed.Invoice, parsed.Budget, parsed.TargetBasisPoints);
        audit.Record("workunit.updated", nameof(WorkUnit), id.ToString(CultureInfo.InvariantCulture), before, WorkUnitForm.AuditFields(unit));
        await db.SaveChangesAsync(ct);
        return RedirectToPage(new { id, notice = "Saved" });
    }

    public async Task<IActionResult> OnPostInviteAsync(int id, CancellationToken ct)
    {
        var unit = await db.WorkUnits.AsNoTracking().SingleOrDefaultAsync(u => u.Id == id, ct);
        if (unit is null) return NotFound();
        var email = InviteEmail?.Trim();
        if (email is not { Length: > 0 and <= 256 } || !new EmailAddressAttribute().IsValid(email)) return await ShowAsync(id, ["WorkUnits.Problem.Email"], ct);
        await invitations.AddAsync(email, unit, ct);
        audit.Record("workunit.buyer-invited", nameof(WorkUnit), id.ToString(CultureInfo.InvariantCulture), null,
            new Dictionary<string, object?> { ["InvitedEmail"] = email, ["Role"] = Roles.WorkUnitBuyer });
        await db.SaveChangesAsync(ct);
        outbox.SendSoon();
        return RedirectToPage(new { id, notice = "Invited" });
    }

    /// <summary>"Confirm bank transfer received": the order becomes paid once, however often this is posted.</summary>
    public async Task<IActionResult> OnPostConfirmAsync(int id, Guid orderId, CancellationToken ct)
    {
        if (!await db.ProcurementOrders.AnyAsync(p => p.OrderId == orderId && p.WorkUnitId == id, ct)) return NotFound();
        var outcome = await confirmation.ConfirmAsync(orderId, BankReference, ct);
        return outcome is ConfirmOutcome.Confirmed or ConfirmOutcome.AlreadyConfirmed
            ? RedirectToPage(new { id, notice = outcome.ToString() })
            : await ShowAsync(id, ["WorkUnits.Confirm.Problem." + outcome], ct);
    }

    /// <summary>Cancels an unpaid order and releases its stock; a paid order is refused with a message.</summary>
    public async Task<IActionResult> OnPostCancelAsync(int id, Guid orderId, CancellationToken ct)
    {
        if (!await db.OfUnit(id).AnyAsync(p => p.OrderId == orderId, ct)) return NotFound();
        var outcome = await unpaid.CancelAsync(orderId, CancelledBy.Admin, ct);
        return outcome.Ended()
            ? RedirectToPage(new { id, notice = outcome.ToString() })
            : await ShowAsync(id, ["WorkUnits.Cancel.Problem." + outcome], ct);
    }

    private async Task<IActionResult> ShowAsync(int id, IReadOnlyList<string> problems, CancellationToken ct)
    {
        db.ChangeTracker.Clear();
        if (!await LoadAsync(id, ct)) return NotFound();
        Problems = problems;
        return Page();
    }

    private async Task<bool> LoadAsync(int id, CancellationToken ct)
    {
        var unit = await db.WorkUnits.AsNoTracking().SingleOrDefaultAsync(u => u.Id == id, ct);
        if (unit is null) return false;
        Unit = unit;
        Buyers = await db.Users.AsNoTracking().Where(u => u.WorkUnitId == id).OrderBy(u => u.Email).Select(u => u.Email ?? "").ToListAsync(ct);
        Orders = await db.OrdersAsync(id, 200, ct);
        Progress = await db.ProgressAsync(unit, ChinaTime.Today(clock).Year, ct);
        return true;
    }
}
