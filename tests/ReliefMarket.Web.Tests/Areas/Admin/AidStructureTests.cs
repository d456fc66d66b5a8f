using System.Net;
using ReliefMarket.Web.Audit;
using ReliefMarket.Web.Tests.Areas.Cooperative;

namespace ReliefMarket.Web.Tests.Areas.Admin;

/// <summary>
/// /admin/origins and /admin/producers beyond figures and shares: counties, townships, new villages and producers,
/// deactivation instead of deletion, each audited. Each test makes its own village and producer, so deactivating them
/// leaves the demo catalogue alone.
/// </summary>
public abstract class AidStructureTests<TShop>(TShop shop) : IClassFixture<TShop> where TShop : ShopFactory
{
    private async Task<bool> AuditedAsync(string action, string entityId)
    {
        await using var scope = shop.Scope(out var db);
        return await db.AuditEntries.AnyAsync(a => a.Action == action && a.EntityId == entityId);
    }

    private async Task<(int Id, string Code)> NewVillageAsync(Shopper admin)
    {
        var code = $"v-{Guid.NewGuid():N}"[..20];
        var response = await admin.SubmitAsync("/admin/origins", "form.add-village-form", new()
        {
            ["code"] = code, ["nameZh"] = "新村", ["nameEn"] = "New village", ["households"] = "12", ["people"] = "40", ["designated"] = "true",
        });
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        await using var scope = shop.Scope(out var db);
        return (await db.Villages.Where(v => v.Code == code).Select(v => v.Id).SingleAsync(), code);
    }

    /// <summary>A producer in a new village, added through the page, with one listed product (in stock) added directly.</summary>
    private async Task<(int Id, int VillageId, string Slug)> NewProducerWithProductAsync(Shopper admin)
    {
        var (village, _) = await NewVillageAsync(admin);
        var code = $"p-{Guid.NewGuid():N}"[..20];
        var response = await admin.SubmitAsync("/admin/producers/new", "form.new-producer-form", new()
        {
            ["Code"] = code, ["NameZh"] = "新合作社", ["NameEn"] = "New cooperative", ["Kind"] = "Cooperative",
            ["Village"] = village.ToString(), ["SupportedPoorHouseholds"] = "9",
        });
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        await using var scope = shop.Scope(out var db);
        var producer = await db.Producers.SingleAsync(p => p.Code == code);
        Assert.Equal([new SourcingShare(village, Producer.WholeInBasisPoints)], producer.SourcingShares);
        var slug = $"{code}-eggs";
        db.Products.Add(new Product(producer, slug, new("土鸡蛋", "Eggs"), new("新鲜", "Fresh"), ProductCategory.Eggs, new("盒", "box"),
            new Money(2_500), 50, "/img/eggs.svg", DateTime.UtcNow));
        await db.SaveChangesAsync();
        return (producer.Id, village, slug);
    }

    private async Task<Guid> BuyAsync(string slug)
    {
        var buyer = await Shopper.Anonymous(shop).SignUpAndSignInAsync();
        Assert.Equal(HttpStatusCode.OK, (await buyer.Client.GetAsync($"/products/{slug}")).StatusCode);
        await buyer.AddToCartAsync(slug);
        var orderId = await buyer.CheckoutAsync();
        Assert.Equal(HttpStatusCode.Redirect, (await buyer.SubmitAsync($"/payments/sandbox/{orderId}", "form[action*=handler\\=Pay]", [])).StatusCode);
        return orderId;
    }

    [Fact]
    public async Task An_administrator_revises_a_county_and_renames_a_township_and_empty_text_is_refused()
    {
        var admin = await AdminShop.AdminAsync(shop);
        int county, township;
        await using (var scope = shop.Scope(out var db))
        {
            var first = await db.Townships.OrderBy(t => t.Id).FirstAsync();
            (county, township) = (first.CountyId, first.Id);
        }
        var countyForm = $"form.county-form:has(input[name=county][value='{county}'])";
        var townshipForm = $"form.township-form:has(input[name=township][value='{township}'])";

        var refused = await admin.SubmitAsync("/admin/origins", countyForm, new() { ["programme"] = "PairedSupport", ["headlineZh"] = "  " });
        Assert.Contains("概况", (await refused.ReadPageAsync()).QuerySelector("[role=alert]")!.TextContent);
        refused = await admin.SubmitAsync("/admin/origins", townshipForm, new() { ["nameZh"] = new string('镇', 65) });
        Assert.Contains("名称必填", (await refused.ReadPageAsync()).QuerySelector("[role=alert]")!.TextContent);
        Assert.False(await AuditedAsync("county.updated", county.ToString()));

        Assert.Equal(HttpStatusCode.Redirect, (await admin.SubmitAsync("/admin/origins", countyForm,
            new() { ["programme"] = "PairedSupport", ["headlineZh"] = "2019 年脱贫摘帽，<b>带动</b> 3,200 户", ["headlineEn"] = "Out of poverty in 2019" })).StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, (await admin.SubmitAsync("/admin/origins", townshipForm, new() { ["nameZh"] = "草海镇", ["nameEn"] = "Caohai" })).StatusCode);

        await using (var scope = shop.Scope(out var db))
        {
            var c = await db.Counties.SingleAsync(x => x.Id == county);
            Assert.Equal((AidProgramme.PairedSupport, "2019 年脱贫摘帽，<b>带动</b> 3,200 户"), (c.Programme, c.Headline.Zh));
            Assert.Equal("草海镇", (await db.Townships.SingleAsync(t => t.Id == township)).Name.Zh);
        }
        Assert.True(await AuditedAsync("county.updated", county.ToString()));
        Assert.True(await AuditedAsync("township.updated", township.ToString()));
        Assert.DoesNotContain("<b>带动", await admin.Client.GetStringAsync("/admin/origins"));
    }

    [Theory]
    [InlineData("Bad Code", "12", "40")]
    [InlineData("DUPLICATE", "12", "40")]
    [InlineData("ok", "50", "40")]
    [InlineData("ok", "-1", "40")]
    public async Task A_new_village_that_does_not_add_up_is_refused_and_nothing_is_written(string code, string households, string people)
    {
        var admin = await AdminShop.AdminAsync(shop);
        if (code == "DUPLICATE") code = (await NewVillageAsync(admin)).Code;
        if (code == "ok") code = $"ok-{Guid.NewGuid():N}"[..20];
        int before;
        await using (var scope = shop.Scope(out var db)) before = await db.Villages.CountAsync();

        var response = await admin.SubmitAsync("/admin/origins", "form.add-village-form",
            new() { ["code"] = code, ["nameZh"] = "错村", ["households"] = households, ["people"] = people });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.NotNull((await response.ReadPageAsync()).QuerySelector("[role=alert]"));
        await using (var scope = shop.Scope(out var db)) Assert.Equal(before, await db.Villages.CountAsync());
    }

    [Fact]
    public async Task Deleting_a_village_or_producer_that_sales_point_to_is_refused_and_unused_ones_are_deleted()
    {
        var admin = await AdminShop.AdminAsync(shop);
        var (producer, village, slug) = await NewProducerWithProductAsync(admin);
        await BuyAsync(slug);
        var (unused, _) = await NewVillageAsync(admin);

        var refused = await admin.SubmitAsync("/admin/origins", $"form.village-delete-form:has(input[value='{village}'])", []);
        Assert.Contains("请改为停用", (await refused.ReadPageAsync()).QuerySelector("[role=alert]")!.TextContent);
        refused = await admin.SubmitAsync($"/admin/producers/{producer}", "form.producer-delete-form", []);
        Assert.Contains("请改为停用", (await refused.ReadPageAsync()).QuerySelector("[role=alert]")!.TextContent);
        var deleted = await admin.SubmitAsync("/admin/origins", $"form.village-delete-form:has(input[value='{unused}'])", []);
        Assert.Equal(HttpStatusCode.Redirect, deleted.StatusCode);

        await using (var scope = shop.Scope(out var db))
        {
            Assert.True(await db.Villages.AnyAsync(v => v.Id == village));
            Assert.True(await db.Producers.AnyAsync(p => p.Id == producer));
            Assert.False(await db.Villages.AnyAsync(v => v.Id == unused));
        }
        Assert.False(await AuditedAsync("village.deleted", village.ToString()));
        Assert.True(await AuditedAsync("village.deleted", unused.ToString()));
    }

    [Fact]
    public async Task A_deactivated_producer_leaves_the_storefront_cannot_relist_and_its_past_sales_keep_their_snapshots()
    {
        var admin = await AdminShop.AdminAsync(shop);
        var (producer, village, slug) = await NewProducerWithProductAsync(admin);
        var orderId = await BuyAsync(slug);
        List<(long, int, long)> snapshot;
        await using (var scope = shop.Scope(out var db))
            snapshot = (await db.AttributionEntries.Where(a => a.OrderId == orderId).OrderBy(a => a.Id).ToListAsync())
                .Select(a => (a.OrderLineId, a.VillageId, a.AmountFen)).ToList();

        Assert.Equal(HttpStatusCode.Redirect, (await admin.SubmitAsync($"/admin/producers/{producer}", "form.producer-active-form", [])).StatusCode);

        var shopper = Shopper.Anonymous(shop);
        Assert.Equal(HttpStatusCode.NotFound, (await shopper.Client.GetAsync($"/products/{slug}")).StatusCode);
        var member = await CoopShop.MemberAsync(shop, producer);
        int product;
        await using (var scope = shop.Scope(out var db)) product = await db.Products.Where(p => p.Slug == slug).Select(p => p.Id).SingleAsync();
        var relist = await member.SubmitAsync("/coop/products", $"form[action*='handler=Relist'][action*='/{product}'], form[action*='handler=Relist'][action*='id={product}']", []);
        Assert.Contains("停用", (await relist.ReadPageAsync()).QuerySelector("[role=alert]")!.TextContent);
        await using (var scope = shop.Scope(out var db))
        {
            Assert.False(await db.Products.Where(p => p.Slug == slug).Select(p => p.IsListed).SingleAsync());
            Assert.False(await db.Producers.Where(p => p.Id == producer).Select(p => p.IsActive).SingleAsync());
            var line = await db.OrderLines.SingleAsync(l => l.OrderId == orderId);
            Assert.Equal(("新合作社", new Money(2_500), village), (line.ProducerName.Zh, line.UnitPrice, line.Shares.Single().VillageId));
            Assert.Equal(snapshot, (await db.AttributionEntries.Where(a => a.OrderId == orderId).OrderBy(a => a.Id).ToListAsync())
                .Select(a => (a.OrderLineId, a.VillageId, a.AmountFen)).ToList());
        }
        Assert.True(await AuditedAsync("producer.deactivated", producer.ToString()));
        Assert.Contains("已停用", (await admin.PageAsync("/admin/producers")).DocumentElement.TextContent);

        Assert.Equal(HttpStatusCode.Redirect, (await admin.SubmitAsync($"/admin/producers/{producer}", "form.producer-active-form", [])).StatusCode);
        Assert.True(await AuditedAsync("producer.activated", producer.ToString()));
    }

    [Fact]
    public async Task A_deactivated_village_leaves_its_county_page_and_takes_its_producers_listings_with_it()
    {
        var admin = await AdminShop.AdminAsync(shop);
        var (_, village, slug) = await NewProducerWithProductAsync(admin);
        string county, code;
        await using (var scope = shop.Scope(out var db))
        {
            var row = await db.Villages.Include(v => v.County).SingleAsync(v => v.Id == village);
            (county, code) = (row.County.Code, row.Code);
        }
        var shopper = Shopper.Anonymous(shop);
        Assert.Equal(HttpStatusCode.OK, (await shopper.Client.GetAsync($"/origins/{county}/{code}")).StatusCode);

        Assert.Equal(HttpStatusCode.Redirect, (await admin.SubmitAsync("/admin/origins", $"form.village-active-form:has(input[value='{village}'])", [])).StatusCode);

        Assert.Equal(HttpStatusCode.NotFound, (await shopper.Client.GetAsync($"/origins/{county}/{code}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await shopper.Client.GetAsync($"/products/{slug}")).StatusCode);
        Assert.DoesNotContain($"/{code}\"", await shopper.Client.GetStringAsync($"/origins/{county}"));
        Assert.True(await AuditedAsync("village.deactivated", village.ToString()));
        // A producer cannot be added in it, nor can it take new sourcing shares.
        var response = await admin.SubmitAsync("/admin/producers/new", "form.new-producer-form", new()
        {
            ["Code"] = $"p-{Guid.NewGuid():N}"[..20], ["NameZh"] = "晚到的合作社", ["Kind"] = "Cooperative", ["Village"] = village.ToString(),
        });
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("启用中的村", (await response.ReadPageAsync()).QuerySelector("[role=alert]")!.TextContent);
    }

    [Fact]
    public async Task Auditors_see_the_structure_without_any_form_and_their_posts_change_nothing()
    {
        var admin = await AdminShop.AdminAsync(shop);
        var (producer, village, _) = await NewProducerWithProductAsync(admin);
        var auditor = await AdminShop.AuditorAsync(shop);

        foreach (var url in new[] { "/admin/origins", $"/admin/producers/{producer}", "/admin/producers/new", "/admin/producers" })
            Assert.Empty((await auditor.PageAsync(url)).QuerySelectorAll("form[method=post]:not(.lang-switch-form):not([action='/account/logout'])"));
        var token = await auditor.AntiforgeryTokenAsync();
        foreach (var url in new[] { "/admin/origins?handler=Active", "/admin/origins?handler=Delete", $"/admin/producers/{producer}?handler=Active" })
        {
            var response = await auditor.Client.PostAsync(url, new FormUrlEncodedContent(new Dictionary<string, string>
                { ["village"] = village.ToString(), ["active"] = "false", ["__RequestVerificationToken"] = token }));
            Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
            Assert.StartsWith("/account/access-denied", response.Headers.Location!.AbsolutePath);
        }
        await using var scope = shop.Scope(out var db);
        Assert.True(await db.Villages.Where(v => v.Id == village).Select(v => v.IsActive).SingleAsync());
        Assert.True(await db.Producers.Where(p => p.Id == producer).Select(p => p.IsActive).SingleAsync());
    }
}

public sealed class AidStructureOnSqlite(SqliteShop shop) : AidStructureTests<SqliteShop>(shop);
public sealed class AidStructureOnPostgres(PostgresShop shop) : AidStructureTests<PostgresShop>(shop);
