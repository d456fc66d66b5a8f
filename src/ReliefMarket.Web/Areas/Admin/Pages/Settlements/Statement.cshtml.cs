using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using ReliefMarket.Domain.Settlement;
using ReliefMarket.Web.Settlement;

namespace ReliefMarket.Web.Areas.Admin.Pages.Settlements;

/// <summary>One statement with every line and a diff against the ledger; an administrator approves it for payout.</summary>
public class StatementModel(AppDbContext db, StatementQueries statements, Web.Audit.AuditLog audit, TimeProvider clock) : PageModel
{
    public StatementQueries.Detail Detail { get; private set; } = null!;
    public string? Problem { get; private set; }

    public async Task<IActionResult> OnGetAsync(long id, CancellationToken ct)
    {
        if (await statements.FindAsync(id, null, ct) is not { } detail) return NotFound();
        Detail = detail;
        return Page();
    }

    public async Task<IActionResult> OnPostApproveAsync(long id, CancellationToken ct)
    {
        var statement = await db.SettlementStatements.SingleOrDefaultAsync(s => s.Id == id, ct);
        if (statement is null) return NotFound();
        if (statement.Status != StatementStatus.Closed || !statement.HasSomethingToPay)
        {
            Problem = "Settlement.Problem.NotApprovable";
            return await OnGetAsync(id, ct);
        }
        statement.Approve(User.Identity?.Name ?? "?", clock.GetUtcNow().UtcDateTime);
        audit.Record("settlement.approved", nameof(SettlementStatement), id.ToString(), new Dictionary<string, object?> { ["Status"] = StatementStatus.Closed },
            new Dictionary<string, object?> { ["Status"] = StatementStatus.Approved, ["Payable"] = statement.Payable, ["Producer"] = statement.ProducerId });
        await db.SaveChangesAsync(ct);
        return RedirectToPage(new { id });
    }
}
