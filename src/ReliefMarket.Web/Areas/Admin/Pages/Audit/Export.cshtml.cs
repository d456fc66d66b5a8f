using System.Globalization;
using CsvHelper;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;

namespace ReliefMarket.Web.Areas.Admin.Pages.Audit;

/// <summary>
/// /admin/audit/export: the filtered log as CSV, written like the cooperative's export (UTF-8 with a BOM for Excel,
/// cells starting with = + - @ escaped: emails and reasons are typed by people, and a spreadsheet would run them).
/// </summary>
public class ExportModel(AppDbContext db, IStringLocalizer<SharedResource> localizer, TimeProvider clock) : PageModel
{
    /// <summary>An auditor exporting more narrows the dates.</summary>
    public const int MaxRows = 50_000;

    [BindProperty(SupportsGet = true)] public AuditFilter Filter { get; set; } = new();

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        var rows = await Filter.Apply(db.AuditEntries.AsNoTracking()).Take(MaxRows).ToListAsync(ct);
        var options = ReliefMarket.Web.Reports.SpreadsheetCsv.Options;
        var buffer = new MemoryStream();
        await using (var csv = CsvWriter.Create(buffer, options, leaveOpen: true))
        {
            csv.WriteHeader(new[] { "When", "Person", "Action", "Entity", "EntityId", "Before", "After", "Ip" }
                .Select(c => localizer["Admin.Audit." + c].Value).ToArray());
            foreach (var a in rows)
                csv.WriteRecord([
                    ChinaTime.FromUtc(a.AtUtc).ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture), a.UserEmail ?? "",
                    a.Action, a.EntityType, a.EntityId, a.Before ?? "", a.After ?? "", a.IpAddress ?? "",
                ]);
        }
        return File(buffer.ToArray(), "text/csv; charset=utf-8", $"audit-{ChinaTime.Today(clock):yyyyMMdd}.csv");
    }
}
