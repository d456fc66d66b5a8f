using System.Net;
using ReliefMarket.Web.Certification;
using ReliefMarket.Web.Listings;
using ReliefMarket.Web.Tests.Areas.Cooperative;

namespace ReliefMarket.Web.Tests.Areas.Admin;

public abstract class CertificationTests<TShop>(TShop shop) : IClassFixture<TShop> where TShop : ShopFactory
{
    /// <summary>A listing of weining-potato-coop waiting for certification, with a PDF of evidence.</summary>
    private async Task<(int ProductId, int SubmissionId, string File)> PendingAsync()
    {
        var productId = await shop.ListingAsync();
        await using var scope = shop.Scope(out var db);
        var stored = await scope.ServiceProvider.GetRequiredService<EvidenceStore>().WriteAsync("%PDF-1.4 county letter"u8.ToArray(), "application/pdf", default);
        var product = await db.Products.SingleAsync(p => p.Id == productId);
        product.SubmitForCertification();
        var submission = new CertificationSubmission(productId, "县扶贫办推荐函 <b>附后</b>", "member", DateTime.UtcNow, [stored]);
        db.Add(submission);
        await db.SaveChangesAsync();
        return (productId, submission.Id, stored.StoredName);
    }

    private static Task<HttpResponseMessage> PostAsync(Shopper admin, int id, string handler, Dictionary<string, string> values) =>
        CoopShop.PostAsync(admin, "/account/password", $"/admin/certification/{id}?handler={handler}", values); // a token of this session (the cached header has none; an auditor's page has no form)

    private string Day(int offset) => ChinaTime.Today(shop.Clock).AddDays(offset).ToString("yyyy-MM-dd");

    [Fact]
    public async Task An_administrator_certifies_a_listing_and_its_members_hear_of_it()
    {
        await shop.MemberAsync();
        var (id, submission, file) = await PendingAsync();
        var admin = await Shopper.Anonymous(shop).SignUpAndSignInAsync(role: Roles.Admin);

        var queue = await admin.PageAsync("/admin/certification");
        Assert.Contains(queue.QuerySelectorAll(".certification-queue a"), a => a.GetAttribute("href") == $"/admin/certification/{id}");
        var review = await admin.PageAsync($"/admin/certification/{id}");
        Assert.Contains("<b>附后</b>", review.QuerySelector(".evidence-text")!.TextContent); // shown as text
        var download = await admin.Client.GetAsync($"/admin/certification/{id}?handler=evidence&submission={submission}&file={file}");
        Assert.Equal("application/pdf", download.Content.Headers.ContentType!.MediaType);
        Assert.Equal("attachment", download.Content.Headers.ContentDisposition!.DispositionType);
        Assert.Equal("nosniff", string.Join(",", download.Headers.GetValues("X-Content-Type-Options")));

        foreach (var (values, message) in new (Dictionary<string, string>, string)[]
                 {
                     (new() { ["CertificateNumber"] = "", ["IssuingCounty"] = "weining", ["ValidUntil"] = Day(365) }, "请填写认定证书编号"),
                     (new() { ["CertificateNumber"] = "WN-1", ["IssuingCounty"] = "nowhere", ["ValidUntil"] = Day(365) }, "帮扶县之一"),
                     (new() { ["CertificateNumber"] = "WN-1", ["IssuingCounty"] = "weining", ["ValidUntil"] = Day(-1) }, "晚于今天"),
                     (new() { ["CertificateNumber"] = "WN-1", ["IssuingCounty"] = "weining", ["ValidUntil"] = Day(3 * 366 + 1) }, "最长为三年"),
                 })
        {
            var refused = await PostAsync(admin, id, "Approve", values);
            Assert.Contains(message, (await refused.ReadPageAsync()).QuerySelector("[role=alert]")!.TextContent);
        }
        Assert.Equal(CertificationStatus.PendingCertification, (await shop.ProductAsync(id)).CertificationStatus);

        var approve = new Dictionary<string, string> { ["CertificateNumber"] = "WN-2026-0042", ["IssuingCounty"] = "weining", ["ValidUntil"] = Day(365) };
        Assert.Equal(HttpStatusCode.Redirect, (await PostAsync(admin, id, "Approve", approve)).StatusCode);
        var again = await PostAsync(admin, id, "Approve", approve); // a second click
        Assert.Contains("状态已经变化", (await again.ReadPageAsync()).QuerySelector("[role=alert]")!.TextContent);

        var product = await shop.ProductAsync(id);
        Assert.Equal((CertificationStatus.Certified, "WN-2026-0042"), (product.CertificationStatus, product.CertificateNumber));
        await using (var scope = shop.Scope(out var db))
        {
            Assert.Single(await db.Set<CertificationDecision>().Where(d => d.ProductId == id && d.Action == CertificationAction.Approved).ToListAsync());
            Assert.True(await db.Set<ReliefMarket.Web.Audit.AuditEntry>().AnyAsync(a => a.Action == "certification.approved" && a.EntityId == id.ToString()));
            var members = db.Users.Where(u => u.ProducerId == product.ProducerId).Select(u => u.Email);
            Assert.True(await db.OutboxMessages.AnyAsync(m => members.Contains(m.To) && m.Kind == "certification" && m.Subject.Contains("已通过")));
        }
        var shopPage = await shop.Client().GetPageAsync($"/products/{product.Slug}");
        Assert.Contains("WN-2026-0042", shopPage.DocumentElement.TextContent);
    }

    [Fact]
    public async Task A_certificate_is_withdrawn_with_a_reason_kept_in_its_history_and_the_badge_leaves_the_shop()
    {
        await shop.MemberAsync();
        var (id, _, _) = await PendingAsync();
        var admin = await Shopper.Anonymous(shop).SignUpAndSignInAsync(role: Roles.Admin);
        Assert.Equal(HttpStatusCode.Redirect, (await PostAsync(admin, id, "Approve",
            new() { ["CertificateNumber"] = "WN-2026-0099", ["IssuingCounty"] = "weining", ["ValidUntil"] = Day(200) })).StatusCode);

        var empty = await PostAsync(admin, id, "Withdraw", new() { ["Reason"] = "   " });
        Assert.NotNull((await empty.ReadPageAsync()).QuerySelector("[role=alert]"));
        var tooLong = await PostAsync(admin, id, "Withdraw", new() { ["Reason"] = new string('长', 5000) });
        Assert.Contains("500", (await tooLong.ReadPageAsync()).QuerySelector("[role=alert]")!.TextContent);
        var auditor = await Shopper.Anonymous(shop).SignUpAndSignInAsync(role: Roles.Auditor);
        Assert.Equal("/account/access-denied", (await PostAsync(auditor, id, "Withdraw", new() { ["Reason"] = "no" })).Headers.Location?.AbsolutePath);
        Assert.Equal(CertificationStatus.Certified, (await shop.ProductAsync(id)).CertificationStatus);

        Assert.Equal(HttpStatusCode.Redirect, (await PostAsync(admin, id, "Withdraw", new() { ["Reason"] = "<script>x</script> 抽检不合格" })).StatusCode);

        var product = await shop.ProductAsync(id);
        Assert.NotEqual(CertificationStatus.Certified, product.CertificationStatus);
        await using (var scope = shop.Scope(out var db))
        {
            var decisions = await db.Set<CertificationDecision>().Where(d => d.ProductId == id).OrderBy(d => d.Id).Select(d => d.Action).ToListAsync();
            Assert.Equal([CertificationAction.Approved, CertificationAction.Withdrawn], decisions);
            Assert.True(await db.AuditEntries.AnyAsync(a => a.Action == "certification.withdrawn" && a.EntityId == id.ToString()));
        }
        var review = await admin.Client.GetStringAsync($"/admin/certification/{id}");
        Assert.Contains("抽检不合格", review);
        Assert.DoesNotContain("<script>x</script>", review);
        Assert.DoesNotContain("WN-2026-0099", (await shop.Client().GetPageAsync($"/products/{product.Slug}")).DocumentElement.TextContent);
    }

    [Fact]
    public async Task A_rejection_reason_reaches_the_member_as_text_and_auditors_cannot_decide()
    {
        var member = await shop.MemberAsync();
        var (id, _, _) = await PendingAsync();
        var auditor = await Shopper.Anonymous(shop).SignUpAndSignInAsync(role: Roles.Auditor);
        var denied = await PostAsync(auditor, id, "Reject", new() { ["Reason"] = "no" });
        Assert.Equal("/account/access-denied", denied.Headers.Location?.AbsolutePath);
        Assert.Null((await auditor.PageAsync($"/admin/certification/{id}")).QuerySelector("form.reject-form"));

        var admin = await Shopper.Anonymous(shop).SignUpAndSignInAsync(role: Roles.Admin);
        var tooLong = await PostAsync(admin, id, "Reject", new() { ["Reason"] = new string('长', 5000) });
        Assert.Contains("500", (await tooLong.ReadPageAsync()).QuerySelector("[role=alert]")!.TextContent);
        Assert.Equal(HttpStatusCode.Redirect, (await PostAsync(admin, id, "Reject", new() { ["Reason"] = "<script>alert(1)</script> 缺少检测报告" })).StatusCode);

        var listings = await member.PageAsync("/coop/products");
        Assert.Contains("<script>alert(1)</script> 缺少检测报告", listings.DocumentElement.TextContent);
        Assert.Empty(listings.QuerySelectorAll("main script"));
    }

    [Fact]
    public async Task Certificates_remind_at_30_and_7_days_once_each_and_sales_after_the_last_day_are_not_aid_attributed()
    {
        await shop.MemberAsync();
        var id = await shop.ListingAsync(stock: 100, certified: true); // valid for a year from the real date
        var until = (await shop.ProductAsync(id)).CertifiedUntil!.Value;
        var slug = (await shop.ProductAsync(id)).Slug;
        var start = shop.Clock.GetUtcNow();
        async Task<int> RunJobAsync()
        {
            await using var scope = shop.Scope(out _);
            return await scope.ServiceProvider.GetRequiredService<CertificateExpiryJob>().RunAsync(default);
        }
        void MoveTo(DateOnly chinaDay) => shop.Clock.Advance(ChinaTime.ToUtc(chinaDay).AddHours(12) - shop.Clock.GetUtcNow().UtcDateTime);
        async Task<int> RemindersAsync()
        {
            // Counted per certificate (other listings of the producer may be reminded the same day); each one wrote mail.
            await using var scope = shop.Scope(out var db);
            var reminders = await db.Set<CertificationDecision>().CountAsync(d => d.ProductId == id && d.Action == CertificationAction.Reminded);
            Assert.True(await db.OutboxMessages.AnyAsync(m => m.Kind == "certification" && m.Subject.Contains("即将到期")));
            return reminders;
        }
        async Task<bool> AidAttributedAsync()
        {
            var buyer = await Shopper.Anonymous(shop).SignUpAndSignInAsync();
            await buyer.AddToCartAsync(slug);
            var orderId = await buyer.CheckoutAsync();
            await buyer.SubmitAsync($"/payments/sandbox/{orderId}", "form[action*=handler\\=Pay]", []);
            await using var scope = shop.Scope(out var db);
            return await db.AttributionEntries.Where(e => e.OrderId == orderId).AllAsync(e => e.CertifiedAtSale);
        }
        try
        {
            MoveTo(until.AddDays(-30));
            await RunJobAsync();
            await RunJobAsync();
            Assert.Equal(1, await RemindersAsync());
            MoveTo(until.AddDays(-7));
            await RunJobAsync();
            await RunJobAsync();
            Assert.Equal(2, await RemindersAsync());

            MoveTo(until);                      // the last day of the certificate
            Assert.True(await AidAttributedAsync());
            MoveTo(until.AddDays(1));           // the day after: not aid-attributed, whether or not the job has run yet
            Assert.False(await AidAttributedAsync());
            await RunJobAsync();
            Assert.Equal(CertificationStatus.Expired, (await shop.ProductAsync(id)).CertificationStatus);
            Assert.Equal(0, await RunJobAsync());
        }
        finally { shop.Clock.Advance(start - shop.Clock.GetUtcNow()); }
    }
}

public sealed class CertificationOnSqlite(SqliteShop shop) : CertificationTests<SqliteShop>(shop);
public sealed class CertificationOnPostgres(PostgresShop shop) : CertificationTests<PostgresShop>(shop);
