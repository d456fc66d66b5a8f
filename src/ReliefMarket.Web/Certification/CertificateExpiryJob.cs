namespace ReliefMarket.Web.Certification;

/// <summary>
/// Daily, just after midnight China time: certificates past their date become Expired, and members hear 30 and then 7
/// days before a certificate lapses, once each. The work is found in the listings and the decisions already recorded,
/// so running twice in a day changes nothing. Sales are attributed by the certificate's dates whether or not this has run.
/// </summary>
public sealed class CertificateExpiryJob(AppDbContext db, Certifier certifier, Email.EmailOutbox outbox, TimeProvider clock)
{
    public static readonly int[] ReminderDays = [30, 7];

    public async Task<int> RunAsync(CancellationToken ct)
    {
        var today = ChinaTime.Today(clock);
        var now = clock.GetUtcNow().UtcDateTime;
        var horizon = today.AddDays(ReminderDays.Max());
        var certified = await db.Products.Where(p => p.CertificationStatus == CertificationStatus.Certified && p.CertifiedUntil <= horizon).ToListAsync(ct);
        var changes = 0;
        foreach (var product in certified)
        {
            CertificationDecision? decision = null;
            if (product.ExpireIfLapsed(today))
                decision = new CertificationDecision(product.Id, CertificationAction.Expired, null, now, product.CertificateNumber, product.IssuingCountyId, product.CertifiedUntil);
            else if (await DueReminderAsync(product, today, ct) is { } days)
                decision = new CertificationDecision(product.Id, CertificationAction.Reminded, null, now, product.CertificateNumber, product.IssuingCountyId,
                    product.CertifiedUntil, daysBefore: days);
            if (decision is null) continue;
            db.Add(decision);
            await certifier.EmailMembersAsync(product, decision, ct);
            await db.SaveChangesAsync(ct);
            changes++;
        }
        if (changes > 0) outbox.SendSoon();
        return changes;
    }

    /// <summary>The nearest reminder now due and not yet sent for this certificate's date (a later one makes an earlier one moot).</summary>
    private async Task<int?> DueReminderAsync(Product product, DateOnly today, CancellationToken ct)
    {
        var left = product.CertifiedUntil!.Value.DayNumber - today.DayNumber;
        var sent = await db.Set<CertificationDecision>()
            .Where(d => d.ProductId == product.Id && d.Action == CertificationAction.Reminded && d.ValidUntil == product.CertifiedUntil)
            .Select(d => d.DaysBefore).ToListAsync(ct);
        var due = ReminderDays.Where(d => left <= d).Min(d => (int?)d);
        return due is { } days && !sent.Any(s => s <= days) ? days : null;
    }
}
