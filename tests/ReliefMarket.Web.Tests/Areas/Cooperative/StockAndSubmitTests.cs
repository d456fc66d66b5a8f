using System.Net;
using ReliefMarket.Web.Listings;

namespace ReliefMarket.Web.Tests.Areas.Cooperative;

public abstract class StockAndSubmitTests<TShop>(TShop shop) : IClassFixture<TShop> where TShop : ShopFactory
{
    [Fact]
    public async Task Stock_is_adjusted_and_set_with_a_reason_logged_and_never_below_zero()
    {
        var id = await shop.ListingAsync(stock: 10);
        var member = await shop.MemberAsync(language: "en");
        var url = $"/coop/products/{id}/stock";
        Assert.Equal(HttpStatusCode.Redirect, (await member.SubmitAsync(url, "form.stock-adjust", new() { ["Value"] = "-4", ["Reason"] = "Damaged", ["Note"] = "雨淋" })).StatusCode);
        Assert.Equal(6, (await shop.ProductAsync(id)).Stock);

        var below = await member.SubmitAsync(url, "form.stock-adjust", new() { ["Value"] = "-7", ["Reason"] = "Damaged" });
        Assert.Contains("below zero", (await below.ReadPageAsync()).QuerySelector(".stock-error")!.TextContent);
        var negative = await member.SubmitAsync(url, "form.stock-set", new() { ["Value"] = "-1", ["Reason"] = "Count" });
        Assert.NotNull((await negative.ReadPageAsync()).QuerySelector(".stock-error"));
        var text = await member.SubmitAsync(url, "form.stock-set", new() { ["Value"] = "abc", ["Reason"] = "Count" });
        Assert.NotNull((await text.ReadPageAsync()).QuerySelector(".stock-error"));
        Assert.Equal(6, (await shop.ProductAsync(id)).Stock);

        Assert.Equal(HttpStatusCode.Redirect, (await member.SubmitAsync(url, "form.stock-set", new() { ["Value"] = "40", ["Reason"] = "Count" })).StatusCode);
        Assert.Equal(40, (await shop.ProductAsync(id)).Stock);
        await using var scope = shop.Scope(out var db);
        var log = await db.StockChanges.Where(s => s.ProductId == id).OrderBy(s => s.Id).ToListAsync();
        Assert.Equal([(-4, 6, StockChangeReason.Damaged), (34, 40, StockChangeReason.Count)], log.Select(s => (s.Delta, s.StockAfter, s.Reason)));
        Assert.Equal("雨淋", log[0].Note);
    }

    [Fact]
    public async Task Setting_stock_after_a_buyer_took_units_asks_again_instead_of_overwriting_their_order()
    {
        var id = await shop.ListingAsync(stock: 10);
        var member = await shop.MemberAsync();
        var url = $"/coop/products/{id}/stock";
        var page = await member.PageAsync(url);
        var buyer = await Shopper.Anonymous(shop).SignUpAndSignInAsync();
        await buyer.AddToCartAsync((await shop.ProductAsync(id)).Slug, 3);
        await buyer.CheckoutAsync();
        Assert.Equal(7, (await shop.ProductAsync(id)).Stock);

        // The form still says 10: setting 12 would silently give back the buyer's 3 units.
        var form = page.QuerySelector("form.stock-set")!;
        var fields = form.QuerySelectorAll("input[name]").ToDictionary(i => i.GetAttribute("name")!, i => i.GetAttribute("value") ?? "");
        fields["Value"] = "12";
        fields["Reason"] = "Count";
        var response = await member.Client.PostAsync(form.GetAttribute("action"), new FormUrlEncodedContent(fields));
        Assert.NotNull((await response.ReadPageAsync()).QuerySelector(".stock-error"));
        Assert.Equal(7, (await shop.ProductAsync(id)).Stock);
    }

    [Fact]
    public async Task Adjustments_race_safely_with_each_other()
    {
        var id = await shop.ListingAsync(stock: 100);
        var producerId = await shop.ProducerIdAsync(Members.ProducerA);
        var results = await Task.WhenAll(Enumerable.Range(0, 12).Select(async _ =>
        {
            await using var scope = shop.Scope(out var _);
            return await scope.ServiceProvider.GetRequiredService<ListingStock>()
                .AdjustAsync(producerId, id, -10, StockChangeReason.SoldElsewhere, null, "test", CancellationToken.None);
        }));
        Assert.Equal(10, results.Count(r => r.Outcome == StockOutcome.Changed));
        Assert.Equal(2, results.Count(r => r.Outcome == StockOutcome.BelowZero));
        Assert.Equal(0, (await shop.ProductAsync(id)).Stock);
    }

    [Fact]
    public async Task A_draft_is_submitted_with_evidence_files_checked_by_content()
    {
        var id = await shop.ListingAsync();
        var member = await shop.MemberAsync(language: "en");
        var url = $"/coop/products/{id}/submit";
        var evidenceFolder = Path.Combine(shop.UploadFolder, "evidence");
        var html = await member.UploadAsync(url, "form.submit-certification", new() { ["Evidence"] = "县推荐函" },
            ("files", "letter.pdf", "application/pdf", TestImages.Pdf), ("files", "scan.jpg", "image/jpeg", TestImages.Html));
        Assert.Contains("PDFs or images", (await html.ReadPageAsync()).QuerySelector(".submit-error")!.TextContent);
        var big = TestImages.Pdf.Concat(new byte[9 * 1024 * 1024]).ToArray();
        var nineMegabytes = await member.UploadAsync(url, "form.submit-certification", new() { ["Evidence"] = "县推荐函" }, ("files", "big.pdf", "application/pdf", big));
        Assert.Equal("A file is larger than 8 MB.", (await nineMegabytes.ReadPageAsync()).QuerySelector(".submit-error")!.TextContent);
        Assert.Equal(CertificationStatus.Draft, (await shop.ProductAsync(id)).CertificationStatus);
        Assert.Empty(Directory.Exists(evidenceFolder) ? Directory.GetFiles(evidenceFolder) : []);

        var ok = await member.UploadAsync(url, "form.submit-certification", new() { ["Evidence"] = "县推荐函" },
            ("files", "letter.pdf", "application/pdf", TestImages.Pdf), ("files", "photo.exe", "application/octet-stream", TestImages.Png()));
        Assert.Equal(HttpStatusCode.Redirect, ok.StatusCode);
        Assert.Equal(CertificationStatus.PendingCertification, (await shop.ProductAsync(id)).CertificationStatus);
        await using (var scope = shop.Scope(out var db))
        {
            var submission = await db.CertificationSubmissions.SingleAsync(s => s.ProductId == id);
            Assert.Equal(["application/pdf", "image/png"], submission.Files.Select(f => f.ContentType));
            Assert.All(submission.Files, f => Assert.True(File.Exists(Path.Combine(evidenceFolder, f.StoredName))));
        }

        // Pending: cannot be submitted again.
        var again = await member.PageAsync(url);
        Assert.Null(again.QuerySelector("form.submit-certification"));
    }

    [Fact]
    public async Task Another_producers_listing_cannot_be_seen_edited_stocked_or_submitted_and_a_spoofed_producer_is_ignored()
    {
        var theirs = await shop.ListingAsync(Members.ProducerB, stock: 9);
        var member = await shop.MemberAsync();
        foreach (var path in new[] { $"/coop/products/edit/{theirs}", $"/coop/products/{theirs}/stock", $"/coop/products/{theirs}/submit", $"/coop/products/{theirs}/photos" })
            Assert.Equal(HttpStatusCode.NotFound, (await member.Client.GetAsync(path)).StatusCode);
        Assert.DoesNotContain($"data-id=\"{theirs}\"", await member.Client.GetStringAsync("/coop/products"));

        var token = (await member.PageAsync("/coop/products/edit")).QuerySelector("input[name=__RequestVerificationToken]")!.GetAttribute("value")!;
        Dictionary<string, string> Post(params (string, string)[] extra) => new[] { ("__RequestVerificationToken", token) }.Concat(extra).ToDictionary(x => x.Item1, x => x.Item2);
        foreach (var (path, fields) in new[]
                 {
                     ($"/coop/products/edit/{theirs}", Post(("Form.NameZh", "改"), ("Form.UnitZh", "箱"), ("Form.Price", "1"), ("Form.Category", "Eggs"))),
                     ($"/coop/products/{theirs}/stock?handler=Adjust", Post(("Value", "-9"), ("Reason", "Damaged"))),
                     ($"/coop/products/{theirs}/submit", Post(("Evidence", "x"))),
                     ($"/coop/products?handler=Unlist&id={theirs}", Post()),
                 })
            Assert.Equal(HttpStatusCode.NotFound, (await member.Client.PostAsync(path, new FormUrlEncodedContent(fields))).StatusCode);
        var unchanged = await shop.ProductAsync(theirs);
        Assert.Equal((9, true, CertificationStatus.Draft, "测试土豆"), (unchanged.Stock, unchanged.IsListed, unchanged.CertificationStatus, unchanged.Name.Zh));

        var b = await shop.ProducerIdAsync(Members.ProducerB);
        var created = await member.Client.PostAsync("/coop/products/edit", new FormUrlEncodedContent(Post(
            ("Form.NameZh", "冒名土豆"), ("Form.UnitZh", "箱"), ("Form.Price", "10"), ("Form.Stock", "1"), ("Form.Category", "Eggs"),
            ("ProducerId", b.ToString()), ("Form.ProducerId", b.ToString()))));
        Assert.Equal(HttpStatusCode.Redirect, created.StatusCode);
        await using var scope = shop.Scope(out var db);
        Assert.Equal(await shop.ProducerIdAsync(Members.ProducerA), (await db.Products.SingleAsync(p => p.Name.Zh == "冒名土豆")).ProducerId);
    }

    [Fact]
    public async Task Only_members_reach_the_portal()
    {
        var id = await shop.ListingAsync();
        foreach (var path in new[] { "/coop/products", "/coop/products/edit", $"/coop/products/{id}/photos", $"/coop/products/{id}/stock", $"/coop/products/{id}/submit" })
        {
            var anonymous = await shop.Client().GetAsync(path);
            Assert.Equal(HttpStatusCode.Redirect, anonymous.StatusCode);
            Assert.StartsWith("/account/login", anonymous.Headers.Location!.PathAndQuery);
            foreach (var role in new[] { Roles.Consumer, Roles.Auditor, Roles.Admin })
            {
                var denied = await (await Shopper.Anonymous(shop).SignUpAndSignInAsync(role: role)).Client.GetAsync(path);
                Assert.Equal("/account/access-denied", denied.Headers.Location?.AbsolutePath);
            }
        }
        // The join page is the one open door: its token is the key.
        Assert.Equal(HttpStatusCode.OK, (await shop.Client().GetAsync("/coop/join?token=nothing")).StatusCode);
    }
}

public sealed class StockAndSubmitOnSqlite(SqliteShop shop) : StockAndSubmitTests<SqliteShop>(shop);
public sealed class StockAndSubmitOnPostgres(PostgresShop shop) : StockAndSubmitTests<PostgresShop>(shop);
