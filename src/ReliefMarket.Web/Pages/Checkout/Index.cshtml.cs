using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Filters;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Options;
using ReliefMarket.Web.Ordering;
using ReliefMarket.Web.Payments;

namespace ReliefMarket.Web.Pages.Checkout;

[Authorize]
public class IndexModel(AppDbContext db, CartStore carts, OrderPlacement placement, PaymentStarter payments, IOptions<ShippingOptions> shipping,
    TimeProvider clock) : PageModel
{
    public sealed class AddressForm
    {
        public string? Recipient { get; set; }
        public string? Mobile { get; set; }
        public string? Province { get; set; }
        public string? City { get; set; }
        public string? District { get; set; }
        public string? Street { get; set; }

        public string? this[string field] => field switch
        {
            nameof(Recipient) => Recipient, nameof(Mobile) => Mobile, nameof(Province) => Province,
            nameof(City) => City, nameof(District) => District, nameof(Street) => Street, _ => null,
        };
    }

    [BindProperty] public AddressForm Address { get; set; } = new();
    /// <summary>The quote the shopper saw; checked again when the order is placed.</summary>
    [BindProperty] public string? Quote { get; set; }

    public CartSummary Summary { get; private set; } = new([], Money.Zero, Money.Zero);
    public IReadOnlyList<string> Problems { get; private set; } = [];
    public string? Message { get; private set; }

    private string UserId => User.FindFirst(System.Security.Claims.ClaimTypes.NameIdentifier)!.Value;

    /// <summary>Signed in with a work account (auditor, cooperative member, administrator): buying needs a consumer account.</summary>
    public bool ConsumersOnly { get; private set; }

    // Every handler, present and future: purchases by work accounts would mix their duties with their shopping.
    public override async Task OnPageHandlerExecutionAsync(PageHandlerExecutingContext context, PageHandlerExecutionDelegate next)
    {
        if (!User.IsInRole(Roles.Consumer))
        {
            ConsumersOnly = true;
            var page = Page();
            page.StatusCode = StatusCodes.Status403Forbidden;
            context.Result = page;
            return;
        }
        await next();
    }

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        Summary = await CartSummary.LoadAsync(db, await carts.FindAsync(ct), shipping.Value, ct);
        if (Summary.IsEmpty) return Redirect("/cart");
        // Start from the address of the last order: most people ship to the same place.
        var last = await db.Orders.AsNoTracking().Where(o => o.CustomerId == UserId && o.ShippingAddress != null)
            .OrderByDescending(o => o.CreatedAtUtc).Select(o => o.ShippingAddress).FirstOrDefaultAsync(ct);
        if (last is not null)
            Address = new AddressForm { Recipient = last.Recipient, Mobile = last.Mobile, Province = last.Province, City = last.City, District = last.District, Street = last.Street };
        Quote = Summary.Quote;
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        var a = Address;
        Problems = ShippingAddress.Problems(a.Recipient, a.Mobile, a.Province, a.City, a.District, a.Street);
        if (Problems.Count > 0) return await ShowAgainAsync(null, ct);

        var address = ShippingAddress.Create(a.Recipient, a.Mobile, a.Province, a.City, a.District, a.Street);
        switch (await placement.PlaceAsync(UserId, address, Quote ?? "", Request.Cookies[Channels.Campaigns.CampaignLink.Cookie], ct))
        {
            case OrderPlacement.Placed placed:
                // The order exists whatever happens next; if the provider is unreachable the order page offers "Pay now" again.
                return Redirect(await payments.StartAsync(placed.Order, ct) ?? $"/orders/{placed.Order.Id}?payment=unavailable");
            case OrderPlacement.QuoteChanged:
                return await ShowAgainAsync("Checkout.QuoteChanged", ct);
            case OrderPlacement.OutOfStock out_:
                return await ShowAgainAsync("Checkout.OutOfStock", ct, out_.Item.Name.Current);
            case OrderPlacement.TooManyUnpaidOrders tooMany:
                return await ShowAgainAsync("Checkout.TooManyUnpaidOrders", ct, tooMany.Max);
            case OrderPlacement.TooManyUnitsHeld tooMuch:
                return await ShowAgainAsync("Checkout.TooManyUnitsHeld", ct, tooMuch.ProductName, tooMuch.Max);
            default:
                return await LandAfterEmptyCartAsync(ct);
        }
    }

    public object[] MessageArgs { get; private set; } = [];

    /// <summary>A second click on "place order" finds the cart emptied by the first: show the order that click placed.</summary>
    private async Task<IActionResult> LandAfterEmptyCartAsync(CancellationToken ct)
    {
        var since = clock.GetUtcNow().UtcDateTime.AddMinutes(-2);
        var just = await db.Orders.AsNoTracking()
            .Where(o => o.CustomerId == UserId && o.Status == OrderStatus.PendingPayment && o.CreatedAtUtc >= since)
            .OrderByDescending(o => o.CreatedAtUtc).Select(o => (Guid?)o.Id).FirstOrDefaultAsync(ct);
        return just is { } id ? RedirectToPage("/Orders/Details", new { id }) : Redirect("/cart");
    }

    private async Task<IActionResult> ShowAgainAsync(string? message, CancellationToken ct, params object[] args)
    {
        Summary = await CartSummary.LoadAsync(db, await carts.FindAsync(ct), shipping.Value, ct);
        if (Summary.IsEmpty) return Redirect("/cart");
        Message = message;
        MessageArgs = args;
        Quote = Summary.Quote;
        ModelState.Remove(nameof(Quote));
        return Page();
    }
}
