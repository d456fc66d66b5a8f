using CsvHelper;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using ReliefMarket.Domain.Settlement;
using ReliefMarket.Web.Payouts;

namespace ReliefMarket.Web.Areas.Admin.Pages.Settlements;

/// <summary>
/// One payout batch: its lines (account numbers masked on the page), the bank CSV for administrators, marking the batch
/// paid with the bank's reference or one line failed, and sending Stripe transfers.
/// </summary>
public class BatchModel(AppDbContext db, PayoutBatches batches) : PageModel
{
    /// <summary>The bank file's columns, in order (docs/decisions/0019): amounts in yuan with two decimals, as banks import them.</summary>
    public static readonly string[] CsvColumns = ["account_name", "bank", "account_number", "amount_yuan", "reference"];

    public PayoutBatch Batch { get; private set; } = null!;
    public string? Problem { get; private set; }

    public async Task<IActionResult> OnGetAsync(int id, CancellationToken ct)
    {
        if (await db.PayoutBatches.AsNoTracking().Include(b => b.Lines).SingleOrDefaultAsync(b => b.Id == id, ct) is not { } batch) return NotFound();
        Batch = batch;
        return Page();
    }

    /// <summary>The full account numbers: administrators only, like the producer's bank details.</summary>
    public async Task<IActionResult> OnGetCsvAsync(int id, CancellationToken ct)
    {
        if (!User.CanChange()) return Forbid();
        if (await db.PayoutBatches.AsNoTracking().Include(b => b.Lines).SingleOrDefaultAsync(b => b.Id == id, ct) is not { } batch) return NotFound();
        var buffer = new MemoryStream();
        await using (var csv = CsvWriter.Create(buffer, Web.Reports.SpreadsheetCsv.Options, leaveOpen: true))
        {
            csv.WriteHeader(CsvColumns);
            foreach (var l in batch.Lines.Where(l => l.Status != PayoutLineStatus.Failed).OrderBy(l => l.Id))
                csv.WriteRecord([l.AccountName, l.Bank, l.AccountNumber, Web.Settlement.StatementQueries.Yuan(l.AmountFen), l.Reference]);
        }
        return File(buffer.ToArray(), "text/csv; charset=utf-8", $"payout-batch-{batch.Id}.csv");
    }


    public async Task<IActionResult> OnPostPaidAsync(int id, string? bankReference, CancellationToken ct) =>
        await Outcome(id, await batches.MarkPaidAsync(id, bankReference ?? "", ct), "Settlement.Problem.Reference", ct);

    public async Task<IActionResult> OnPostFailedAsync(int id, long lineId, string? reason, CancellationToken ct) =>
        await Outcome(id, await batches.MarkLineFailedAsync(id, lineId, reason ?? "", ct), "Settlement.Problem.Reason", ct);

    public async Task<IActionResult> OnPostSendAsync(int id, CancellationToken ct)
    {
        try { await batches.SendAsync(id, ct); }
        catch (PayoutFailedException)
        {
            Problem = "Settlement.Problem.Send";
            return await OnGetAsync(id, ct);
        }
        return RedirectToPage(new { id });
    }

    private async Task<IActionResult> Outcome(int id, BatchOutcome outcome, string invalid, CancellationToken ct)
    {
        if (outcome == BatchOutcome.NotFound) return NotFound();
        if (outcome == BatchOutcome.Done) return RedirectToPage(new { id });
        Problem = invalid;
        var page = await OnGetAsync(id, ct);
        Response.StatusCode = StatusCodes.Status400BadRequest;
        return page;
    }
}
