using Microsoft.AspNetCore.Identity;
using static ReliefMarket.Web.Data.Seed.DemoCatalog;

namespace ReliefMarket.Web.Data.Seed;

/// <summary>
/// Inserts the demo catalog and the roles where they are missing, matched by their stable codes, so
/// seeding twice changes nothing and never overwrites what people have edited since.
/// Demo accounts, and two weeks of demo sales by the demo consumer, are created only when asked (DemoAccounts:Password
/// set, as in Development).
/// </summary>
public sealed class DemoSeeder(AppDbContext db, UserManager<AppUser> users, RoleManager<IdentityRole> roles,
    IConfiguration configuration, TimeProvider clock, DemoSales sales)
{
    public static readonly (string Email, string Role, string? Producer)[] DemoAccounts =
    [
        ("consumer@reliefmarket.test", Roles.Consumer, null),
        ("coop@reliefmarket.test", Roles.CooperativeMember, "weining-potato-coop"),
        ("admin@reliefmarket.test", Roles.Admin, null),
        ("auditor@reliefmarket.test", Roles.Auditor, null),
        // Buys for the demo canteen (DemoWorkUnitName).
        ("unit@reliefmarket.test", Roles.WorkUnitBuyer, null),
    ];

    /// <summary>The demo work unit: a canteen that buys in bulk, with 10% of its produce budget meant for relief produce.</summary>
    public const string DemoWorkUnitName = "番禺区机关饭堂（示例）";

    /// <summary>The roles every shop needs, demo data or not.</summary>
    public async Task EnsureRolesAsync()
    {
        // One query on every start but the first; the role manager is only woken for a role that is missing.
        var existing = await db.Roles.Select(r => r.Name!).ToListAsync();
        foreach (var role in Roles.All.Except(existing)) await roles.CreateAsync(new IdentityRole(role));
    }

    public async Task SeedAsync(bool includeDemoAccounts, CancellationToken ct = default)
    {
        await EnsureRolesAsync();
        if (!await CatalogIsCompleteAsync(ct)) await SeedCatalogAsync(ct);
        await SeedWorkUnitAsync(ct);
        if (!includeDemoAccounts) return;
        await SeedAccountsAsync();
        // Two weeks of sales for the settlement, report and impact pages to show (only with demo accounts: they buy them).
        var consumer = await users.FindByEmailAsync(DemoAccounts[0].Email);
        await sales.SeedAsync(consumer!.Id, ct);
    }

    /// <summary>
    /// Every start after the first finds the whole demo catalog in place: five counts by code answer that, instead of
    /// loading and tracking the catalog and saving five times for nothing (most of a second at start-up, docs/decisions/0025).
    /// </summary>
    private async Task<bool> CatalogIsCompleteAsync(CancellationToken ct)
    {
        string[] counties = [.. Counties.Select(c => c.Code)], townships = [.. Townships.Select(t => t.County + "/" + t.Code)],
            villages = [.. Villages.Select(v => v.Code)], producers = [.. Producers.Select(p => p.Code)], products = [.. Products.Select(p => p.Slug)];
        return await db.Products.CountAsync(p => products.Contains(p.Slug), ct) == products.Length
            && await db.Producers.CountAsync(p => producers.Contains(p.Code), ct) == producers.Length
            && await db.Villages.CountAsync(v => villages.Contains(v.Code), ct) == villages.Length
            && await db.Townships.CountAsync(t => townships.Contains(t.County.Code + "/" + t.Code), ct) == townships.Length
            && await db.Counties.CountAsync(c => counties.Contains(c.Code), ct) == counties.Length;
    }

    private async Task SeedCatalogAsync(CancellationToken ct)
    {
        var counties = await db.Counties.ToDictionaryAsync(c => c.Code, ct);
        foreach (var c in Counties.Where(c => !counties.ContainsKey(c.Code)))
            counties[c.Code] = db.Counties.Add(new County(c.Code, new(c.NameZh, c.NameEn), new(c.ProvinceZh, c.ProvinceEn),
                new(c.PrefectureZh, c.PrefectureEn), c.Programme, new(c.HeadlineZh, c.HeadlineEn), new(c.StoryZh, c.StoryEn), c.Latitude, c.Longitude)).Entity;
        await db.SaveChangesAsync(ct);

        var townships = await db.Townships.Include(t => t.County).ToDictionaryAsync(t => (t.County.Code, t.Code), ct);
        foreach (var t in Townships.Where(t => !townships.ContainsKey((t.County, t.Code))))
            townships[(t.County, t.Code)] = db.Townships.Add(new Township(counties[t.County], t.Code, new(t.NameZh, t.NameEn))).Entity;
        await db.SaveChangesAsync(ct);

        var villages = await db.Villages.ToDictionaryAsync(v => v.Code, ct);
        foreach (var v in Villages.Where(v => !villages.ContainsKey(v.Code)))
            villages[v.Code] = db.Villages.Add(new Village(counties[v.County], v.Township is null ? null : townships[(v.County, v.Township)],
                v.Code, new(v.NameZh, v.NameEn), v.Households, v.People, v.Designated, v.Exited, new(v.StoryZh, v.StoryEn),
                isDemoData: true)).Entity;
        await db.SaveChangesAsync(ct);

        var producers = await db.Producers.ToDictionaryAsync(p => p.Code, ct);
        foreach (var p in Producers.Where(p => !producers.ContainsKey(p.Code)))
        {
            var producer = new Producer(p.Code, new(p.NameZh, p.NameEn), p.Kind, villages[p.Village], p.SupportedHouseholds,
                new(p.StoryZh, p.StoryEn), p.IsDemoData);
            producer.SetSourcingShares(p.Shares.Select(s => new SourcingShare(villages[s.Village].Id, s.BasisPoints)));
            producers[p.Code] = db.Producers.Add(producer).Entity;
        }
        await db.SaveChangesAsync(ct);

        var existing = (await db.Products.Select(p => p.Slug).ToListAsync(ct)).ToHashSet();
        var now = clock.GetUtcNow().UtcDateTime;
        var today = ChinaTime.Today(clock);
        for (var i = 0; i < Products.Length; i++)
        {
            var s = Products[i];
            if (existing.Contains(s.Slug)) continue;
            var producer = producers[s.Producer];
            // Later entries in the list count as newer, so "newest first" has a stable demo order.
            var product = new Product(producer, s.Slug, new(s.NameZh, s.NameEn), new(s.DescriptionZh, s.DescriptionEn), s.Category,
                new(s.UnitZh, s.UnitEn), new Money(s.PriceFen), s.Stock, $"/images/products/{s.Slug}.svg", now.AddMinutes(i - Products.Length));
            if (s.Certificate is not null) product.SubmitForCertification();
            if (s.Certificate is not (null or "pending"))
                product.Certify(s.Certificate, villages.Values.First(v => v.Id == producer.VillageId).CountyId, today.AddYears(2), today);
            db.Products.Add(product);
        }
        await db.SaveChangesAsync(ct);
    }

    private async Task SeedWorkUnitAsync(CancellationToken ct)
    {
        if (await db.WorkUnits.AnyAsync(u => u.Name == DemoWorkUnitName, ct)) return;
        db.WorkUnits.Add(new Domain.Procurement.WorkUnit(DemoWorkUnitName, Domain.Procurement.WorkUnitKind.CompanyCanteen,
            ShippingAddress.Create("饭堂管理员", "13800138000", "广东省", "广州市", "番禺区", "市桥街道清河东路 319 号"),
            Domain.Procurement.InvoiceDetails.Create("广州市番禺区机关饭堂（示例）", "11440113MB2C00000X"),
            Money.FromYuan(1_200_000), targetBasisPoints: 1_000, clock.GetUtcNow().UtcDateTime));
        await db.SaveChangesAsync(ct);
    }

    private async Task SeedAccountsAsync()
    {
        var password = configuration["DemoAccounts:Password"]!;
        foreach (var (email, role, producerCode) in DemoAccounts)
        {
            if (await users.FindByEmailAsync(email) is not null) continue;
            var user = new AppUser
            {
                UserName = email, Email = email, EmailConfirmed = true, DisplayName = role,
                ProducerId = producerCode is null ? null : (await db.Producers.SingleAsync(p => p.Code == producerCode)).Id,
                WorkUnitId = role == Roles.WorkUnitBuyer ? (await db.WorkUnits.SingleAsync(u => u.Name == DemoWorkUnitName)).Id : null,
            };
            var created = await users.CreateAsync(user, password);
            if (!created.Succeeded)
                throw new InvalidOperationException($"Demo account {email}: {string.Join("; ", created.Errors.Select(e => e.Description))}");
            await users.AddToRoleAsync(user, role);
        }
    }
}
