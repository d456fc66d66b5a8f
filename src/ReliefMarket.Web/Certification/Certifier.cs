using System.Security.Claims;
using ReliefMarket.Web.Email;
using ReliefMarket.Web.Pages.Orders;

namespace ReliefMarket.Web.Certification;

/// <summary>
/// An administrator's decisions on a listing: approve, reject, withdraw. Each one changes the listing, keeps a
/// <see cref="CertificationDecision"/>, writes an audit entry and emails the producer's members, in one save.
/// </summary>
public sealed class Certifier(AppDbContext db, Audit.AuditLog audit, EmailOutbox outbox, EmailTemplates templates, TimeProvider clock)
{
    public const int MaxReasonLength = 500;
    public const int MaxCertificateLength = 64;

    public enum Outcome { Done, NotFound, WrongState, MissingNumber, UnknownCounty, ValidUntilNotAhead, ValidUntilTooFar, MissingReason, ReasonTooLong }

    public async Task<Outcome> ApproveAsync(int productId, string? number, string? countyCode, DateOnly? validUntil, ClaimsPrincipal by, CancellationToken ct)
    {
        var today = ChinaTime.Today(clock);
        number = number?.Trim();
        if (string.IsNullOrEmpty(number) || number.Length > MaxCertificateLength || !UserText.IsClean(number)) return Outcome.MissingNumber;
        var county = await db.Counties.Where(c => c.Code == countyCode).Select(c => (int?)c.Id).SingleOrDefaultAsync(ct);
        if (county is null) return Outcome.UnknownCounty;
        if (validUntil is not { } until || until <= today) return Outcome.ValidUntilNotAhead;
        if (until > today.AddYears(3)) return Outcome.ValidUntilTooFar;
        return await DecideAsync(productId, CertificationStatus.PendingCertification, p => p.Certify(number, county.Value, until, today),
            new CertificationDecision(productId, CertificationAction.Approved, by.UserId(), Now, number, county, until), by, "certification.approved", ct);
    }

    public Task<Outcome> RejectAsync(int productId, string? reason, ClaimsPrincipal by, CancellationToken ct) =>
        CheckReason(reason) is { } bad ? Task.FromResult(bad)
            : DecideAsync(productId, CertificationStatus.PendingCertification, p => p.Reject(reason!),
                new CertificationDecision(productId, CertificationAction.Rejected, by.UserId(), Now, reason: reason!.Trim()), by, "certification.rejected", ct);

    public Task<Outcome> WithdrawAsync(int productId, string? reason, ClaimsPrincipal by, CancellationToken ct) =>
        CheckReason(reason) is { } bad ? Task.FromResult(bad)
            : DecideAsync(productId, CertificationStatus.Certified, p => p.Withdraw(reason!),
                new CertificationDecision(productId, CertificationAction.Withdrawn, by.UserId(), Now, reason: reason!.Trim()), by, "certification.withdrawn", ct);

    private static Outcome? CheckReason(string? reason) =>
        string.IsNullOrWhiteSpace(reason) || UserText.Clean(reason) is null ? Outcome.MissingReason
        : reason.Trim().Length > MaxReasonLength ? Outcome.ReasonTooLong
        : null;

    private DateTime Now => clock.GetUtcNow().UtcDateTime;

    private async Task<Outcome> DecideAsync(int productId, CertificationStatus from, Action<Product> change, CertificationDecision decision,
        ClaimsPrincipal by, string action, CancellationToken ct)
    {
        var product = await db.Products.SingleOrDefaultAsync(p => p.Id == productId, ct);
        if (product is null) return Outcome.NotFound;
        // A second click, or a second administrator, finds the decision already made.
        if (product.CertificationStatus != from) return Outcome.WrongState;
        var before = Fields(product);
        change(product);
        db.Add(decision);
        audit.Record(action, nameof(Product), product.Id.ToString(System.Globalization.CultureInfo.InvariantCulture), before, Fields(product));
        await EmailMembersAsync(product, decision, ct);
        try { await db.SaveChangesAsync(ct); }
        catch (DbUpdateConcurrencyException) { return Outcome.WrongState; }
        outbox.SendSoon();
        return Outcome.Done;
    }

    private static Dictionary<string, object?> Fields(Product p) => new()
    {
        ["CertificationStatus"] = p.CertificationStatus, ["CertificateNumber"] = p.CertificateNumber,
        ["IssuingCountyId"] = p.IssuingCountyId, ["CertifiedUntil"] = p.CertifiedUntil, ["CertificationNote"] = p.CertificationNote,
    };

    /// <summary>Every member of the listing's producer hears of the decision, in their own language.</summary>
    public async Task EmailMembersAsync(Product product, CertificationDecision decision, CancellationToken ct)
    {
        var members = await db.Users.Where(u => u.ProducerId == product.ProducerId && u.Email != null)
            .Select(u => new { u.Email, u.PreferredCulture }).ToListAsync(ct);
        foreach (var m in members)
            outbox.Add(m.Email!, templates.CertificationDecided(m.PreferredCulture, product, decision, outbox.Link("/coop/products")), "certification");
    }
}
