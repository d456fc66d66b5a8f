using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using ReliefMarket.Domain.Settlement;
using ReliefMarket.Web.Payouts;
using ReliefMarket.Web.Settlement;

namespace ReliefMarket.Web.Areas.Admin.Pages.Settlements;

/// <summary>/admin/settlements: periods, statements by status, payout batches; administrators make a batch of approved statements.</summary>
public class IndexModel(AppDbContext db, StatementQueries statements, PayoutBatches batches, IEnumerable<IPayoutProvider> providers,
    SettlementJob settlement, Web.Audit.AuditLog audit) : PageModel
{
    public const int Shown = 200;

    public sealed record PeriodRow(int Id, DateTime StartsAtUtc, DateTime EndsAtUtc, DateTime? ClosedAtUtc, int Statements, long PayableFen);
    public sealed record BatchRow(int Id, PayoutMethod Method, PayoutBatchStatus Status, DateTime CreatedAtUtc, int Lines, long TotalFen, string? BankReference);

    [BindProperty(SupportsGet = true)] public StatementStatus? Status { get; set; }

    public IReadOnlyList<PeriodRow> Periods { get; private set; } = [];
    public IReadOnlyList<StatementQueries.Row> Statements { get; private set; } = [];
    public IReadOnlyList<BatchRow> Batches { get; private set; } = [];
    public IReadOnlyList<PayoutMethod> Methods { get; private set; } = [];
    public int ReadyToPay { get; private set; }
    public string? Message { get; private set; }

    public async Task OnGetAsync(CancellationToken ct)
    {
        Periods = await db.SettlementPeriods.OrderByDescending(p => p.StartsAtUtc).Take(Shown)
            .Select(p => new PeriodRow(p.Id, p.StartsAtUtc, p.EndsAtUtc, p.ClosedAtUtc,
                db.SettlementStatements.Count(s => s.PeriodId == p.Id),
                db.SettlementStatements.Where(s => s.PeriodId == p.Id && s.PayableFen > 0).Sum(s => s.PayableFen))).ToListAsync(ct);
        Statements = await statements.Rows(null, status: Status).Take(Shown).ToListAsync(ct);
        Batches = await db.PayoutBatches.OrderByDescending(b => b.Id).Take(Shown)
            .Select(b => new BatchRow(b.Id, b.Method, b.Status, b.CreatedAtUtc, b.Lines.Count,
                b.Lines.Where(l => l.Status != PayoutLineStatus.Failed).Sum(l => l.AmountFen), b.BankReference)).ToListAsync(ct);
        ReadyToPay = await db.SettlementStatements.CountAsync(s => s.Status == StatementStatus.Approved
            && !db.PayoutLines.Any(l => l.StatementId == s.Id && l.Status == PayoutLineStatus.Pending), ct);
        Methods = providers.Select(p => p.Method).ToList();
    }

    /// <summary>
    /// Closes every finished period now, as the daily job would at 00:10 (after an outage, or to see a demo's weeks):
    /// the job is safe to run at any time and twice, so this is only ever early, never wrong.
    /// </summary>
    public async Task<IActionResult> OnPostCloseAsync(CancellationToken ct)
    {
        var closed = await settlement.RunAsync(ct);
        audit.Record("settlement.closed-now", "SettlementPeriod", "*", null, new Dictionary<string, object?> { ["statements"] = closed });
        await db.SaveChangesAsync(ct);
        Message = closed > 0 ? "Settlement.Close.Done" : "Settlement.Close.Nothing";
        await OnGetAsync(ct);
        return Page();
    }

    public async Task<IActionResult> OnPostBatchAsync(PayoutMethod method, CancellationToken ct)
    {
        if (!providers.Any(p => p.Method == method)) return BadRequest();
        var (outcome, id) = await batches.CreateAsync(method, User.Identity?.Name ?? "?", ct);
        if (outcome == BatchOutcome.Done) return RedirectToPage("Batch", new { id });
        Message = "Settlement.Batch.Outcome." + outcome;
        await OnGetAsync(ct);
        return Page();
    }
}
