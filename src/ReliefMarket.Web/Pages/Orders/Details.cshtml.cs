using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using ReliefMarket.Web.Ordering;
using ReliefMarket.Web.Payments;

namespace ReliefMarket.Web.Pages.Orders;

[Authorize]
public class DetailsModel(AppDbContext db, PaymentStarter payments, PaymentEvents events, IPaymentGateway gateway, TimeProvider clock) : PageModel
{
    public Order Order { get; private set; } = null!;
    public IReadOnlyList<VillageShare> Villages { get; private set; } = [];
    /// <summary>Each producer's parcel: the buyer follows them one by one, as they are sent separately.</summary>
    public IReadOnlyList<Shipment> Shipments { get; private set; } = [];
    public string? Message { get; private set; }
    public bool CanPay => Order.Status == OrderStatus.PendingPayment && !Order.IsHoldExpired(clock.GetUtcNow().UtcDateTime);

    public async Task<IActionResult> OnGetAsync(Guid id, string? payment, string? returned, CancellationToken ct)
    {
        if (!await LoadAsync(id, ct)) return NotFound();
        Message = payment == "unavailable" ? "Order.PaymentUnavailable"
            : payment == "closing-failed" ? "Order.CancelFailed"
            : returned is not null && Order.Status == OrderStatus.PendingPayment ? "Order.Confirming"
            : null;
        return Page();
    }

    public async Task<IActionResult> OnPostPayAsync(Guid id, CancellationToken ct)
    {
        if (!await LoadAsync(id, ct)) return NotFound();
        if (!CanPay) return RedirectToPage();
        return Redirect(await payments.StartAsync(Order, ct) ?? $"/orders/{id}?payment=unavailable");
    }

    public async Task<IActionResult> OnPostCancelAsync(Guid id, CancellationToken ct)
    {
        if (!await LoadAsync(id, ct)) return NotFound();
        if (Order.Status != OrderStatus.PendingPayment) return RedirectToPage();
        // Close the provider's page first, so it cannot be paid after the stock is given back.
        if (Order.PaymentSessionId is { } session)
        {
            try { await gateway.CloseAsync(session, ct); }
            catch (Stripe.StripeException)
            {
                // Usually the payment has just completed; its webhook will mark the order paid.
                return Redirect($"/orders/{id}?payment=closing-failed");
            }
        }
        await events.ApplyOnceAsync($"cancel:{id:N}", "consumer.cancelled", t => events.NotPaidAsync(id, "cancelled_by_customer", t), ct);
        return RedirectToPage();
    }

    private async Task<bool> LoadAsync(Guid id, CancellationToken ct)
    {
        var order = await db.FindOwnAsync(id, User.UserId()!, ct);
        if (order is null) return false;
        Order = order;
        // Once paid, what the order has actually sent (refunds deducted); before, what it would send.
        Villages = order.PaidAtUtc is null ? await OrderVillages.ForAsync(db, order, ct) : await OrderVillages.NetForAsync(db, order.Id, ct);
        Shipments = await db.Shipments.AsNoTracking().Where(s => s.OrderId == id).OrderBy(s => s.ProducerId).ToListAsync(ct);
        return true;
    }
}
