using System.Globalization;
using CsvHelper;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;
using ReliefMarket.Web.Access;
using ReliefMarket.Web.Settlement;

namespace ReliefMarket.Web.Areas.Cooperative.Pages.Statements;

/// <summary>/coop/statements/{id}: one statement explained fen by fen, and as CSV. Another producer's statement is 404.</summary>
public class DetailsModel(StatementQueries statements, IStringLocalizer<SharedResource> localizer) : PageModel
{
    public StatementQueries.Detail Detail { get; private set; } = null!;

    public async Task<IActionResult> OnGetAsync(long id, CancellationToken ct)
    {
        if (await statements.FindAsync(id, User.ProducerId()!.Value, ct) is not { } detail) return NotFound();
        Detail = detail;
        return Page();
    }

    public async Task<IActionResult> OnGetCsvAsync(long id, CancellationToken ct)
    {
        if (await statements.FindAsync(id, User.ProducerId()!.Value, ct) is not { } d) return NotFound();
        var buffer = new MemoryStream();
        await using (var csv = CsvWriter.Create(buffer, Web.Reports.SpreadsheetCsv.Options, leaveOpen: true))
        {
            csv.WriteHeader(new[] { "Kind", "Order", "Product", "Village", "When", "Amount" }.Select(c => localizer["Statement.Csv." + c].Value).ToArray());
            foreach (var l in d.Lines)
                csv.WriteRecord([
                    localizer["Statement.Kind." + l.Kind].Value, l.OrderId?.ToString("N")[..12].ToUpperInvariant() ?? "", l.Product?.Current ?? "",
                    l.Village?.Current ?? "", l.OccurredAtUtc is { } at ? ChinaTime.FromUtc(at).ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture) : "",
                    StatementQueries.Yuan(l.AmountFen),
                ]);
            csv.WriteRecord([localizer["Statement.Payable"].Value, "", "", "", "", StatementQueries.Yuan(d.Statement.PayableFen)]);
        }
        return File(buffer.ToArray(), "text/csv; charset=utf-8", $"statement-{id}.csv");
    }
}
