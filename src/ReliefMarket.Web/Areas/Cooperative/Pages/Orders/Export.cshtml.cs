using CsvHelper;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;
using ReliefMarket.Web.Access;

namespace ReliefMarket.Web.Areas.Cooperative.Pages.Orders;

/// <summary>
/// /coop/orders/export: the shipments to pack as CSV, one parcel a row, for courier systems that import CSV.
/// Written as <see cref="ReliefMarket.Web.Reports.SpreadsheetCsv"/> (BOM, formulas escaped).
/// </summary>
public class ExportModel(AppDbContext db, IStringLocalizer<SharedResource> localizer, TimeProvider clock) : PageModel
{
    /// <summary>More than a day's parcels for any cooperative; beyond it the member filters on the page.</summary>
    public const int MaxRows = 5_000;

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        var rows = await db.RowsAsync(db.ToPack(User.ProducerId()!.Value), 0, MaxRows, ct);
        var options = ReliefMarket.Web.Reports.SpreadsheetCsv.Options;
        var buffer = new MemoryStream();
        await using (var csv = CsvWriter.Create(buffer, options, leaveOpen: true))
        {
            csv.WriteHeader(new[] { "Shipment", "Order", "PaidAt", "Recipient", "Mobile", "Province", "City", "District", "Street", "Contents", "Units" }
                .Select(c => localizer["Coop.Orders.Csv." + c].Value).ToArray());
            foreach (var r in rows)
            {
                var a = r.Address;
                csv.WriteRecord([
                    r.Id.ToString(System.Globalization.CultureInfo.InvariantCulture), r.OrderNumber,
                    ChinaTime.FromUtc(r.CreatedAtUtc).ToString("yyyy-MM-dd HH:mm", System.Globalization.CultureInfo.InvariantCulture),
                    a?.Recipient ?? "", a?.Mobile ?? "", a?.Province ?? "", a?.City ?? "", a?.District ?? "", a?.Street ?? "",
                    string.Join("; ", r.Lines.Select(l => $"{l.ProductName.Current} {l.Unit.Current} × {l.Quantity}")),
                    r.Lines.Sum(l => l.Quantity).ToString(System.Globalization.CultureInfo.InvariantCulture),
                ]);
            }
        }
        var name = $"shipments-to-pack-{ChinaTime.Today(clock):yyyyMMdd}.csv";
        return File(buffer.ToArray(), "text/csv; charset=utf-8", name);
    }
}
