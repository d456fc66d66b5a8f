using System.Globalization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;

namespace ReliefMarket.Web.Areas.Admin.Pages.Orders;

/// <summary>
/// /admin/orders/{id}/refund: give back an amount (the whole order is filled in) or chosen lines and quantities, with a
/// reason the audit log keeps. Admin only: the area's write filter refuses the POSTs to anyone else.
/// </summary>
public class RefundModel(AppDbContext db, OrderRefunds refunds, IStringLocalizer<SharedResource> localizer) : PageModel
{
    /// <summary>A line as the refund form shows it: what is left to refund of it, and how many whole units that is.</summary>
    public sealed record LineRow(OrderLine Line, Money Refunded)
    {
        public Money Remaining => Line.Amount - Refunded;
        public int RefundableQuantity => (int)(Remaining.Fen / Line.UnitPrice.Fen);
    }

    public Order Order { get; private set; } = null!;
    public Money Refundable => Order.Total - Order.Refunded;
    public IReadOnlyList<LineRow> Lines { get; private set; } = [];

    [BindProperty] public string? Amount { get; set; }
    [BindProperty] public string? Reason { get; set; }
    /// <summary>The refund number this form was shown for: the deterministic key's n, and a repeat post's giveaway.</summary>
    [BindProperty] public int Sequence { get; set; }
    /// <summary>Line id → quantity to refund, as typed (parsed here, so a bad entry gets our message, not the binder's).</summary>
    [BindProperty] public Dictionary<string, string?> Quantities { get; set; } = [];

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
        return Done(id, await refunds.RefundAsync(id, amount, Reason, Sequence, ct), nameof(Amount));
    }

    public async Task<IActionResult> OnPostLinesAsync(Guid id, CancellationToken ct)
    {
        if (await LoadAsync(id, ct) is { } missing) return missing;
        var quantities = new Dictionary<long, int>();
        foreach (var (key, value) in Quantities)
        {
            if (string.IsNullOrWhiteSpace(value)) continue;
            if (!long.TryParse(key, NumberStyles.None, CultureInfo.InvariantCulture, out var line)
                || !int.TryParse(value.Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var quantity))
            {
                ModelState.AddModelError(nameof(Quantities), localizer["Admin.Refund.QuantityInvalid"]);
                return Page();
            }
            quantities[line] = quantity;
        }
        return Done(id, await refunds.RefundLinesAsync(id, quantities, Reason, Sequence, ct), nameof(Quantities));
    }

    private IActionResult Done(Guid id, OrderRefunds.Outcome outcome, string amountField)
    {
        if (outcome is OrderRefunds.Refunded done)
            return RedirectToPage("Details", new { id, notice = done.AppliedNow ? RefundNotice.Refunded : RefundNotice.AlreadyRecorded });
        var why = ((OrderRefunds.Refused)outcome).Why;
        if (why == OrderRefunds.Refusal.NotFound) return NotFound();
        ModelState.AddModelError(why is OrderRefunds.Refusal.ReasonMissing or OrderRefunds.Refusal.ReasonTooLong ? nameof(Reason) : amountField,
            localizer["Admin.Refund.Refused." + why, OrderRefunds.MaxReasonLength, Refundable]);
        return Page();
    }

    private async Task<IActionResult?> LoadAsync(Guid id, CancellationToken ct)
    {
        var order = await db.Orders.AsNoTracking().Include(o => o.Lines).SingleOrDefaultAsync(o => o.Id == id, ct);
        if (order is null) return NotFound();
        Order = order;
        var refunded = await OrderRefunds.RefundedByLineAsync(db, id, ct);
        Lines = order.Lines.OrderBy(l => l.Id).Select(l => new LineRow(l, refunded.GetValueOrDefault(l.Id))).ToList();
        return null;
    }
}
