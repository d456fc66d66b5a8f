using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using ReliefMarket.Web.Pages.Orders;
using ReliefMarket.Web.Payments;

namespace ReliefMarket.Web.Pages.Payments;

/// <summary>The sandbox payment page: exists only while no Stripe key is configured. Pay and Decline drive the same events as Stripe.</summary>
[Authorize]
public class SandboxModel(AppDbContext db, IPaymentGateway gateway, PaymentEvents events) : PageModel
{
    public Order Order { get; private set; } = null!;

    public async Task<IActionResult> OnGetAsync(Guid id, CancellationToken ct) => await LoadAsync(id, ct) ? Page() : NotFound();

    public async Task<IActionResult> OnPostPayAsync(Guid id, CancellationToken ct)
    {
        if (!await LoadAsync(id, ct)) return NotFound();
        await events.ApplyOnceAsync($"sandbox:{id:N}:paid", "sandbox.paid", t => events.PaidAsync(id, $"sandbox_pay_{id:N}", t), ct);
        return Redirect($"/orders/{id}?returned=1");
    }

    public async Task<IActionResult> OnPostDeclineAsync(Guid id, CancellationToken ct)
    {
        if (!await LoadAsync(id, ct)) return NotFound();
        await events.ApplyOnceAsync($"sandbox:{id:N}:declined", "sandbox.declined", t => events.NotPaidAsync(id, "payment_failed", t), ct);
        return Redirect($"/orders/{id}");
    }

    private async Task<bool> LoadAsync(Guid id, CancellationToken ct)
    {
        if (gateway is not SandboxGateway) return false;
        // Not tracked, and without its lines (the page shows the total): the payment events load the order again after
        // locking it, and a tracked copy from here would be handed back to them as it was before the lock, not as it is.
        var userId = User.UserId()!;
        var order = await db.Orders.AsNoTracking().SingleOrDefaultAsync(o => o.Id == id && o.CustomerId == userId, ct);
        if (order is null || order.PaymentSessionId != SandboxGateway.SessionIdFor(id)) return false;
        Order = order;
        return true;
    }
}
