using Microsoft.Extensions.Options;
using ReliefMarket.Web.Email;

namespace ReliefMarket.Web.Procurement;

/// <summary>
/// Emails to the buyer who placed a procurement order, in their language, written into the outbox in the caller's
/// transaction (so an order that was not placed, paid or cancelled sends nothing): placed (how to transfer, the
/// reference, the amount and the deadline), transfer received, cancelled or expired. The caller nudges the outbox
/// (<see cref="EmailOutbox.SendSoon"/>) after its commit.
/// </summary>
public sealed class ProcurementEmails(AppDbContext db, EmailOutbox outbox, EmailTemplates templates, IOptions<ProcurementOptions> options)
{
    public Task PlacedAsync(Order order, ProcurementOrder purchase, CancellationToken ct) =>
        AddAsync(order.Id, purchase.BuyerId, "procurement-placed", (culture, link) => templates.ProcurementPlaced(culture, order, purchase, options.Value, link), ct);

    public Task PaidAsync(Order order, CancellationToken ct) =>
        AddAsync(order.Id, null, "procurement-paid", (culture, link) => templates.ProcurementPaid(culture, order, link), ct);

    public Task CancelledAsync(Order order, CancellationToken ct) =>
        AddAsync(order.Id, null, "procurement-cancelled", (culture, link) => templates.ProcurementCancelled(culture, order, link), ct);

    private async Task AddAsync(Guid orderId, string? buyerId, string kind, Func<string, string, EmailContent> render, CancellationToken ct)
    {
        buyerId ??= await db.ProcurementOrders.Where(p => p.OrderId == orderId).Select(p => p.BuyerId).SingleAsync(ct);
        var buyer = await db.Users.AsNoTracking().Where(u => u.Id == buyerId).Select(u => new { u.Email, u.PreferredCulture }).SingleOrDefaultAsync(ct);
        // A buyer whose account is gone: the unit's other buyers still see the order on its page.
        if (buyer?.Email is null) return;
        outbox.Add(buyer.Email, render(buyer.PreferredCulture, outbox.Link($"/unit/orders/{orderId}")), kind);
    }
}
