using System.Globalization;
using System.Text;
using System.Text.Encodings.Web;
using Microsoft.Extensions.Localization;
using ReliefMarket.Web.Ordering;

namespace ReliefMarket.Web.Email;

/// <summary>A rendered email: subject, HTML and the same words as plain text.</summary>
public sealed record EmailContent(string Subject, string Html, string Text);

/// <summary>
/// The shop's emails, written in the recipient's language (zh-CN or en) from the same localized strings as
/// the pages. Every value is HTML-encoded in the HTML part.
/// </summary>
public sealed class EmailTemplates(IStringLocalizer<SharedResource> localizer, Payments.PaymentMode payments)
{
    public EmailContent ConfirmEmail(string culture, string link) => In(culture, () =>
        Build(L("Email.Confirm.Subject"), [L("Email.Confirm.Body")], (L("Email.Confirm.Button"), link)));

    public EmailContent ResetPassword(string culture, string link) => In(culture, () =>
        Build(L("Email.Reset.Subject"), [L("Email.Reset.Body"), L("Email.Reset.Ignore")], (L("Email.Reset.Button"), link)));

    /// <summary>Sent instead of a confirmation when someone registers with an address that already has an account.</summary>
    public EmailContent AlreadyRegistered(string culture, string signInLink, string resetLink) => In(culture, () =>
        Build(L("Email.Exists.Subject"), [L("Email.Exists.Body"), $"{L("Email.Reset.Button")}: {resetLink}"], (L("Account.SignIn"), signInLink)));

    /// <summary>An invitation to manage a producer's listings; the link is single-use and valid 7 days.</summary>
    public EmailContent CooperativeInvitation(string culture, LocalizedText producer, string link) => In(culture, () =>
        Build(L("Coop.Invite.Subject", producer.Current), [L("Coop.Invite.Body", producer.Current), L("Coop.Invite.Expiry")], (L("Coop.Invite.Button"), link)));

    public EmailContent StaffInvitation(string culture, string role, string link) => In(culture, () =>
        Build(L("Staff.Invite.Subject", L("Admin.Users.Role." + role)), [L("Staff.Invite.Body", L("Admin.Users.Role." + role)), L("Coop.Invite.Expiry")], (L("Coop.Invite.Button"), link)));

    public EmailContent WorkUnitInvitation(string culture, string unit, string link) => In(culture, () =>
        Build(L("Unit.Invite.Subject", unit), [L("Unit.Invite.Body", unit), L("Coop.Invite.Expiry")], (L("Unit.Invite.Button"), link)));

    public EmailContent OrderPaid(string culture, Order order, IReadOnlyList<VillageShare> villages, string orderLink) => In(culture, () =>
    {
        var lines = order.Lines.Select(l => $"{l.ProductName.Current} · {l.Unit.Current} × {l.Quantity}    {l.Amount}").ToList();
        lines.Add($"{L("Cart.Subtotal")} {order.Subtotal} · {L("Cart.Shipping")} {order.ShippingFee} · {L("Cart.Total")} {order.Total}");
        if (order.ShippingAddress is { } a) lines.Add($"{L("Checkout.Address")}: {a.Recipient} {a.Mobile} {a.Province}{a.City}{a.District}{a.Street}");
        lines.Add(L("Order.VillagesText", villages.Count, villages.Select(v => v.CountyCode).Distinct().Count()));
        lines.AddRange(villages.Select(v => $"{v.County.Current} · {v.Village.Current}    {v.Amount}"));
        return Build(L("Email.Paid.Subject", OrderNumber(order)), [L("Email.Paid.Body"), .. lines], (L("Order.Title"), orderLink));
    });

    public EmailContent OrderNotPaid(string culture, Order order, string orderLink) => In(culture, () =>
        Build(L(order.CancellationReason == "expired" ? "Email.Expired.Subject" : "Email.Failed.Subject", OrderNumber(order)),
            [L("Order.Reason." + (order.CancellationReason ?? "expired")), L("Email.NotPaid.Body")], (L("Order.Title"), orderLink)));

    /// <summary>One producer's parcel has left: what is in it, with which carrier and tracking number.</summary>
    public EmailContent ShipmentSent(string culture, Order order, Shipment shipment, string orderLink) => In(culture, () =>
    {
        var lines = new List<string>
        {
            L("Shipment.Email.Body", localizer.Name(shipment.Carrier), shipment.TrackingNumber ?? ""),
        };
        lines.AddRange(order.Lines.Where(l => l.ProducerId == shipment.ProducerId)
            .Select(l => $"{l.ProducerName.Current} · {l.ProductName.Current} · {l.Unit.Current} × {l.Quantity}"));
        return Build(L("Shipment.Email.Subject", OrderNumber(order)), lines, (L("Order.Title"), orderLink));
    });

    /// <summary>To an administrator: the books did not reconcile; the page lists every finding.</summary>
    public EmailContent ReconciliationMismatch(string culture, int findings, string pageLink) => In(culture, () =>
        Build(L("Ledger.Email.Subject", findings), [L("Ledger.Email.Body", findings)], (L("Ledger.Reconciliation.Title"), pageLink)));

    /// <summary>Money given back: this refund, and what has been refunded of the order in all.</summary>
    public EmailContent OrderRefunded(string culture, Order order, Money amount, string orderLink) => In(culture, () =>
        Build(L("Admin.Refund.Email.Subject", OrderNumber(order)), [L("Admin.Refund.Email.Body", amount, order.Refunded, order.Total)], (L("Order.Title"), orderLink)));

    /// <summary>To a cooperative's members: a listing was certified, refused, withdrawn or has expired, or its certificate soon will.</summary>
    public EmailContent CertificationDecided(string culture, Product product, Certification.CertificationDecision decision, string link) => In(culture, () =>
    {
        var key = "Certification.Email." + decision.Action;
        var paragraphs = new List<string> { L(key + ".Body", product.Name.Current, decision.CertificateNumber ?? "", decision.ValidUntil?.ToString("yyyy-MM-dd") ?? "", decision.DaysBefore ?? 0) };
        if (decision.Reason is { } reason) paragraphs.Add($"{L("Certification.Reason")}: {reason}");
        return Build(L(key + ".Subject", product.Name.Current), paragraphs, (L("Coop.Listings.Title"), link));
    });

    /// <summary>To a cooperative's members: a statement was paid; each amount in a sentence, and the link to every line.</summary>
    public EmailContent StatementPaid(string culture, Domain.Settlement.SettlementStatement s, Domain.Settlement.SettlementPeriod period, string link) => In(culture, () =>
    {
        var (from, to) = (ChinaTime.FromUtc(period.StartsAtUtc).ToString("yyyy-MM-dd"), ChinaTime.FromUtc(period.EndsAtUtc).AddDays(-1).ToString("yyyy-MM-dd"));
        return Build(L("Statement.Email.Subject", from, to, s.Payable), [
            L("Statement.Email.Body", from, to, s.Payable, s.PaymentReference ?? ""),
            L("Statement.Explain.Sales", new Money(s.SalesFen)), L("Statement.Explain.Refunds", new Money(-s.RefundsFen)),
            L("Statement.Explain.Fee", new Money(s.FeeFen)), L("Statement.Explain.Held", new Money(s.HeldFen)),
            L("Statement.Explain.Carried", new Money(s.CarriedInFen)), L("Statement.Explain.Payable", s.Payable),
        ], (L("Statement.Email.Button"), link));
    });
    /// <summary>To whoever asked for a large report export: it is ready, behind a link that works for them only, for a while.</summary>
    public EmailContent ReportReady(string culture, string fileName, int hours, string link) => In(culture, () =>
        Build(L("Email.Report.Subject", fileName), [L("Email.Report.Body", fileName, hours)], (L("Email.Report.Button"), link)));

    /// <summary>To a work unit's buyer: the order is placed; how to pay it by bank transfer, with the reference and the deadline.</summary>
    public EmailContent ProcurementPlaced(string culture, Order order, Procurement.ProcurementOrder purchase, Procurement.ProcurementOptions bank,
        string orderLink) => In(culture, () =>
    {
        var lines = new List<string> { L("Unit.Email.Placed.Body", order.Total, purchase.TransferReference, ChinaTime.FromUtc(order.ExpiresAtUtc).ToString("yyyy-MM-dd HH:mm")) };
        lines.AddRange([$"{L("Unit.Transfer.AccountName")}: {bank.BankAccountName}", $"{L("Unit.Transfer.Bank")}: {bank.BankName}",
            $"{L("Unit.Transfer.AccountNumber")}: {bank.BankAccountNumber}", $"{L("Cart.Total")}: {order.Total}",
            $"{L("Unit.Transfer.Reference")}: {purchase.TransferReference}"]);
        lines.AddRange(order.Lines.Select(l => $"{l.ProductName.Current} · {l.Unit.Current} × {l.Quantity}    {l.Amount}"));
        lines.Add($"{L("Unit.Order.Invoice")}: {purchase.Invoice.Title} · {purchase.Invoice.TaxpayerId}");
        lines.Add(L("Unit.Transfer.Deadline"));
        return Build(L("Unit.Email.Placed.Subject", OrderNumber(order), order.Total), lines, (L("Order.Title"), orderLink));
    });

    public EmailContent ProcurementPaid(string culture, Order order, string orderLink) => In(culture, () =>
        Build(L("Unit.Email.Paid.Subject", OrderNumber(order)), [L("Unit.Email.Paid.Body", order.Total)], (L("Order.Title"), orderLink)));

    /// <summary>Cancelled by the unit or an administrator, or expired for want of a transfer: the reason says which.</summary>
    public EmailContent ProcurementCancelled(string culture, Order order, string orderLink) => In(culture, () =>
        Build(L(order.CancellationReason == Procurement.UnpaidProcurement.Reason(Procurement.CancelledBy.Overdue) ? "Unit.Email.Expired.Subject" : "Unit.Email.Cancelled.Subject",
                OrderNumber(order)),
            [L("Order.Reason." + order.CancellationReason), L("Unit.Email.Cancelled.Body")], (L("Order.Title"), orderLink)));

    public static string OrderNumber(Order order) => order.Id.ToString("N")[..12].ToUpperInvariant();

    private string L(string key, params object[] args) => localizer[key, args].Value;

    private static EmailContent In(string culture, Func<EmailContent> render)
    {
        var before = CultureInfo.CurrentUICulture;
        CultureInfo.CurrentUICulture = new CultureInfo(culture == "en" ? "en" : "zh-CN");
        try { return render(); }
        finally { CultureInfo.CurrentUICulture = before; }
    }

    private EmailContent Build(string subject, IReadOnlyList<string> paragraphs, (string Text, string Url) action)
    {
        var h = HtmlEncoder.Default;
        var html = new StringBuilder()
            .Append("<!DOCTYPE html><html><body style=\"font-family:'Noto Sans SC','PingFang SC','Microsoft YaHei',sans-serif;color:#2b3440;line-height:1.6\">")
            .Append($"<p style=\"font-weight:700;color:#2f6b3a\">{h.Encode(L("Site.Name"))}</p>");
        // A sandbox shop's emails say so, so nobody mistakes a test order for a real purchase.
        var testMode = payments.IsSandbox ? L("Sandbox.Banner") : null;
        if (testMode is not null) html.Append($"<p style=\"background:#fff3cd;color:#664d03;padding:8px 12px;font-weight:700\">{h.Encode(testMode)}</p>");
        foreach (var p in paragraphs) html.Append($"<p>{h.Encode(p)}</p>");
        html.Append($"<p><a href=\"{h.Encode(action.Url)}\" style=\"background:#2f6b3a;color:#fff;padding:10px 18px;border-radius:999px;text-decoration:none\">{h.Encode(action.Text)}</a></p>")
            .Append($"<p style=\"color:#5b6470;font-size:13px\">{h.Encode(L("Footer.About"))}</p></body></html>");
        var text = $"{L("Site.Name")}\n\n{(testMode is null ? "" : $"[{testMode}]\n\n")}{string.Join("\n\n", paragraphs)}\n\n{action.Text}: {action.Url}\n\n{L("Footer.About")}\n";
        return new EmailContent(subject, html.ToString(), text);
    }
}
