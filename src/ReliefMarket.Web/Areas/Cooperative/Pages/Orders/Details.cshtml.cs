using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Options;
using ReliefMarket.Web.Access;
using ReliefMarket.Web.Ordering;
using ReliefMarket.Web.Payments;

namespace ReliefMarket.Web.Areas.Cooperative.Pages.Orders;

/// <summary>/coop/orders/{id}: one shipment as a printable packing slip, with "mark shipped" and "mark delivered".</summary>
public class DetailsModel(AppDbContext db, Fulfilment fulfilment, IOptions<ShippingOptions> shipping) : PageModel
{
    public ShipmentQueries.Row Shipment { get; private set; } = null!;
    public IReadOnlyList<string> Carriers => shipping.Value.CarrierCodes;

    [BindProperty] public string? Carrier { get; set; }
    [BindProperty] public string? TrackingNumber { get; set; }

    /// <summary>What the last action did: a success after a redirect, or the reason it was refused.</summary>
    public ShipOutcome? Shipped { get; private set; }
    public DeliverOutcome? Delivered { get; private set; }

    public async Task<IActionResult> OnGetAsync(long id, ShipOutcome? shipped, DeliverOutcome? delivered, CancellationToken ct)
    {
        if (!await LoadAsync(id, ct)) return NotFound();
        (Shipped, Delivered) = (shipped, delivered);
        return Page();
    }

    public async Task<IActionResult> OnPostShipAsync(long id, CancellationToken ct)
    {
        var outcome = await fulfilment.ShipAsync(User.ProducerId()!.Value, id, Carrier, TrackingNumber, ct);
        if (outcome == ShipOutcome.NotFound) return NotFound();
        if (outcome == ShipOutcome.Shipped) return RedirectToPage(new { id, shipped = outcome });
        Shipped = outcome;
        await LoadAsync(id, ct);
        return Page();
    }

    public async Task<IActionResult> OnPostDeliverAsync(long id, CancellationToken ct)
    {
        var outcome = await fulfilment.DeliverAsync(User.ProducerId()!.Value, id, ct);
        if (outcome == DeliverOutcome.NotFound) return NotFound();
        if (outcome == DeliverOutcome.Delivered) return RedirectToPage(new { id, delivered = outcome });
        Delivered = outcome;
        await LoadAsync(id, ct);
        return Page();
    }

    private async Task<bool> LoadAsync(long id, CancellationToken ct)
    {
        var shipment = await db.FindAsync(User.ProducerId()!.Value, id, ct);
        if (shipment is null) return false;
        Shipment = shipment;
        return true;
    }
}
