using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using ReliefMarket.Web.Access;
using ReliefMarket.Web.Procurement;

namespace ReliefMarket.Web.Areas.Unit.Pages.Orders;

/// <summary>
/// /unit/orders/new: a bulk order for the buyer's unit — a quantity per product (up to the unit ceiling, not the consumer
/// limit), delivered to the unit's address, with an invoice request in the unit's tax details, paid by bank transfer.
/// </summary>
public class NewModel(AppDbContext db, UnitPurchases purchases, TimeProvider clock) : PageModel
{
    public sealed record ProductRow(int Id, LocalizedText Name, LocalizedText Unit, LocalizedText Producer, Money Price, int Stock, bool Certified);

    public IReadOnlyList<ProductRow> Products { get; private set; } = [];
    public ShippingAddress Address { get; private set; } = null!;
    public int Ceiling => purchases.Ceiling;
    public string? ErrorKey { get; private set; }
    public object[] ErrorArgs { get; private set; } = [];

    /// <summary>Product id → quantity; a field left empty is null (browsers send every field of the table).</summary>
    [BindProperty] public Dictionary<int, int?> Quantities { get; set; } = [];
    [BindProperty] public string? InvoiceTitle { get; set; }
    [BindProperty] public string? TaxpayerId { get; set; }

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        if (!await LoadAsync(ct)) return NotFound();
        var unit = await db.WorkUnits.AsNoTracking().SingleAsync(u => u.Id == User.WorkUnitId()!.Value, ct);
        (InvoiceTitle, TaxpayerId) = (unit.Invoice.Title, unit.Invoice.TaxpayerId);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        if (!ModelState.IsValid) return await ShowAsync("Unit.Order.Problem.Quantity", [], ct);
        var outcome = await purchases.PlaceAsync(User.WorkUnitId()!.Value, User.FindFirst(System.Security.Claims.ClaimTypes.NameIdentifier)!.Value,
            Quantities.Where(q => q.Value is not null).ToDictionary(q => q.Key, q => q.Value!.Value), InvoiceTitle, TaxpayerId, ct);
        return outcome switch
        {
            UnitPurchases.Placed placed => RedirectToPage("Details", new { id = placed.OrderId }),
            UnitPurchases.NothingOrdered => await ShowAsync("Unit.Order.Problem.Nothing", [], ct),
            UnitPurchases.OutOfRange r => await ShowAsync("Unit.Order.Problem.Ceiling", [r.ProductName, r.Max], ct),
            UnitPurchases.OutOfStock s => await ShowAsync("Unit.Order.Problem.OutOfStock", [s.ProductName], ct),
            UnitPurchases.Unsellable s => await ShowAsync("Unit.Order.Problem.Unsellable", [s.ProductName], ct),
            UnitPurchases.BadInvoiceTitle => await ShowAsync("Unit.Order.Problem.InvoiceTitle", [], ct),
            UnitPurchases.BadTaxpayerId => await ShowAsync("Unit.Order.Problem.TaxpayerId", [], ct),
            _ => await ShowAsync("Unit.Order.Problem.Unavailable", [], ct),
        };
    }

    private async Task<IActionResult> ShowAsync(string key, object[] args, CancellationToken ct)
    {
        (ErrorKey, ErrorArgs) = (key, args);
        if (!await LoadAsync(ct)) return NotFound();
        Response.StatusCode = StatusCodes.Status422UnprocessableEntity;
        return Page();
    }

    private async Task<bool> LoadAsync(CancellationToken ct)
    {
        var unitId = User.WorkUnitId()!.Value;
        var address = await db.WorkUnits.AsNoTracking().Where(u => u.Id == unitId).Select(u => u.DeliveryAddress).SingleOrDefaultAsync(ct);
        if (address is null) return false;
        Address = address;
        var today = ChinaTime.Today(clock);
        // Every listed product, whatever its stock: a unit may see what a producer could supply. The catalog is small.
        Products = (await db.Products.AsNoTracking().Include(p => p.Producer).Where(p => p.IsListed).OrderBy(p => p.ProducerId).ThenBy(p => p.Id).ToListAsync(ct))
            .Select(p => new ProductRow(p.Id, p.Name, p.Unit, p.Producer.Name, p.Price, p.Stock, p.IsCertifiedOn(today))).ToList();
        return true;
    }
}
