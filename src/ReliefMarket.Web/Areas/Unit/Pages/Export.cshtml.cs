using System.Globalization;
using CsvHelper;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;
using ReliefMarket.Web.Access;
using ReliefMarket.Web.Procurement;

namespace ReliefMarket.Web.Areas.Unit.Pages;

/// <summary>
/// /unit/export?year=2026: the unit's purchase record for a year as CSV, one order line a row, for its own reporting.
/// Written as <see cref="Reports.SpreadsheetCsv"/> (BOM, formulas escaped).
/// </summary>
public class ExportModel(AppDbContext db, IStringLocalizer<SharedResource> localizer, TimeProvider clock) : PageModel
{
    public async Task<IActionResult> OnGetAsync(int? year, CancellationToken ct)
    {
        var y = year ?? ChinaTime.Today(clock).Year;
        if (y is < 2000 or > 2100) return BadRequest();
        var rows = await db.RecordAsync(User.WorkUnitId()!.Value, y, ct);
        var buffer = new MemoryStream();
        await using (var csv = CsvWriter.Create(buffer, Reports.SpreadsheetCsv.Options, leaveOpen: true))
        {
            csv.WriteHeader(new[] { "Requested", "Paid", "Order", "Status", "Product", "Unit", "Producer", "Quantity", "UnitPrice", "Amount", "Relief", "BankReference" }
                .Select(c => localizer["Unit.Csv." + c].Value).ToArray());
            foreach (var r in rows)
                csv.WriteRecord([
                    ChinaTime.FromUtc(r.RequestedAtUtc).ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture),
                    r.PaidAtUtc is { } paid ? ChinaTime.FromUtc(paid).ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture) : "",
                    r.OrderId.ToString("N")[..12].ToUpperInvariant(), localizer["Status." + r.Status].Value,
                    r.ProductName.Current, r.Unit.Current, r.ProducerName.Current, r.Quantity.ToString(CultureInfo.InvariantCulture),
                    r.UnitPrice.ToPlainString(), (r.UnitPrice * r.Quantity).ToPlainString(), localizer[r.CertifiedAtSale ? "Devices.Yes" : "Devices.No"].Value,
                    r.PaymentReference?[ProcurementOrder.PaymentReferencePrefix.Length..] ?? "",
                ]);
        }
        return File(buffer.ToArray(), "text/csv; charset=utf-8", $"purchases-{y}.csv");
    }
}
