using CsvHelper;
using Hangfire;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;
using ReliefMarket.Web.Channels.Imports;

namespace ReliefMarket.Web.Areas.Admin.Pages.Imports;

/// <summary>
/// /admin/imports/{id}: the preview of an uploaded file (every error by row and column, the first valid rows), the
/// commit (Admin), the progress of a commit running in the background, and the errors as CSV.
/// </summary>
public class DetailsModel(AppDbContext db, SalesImports imports, IBackgroundJobClient jobs,
    IStringLocalizer<SharedResource> localizer) : PageModel
{
    /// <summary>The page lists this many errors and rows; the CSV has every error.</summary>
    public const int ShownErrors = 200, ShownRows = 20;

    public SalesImport Import { get; private set; } = null!;
    public SalesImports.Checked? Check { get; private set; }
    public bool CanChange { get; private set; }
    [BindProperty(SupportsGet = true)] public SalesImports.Commit? Outcome { get; set; }

    public async Task<IActionResult> OnGetAsync(Guid id, CancellationToken ct)
    {
        if (await FindAsync(id, ct) is not { } import) return NotFound();
        Import = import;
        CanChange = User.CanChange();
        // Not while the job runs: the page refreshes every few seconds, and a large file takes a while to check.
        if (import.Status is ImportStatus.Previewed or ImportStatus.Failed) Check = await imports.CheckAsync(import, ct);
        return Page();
    }

    public async Task<IActionResult> OnPostCommitAsync(Guid id, CancellationToken ct)
    {
        var outcome = await imports.CommitOrQueueAsync(id, queued => jobs.Enqueue<ImportSalesJob>(j => j.RunAsync(queued, CancellationToken.None)), ct);
        if (outcome == SalesImports.Commit.NotFound) return NotFound();
        return RedirectToPage(new { id, outcome });
    }

    /// <summary>Every error as CSV, cells as typed: a cell starting with = + - @ is escaped so Excel shows it rather than runs it.</summary>
    public async Task<IActionResult> OnGetErrorsAsync(Guid id, CancellationToken ct)
    {
        if (await FindAsync(id, ct) is not { } import) return NotFound();
        var check = await imports.CheckAsync(import, ct);
        var buffer = new MemoryStream();
        await using (var csv = CsvWriter.Create(buffer, Web.Reports.SpreadsheetCsv.Options, leaveOpen: true))
        {
            csv.WriteHeader(new[] { "Row", "Column", "Value", "Problem" }.Select(c => localizer["Imports.Errors." + c].Value).ToArray());
            foreach (var e in check.Errors)
                csv.WriteRecord([e.Row.ToString(System.Globalization.CultureInfo.InvariantCulture), e.Column, e.Value, localizer[e.Key, [.. e.Args]].Value]);
        }
        return File(buffer.ToArray(), "text/csv; charset=utf-8", $"import-errors-{import.SalesDate:yyyyMMdd}.csv");
    }

    private Task<SalesImport?> FindAsync(Guid id, CancellationToken ct) => db.SalesImports.AsNoTracking().SingleOrDefaultAsync(i => i.Id == id, ct);
}
