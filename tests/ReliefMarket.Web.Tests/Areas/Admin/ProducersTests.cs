using System.Net;

namespace ReliefMarket.Web.Tests.Areas.Admin;

public abstract class ProducersTests<TShop>(TShop shop) : IClassFixture<TShop> where TShop : ShopFactory
{
    private const string Producer = "weining-potato-coop"; // 60 % pingshan, 40 % caohai demo village

    private async Task<(int Id, string Url)> ProducerAsync()
    {
        await using var scope = shop.Scope(out var db);
        var id = await db.Producers.Where(p => p.Code == Producer).Select(p => p.Id).SingleAsync();
        return (id, $"/admin/producers/{id}");
    }

    private static Dictionary<string, string> Form(params (string Village, string Percent)[] shares)
    {
        var values = new Dictionary<string, string>
        {
            ["SupportedPoorHouseholds"] = "130", ["AccountName"] = "威宁高原马铃薯专业合作社", ["Bank"] = "中国农业银行",
            ["Branch"] = "威宁草海支行", ["AccountNumber"] = "6228480123456789012",
        };
        for (var i = 0; i < 4; i++)
        {
            values[$"Shares[{i}].Village"] = i < shares.Length ? shares[i].Village : "";
            values[$"Shares[{i}].Percent"] = i < shares.Length ? shares[i].Percent : "";
        }
        return values;
    }

    private async Task<Dictionary<int, long>> VillagesOfAsync(Guid orderId)
    {
        await using var scope = shop.Scope(out var db);
        return await db.AttributionEntries.Where(e => e.OrderId == orderId).GroupBy(e => e.VillageId)
            .Select(g => new { g.Key, Fen = g.Sum(e => e.AmountFen) }).ToDictionaryAsync(x => x.Key, x => x.Fen);
    }

    private async Task<Guid> BuyPotatoesAsync()
    {
        var buyer = await Shopper.Anonymous(shop).SignUpAndSignInAsync();
        await buyer.AddToCartAsync("weining-potatoes");
        var orderId = await buyer.CheckoutAsync();
        await buyer.SubmitAsync($"/payments/sandbox/{orderId}", "form[action*=handler\\=Pay]", []);
        return orderId;
    }

    [Fact]
    public async Task Shares_must_total_exactly_100_percent_and_a_change_applies_to_new_sales_only()
    {
        var (id, url) = await ProducerAsync();
        var admin = await Shopper.Anonymous(shop).SignUpAndSignInAsync(role: Roles.Admin);
        var before = await BuyPotatoesAsync();
        var beforeVillages = await VillagesOfAsync(before);
        Assert.Equal(2, beforeVillages.Count);

        foreach (var (form, message) in new (Dictionary<string, string>, string)[]
                 {
                     (Form(("pingshan", "60.00"), ("caohai-demo", "39.99")), "正好是 100.00%"),
                     (Form(("pingshan", "60.01"), ("caohai-demo", "40.00")), "正好是 100.00%"),
                     (Form(("pingshan", "50"), ("pingshan", "50")), "只能出现一次"),
                     (Form(("pingshan", "33.333"), ("caohai-demo", "66.667")), "最多两位小数"),
                     (Form(("pingshan", "abc")), "最多两位小数"),
                     (new(Form(("pingshan", "100"))) { ["AccountNumber"] = "12ab" }, "8–30 位数字账号"),
                 })
        {
            var refused = await admin.SubmitAsync(url, "form.producer-form", form);
            Assert.Equal(HttpStatusCode.OK, refused.StatusCode);
            Assert.Contains(message, (await refused.ReadPageAsync()).QuerySelector("[role=alert]")!.TextContent);
        }

        var saved = await admin.SubmitAsync(url, "form.producer-form", Form(("pingshan", "100")));
        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        var after = await BuyPotatoesAsync();

        Assert.Equal(beforeVillages, await VillagesOfAsync(before));            // past sales keep their shares
        var afterVillages = await VillagesOfAsync(after);
        Assert.Single(afterVillages);
        await using (var scope = shop.Scope(out var db))
        {
            var pingshan = await db.Villages.Where(v => v.Code == "pingshan").Select(v => v.Id).SingleAsync();
            Assert.Equal(pingshan, afterVillages.Keys.Single());
            var entry = await db.Set<ReliefMarket.Web.Audit.AuditEntry>().Where(a => a.Action == "producer.updated" && a.EntityId == id.ToString())
                .OrderByDescending(a => a.Id).FirstAsync();
            Assert.Matches(@"\*+9012", entry.After);
            Assert.DoesNotContain("6228480123456789012", entry.After);
        }

        var auditor = await Shopper.Anonymous(shop).SignUpAndSignInAsync(role: Roles.Auditor);
        var list = await auditor.PageAsync("/admin/producers");
        Assert.Contains("****9012", list.DocumentElement.TextContent);
        Assert.DoesNotContain("6228480123456789012", list.DocumentElement.TextContent);
        Assert.Null((await auditor.PageAsync(url)).QuerySelector("form.producer-form"));
        Assert.Contains("6228480123456789012", (await admin.PageAsync("/admin/producers")).DocumentElement.TextContent);
    }

    [Fact]
    public async Task A_stripe_connected_account_is_set_audited_and_cleared_and_a_malformed_one_is_refused()
    {
        var (id, url) = await ProducerAsync();
        var admin = await Shopper.Anonymous(shop).SignUpAndSignInAsync(role: Roles.Admin);
        async Task<string?> StoredAsync()
        {
            await using var scope = shop.Scope(out var db);
            return await db.Producers.Where(p => p.Id == id).Select(p => p.StripeAccountId).SingleAsync();
        }
        var original = await StoredAsync();
        // Another account number than the shares test posts, so that test's audit entry shows a bank change whichever runs first.
        static Dictionary<string, string> Stripe(string account) =>
            new(Form(("pingshan", "60.00"), ("caohai-demo", "40.00"))) { ["AccountNumber"] = "6228480000000000001", ["StripeAccountId"] = account };

        foreach (var bad in new[] { "acct_<script>", "ba_123", "acct_", "acct_" + new string('x', 60) })
        {
            var refused = await admin.SubmitAsync(url, "form.producer-form", Stripe(bad));
            Assert.Equal(HttpStatusCode.OK, refused.StatusCode);
            Assert.Contains("acct_", (await refused.ReadPageAsync()).QuerySelector("[role=alert]")!.TextContent);
            Assert.Equal(original, await StoredAsync());
        }

        var saved = await admin.SubmitAsync(url, "form.producer-form", Stripe(" acct_1DemoWeining "));
        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        Assert.Equal("acct_1DemoWeining", await StoredAsync());
        Assert.Equal("acct_1DemoWeining", (await admin.PageAsync(url)).QuerySelector("input[name=StripeAccountId]")!.GetAttribute("value"));
        await using (var scope = shop.Scope(out var db))
        {
            var entry = await db.Set<ReliefMarket.Web.Audit.AuditEntry>().Where(a => a.Action == "producer.updated" && a.EntityId == id.ToString())
                .OrderByDescending(a => a.Id).FirstAsync();
            Assert.Contains("acct_1DemoWeining", entry.After);
        }

        var cleared = await admin.SubmitAsync(url, "form.producer-form", Stripe(""));
        Assert.Equal(HttpStatusCode.Redirect, cleared.StatusCode);
        Assert.Null(await StoredAsync());
    }
}

public sealed class ProducersOnSqlite(SqliteShop shop) : ProducersTests<SqliteShop>(shop);
public sealed class ProducersOnPostgres(PostgresShop shop) : ProducersTests<PostgresShop>(shop);

public abstract class OriginsAdminTests<TShop>(TShop shop) : IClassFixture<TShop> where TShop : ShopFactory
{
    [Fact]
    public async Task An_administrator_corrects_a_village_s_figures_and_nonsense_is_refused()
    {
        int id;
        await using (var scope = shop.Scope(out var db)) id = await db.Villages.Where(v => v.Code == "pingshan").Select(v => v.Id).SingleAsync();
        var admin = await Shopper.Anonymous(shop).SignUpAndSignInAsync(role: Roles.Admin);
        var form = $"form.village-form:has(input[name=village][value='{id}'])";

        var refused = await admin.SubmitAsync("/admin/origins", form, new() { ["households"] = "200", ["people"] = "150", ["designated"] = "true" });
        Assert.Contains("人数不少于户数", (await refused.ReadPageAsync()).QuerySelector("[role=alert]")!.TextContent);

        var saved = await admin.SubmitAsync("/admin/origins", form, new() { ["households"] = "181", ["people"] = "750", ["designated"] = "true", ["exited"] = "true" });
        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        await using (var scope = shop.Scope(out var db))
        {
            var village = await db.Villages.SingleAsync(v => v.Id == id);
            Assert.Equal((181, 750, true), (village.RegisteredPoorHouseholds, village.RegisteredPoorPeople, village.HasExited));
            Assert.True(await db.Set<ReliefMarket.Web.Audit.AuditEntry>().AnyAsync(a => a.Action == "village.updated" && a.EntityId == id.ToString()));
        }

        var auditor = await Shopper.Anonymous(shop).SignUpAndSignInAsync(role: Roles.Auditor);
        var page = await auditor.PageAsync("/admin/origins");
        Assert.Empty(page.QuerySelectorAll("form.village-form"));
        Assert.Contains("181", page.DocumentElement.TextContent);
    }
}

public sealed class OriginsAdminOnSqlite(SqliteShop shop) : OriginsAdminTests<SqliteShop>(shop);
public sealed class OriginsAdminOnPostgres(PostgresShop shop) : OriginsAdminTests<PostgresShop>(shop);
