using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;

namespace ReliefMarket.Web.Areas.Admin.Pages.Orders;

/// <summary>
/// /admin/orders/{id}/refund: give back the whole order (the amount is filled in) or part of it, with a reason the
/// audit log keeps. Admin only: the area's write filter refuses the POST to anyone else.
/// </summary>
public class RefundModel(AppDbContext db, OrderRefunds refunds, IStringLocalizer<SharedResource> localizer) : PageModel
{
    public Order Order { get; private set; } = null!;
    public Money Refundable => Order.Total - Order.Refunded;

    [BindProperty] public string? Amount { get; set; }
    [BindProperty] public string? Reason { get; set; }
    /// <summary>The refund number this form was shown for: the deterministic key's n, and a repeat post's giveaway.</summary>
    [BindProperty] public int Sequence { get; set; }

    public async Task<IActionResult> OnGetAsync(Guid id, CancellationToken ct)
    {
        if (await LoadAsync(id, ct) is { } missing) return missing;
        Amount = Refundable.ToPlainString();
        Sequence = await OrderRefunds.CountAsync(db, id, ct);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(Guid id, CancellationToken ct)
    {
        if (await LoadAsync(id, ct) is { } missing) return missing;
        if (!Money.TryParse(Amount, allowNegative: false, out var amount, out _))
        {
            ModelState.AddModelError(nameof(Amount), localizer["Admin.Refund.AmountInvalid"]);
            return Page();
        }
        var outcome = await refunds.RefundAsync(id, amount, Reason, Sequence, ct);
        if (outcome is OrderRefunds.Refunded done)
            return RedirectToPage("Details", new { id, notice = done.AppliedNow ? RefundNotice.Refunded : RefundNotice.AlreadyRecorded });
        var why = ((OrderRefunds.Refused)outcome).Why;
        if (why == OrderRefunds.Refusal.NotFound) return NotFound();
        ModelState.AddModelError(why is OrderRefunds.Refusal.ReasonMissing or OrderRefunds.Refusal.ReasonTooLong ? nameof(Reason) : nameof(Amount),
            localizer["Admin.Refund.Refused." + why, OrderRefunds.MaxReasonLength, Refundable]);
        return Page();
    }

    private async Task<IActionResult?> LoadAsync(Guid id, CancellationToken ct)
    {
        var order = await db.Orders.AsNoTracking().SingleOrDefaultAsync(o => o.Id == id, ct);
        if (order is null) return NotFound();
        Order = order;
        return null;
    }
}
