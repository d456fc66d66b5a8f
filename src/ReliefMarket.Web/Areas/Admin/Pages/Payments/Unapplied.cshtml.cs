using Microsoft.AspNetCore.Mvc.RazorPages;
using ReliefMarket.Web.Payments;

namespace ReliefMarket.Web.Areas.Admin.Pages.Payments;

/// <summary>Payments that arrived for orders that could not take them, and the refunds that gave them back (newest first).</summary>
public class UnappliedModel(AppDbContext db) : PageModel
{
    public sealed record Row(DateTime RefundedAtUtc, Guid OrderId, string PaymentReference, Money Amount, UnappliedReason Reason, string RefundReference);

    public IReadOnlyList<Row> Rows { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken ct) =>
        Rows = await db.UnappliedPayments.AsNoTracking().OrderByDescending(u => u.RefundedAtUtc).Take(200)
            .Select(u => new Row(u.RefundedAtUtc, u.OrderId, u.PaymentReference, u.Amount, u.Reason, u.RefundReference))
            .ToListAsync(ct);
}
