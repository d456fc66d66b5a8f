using Microsoft.AspNetCore.Identity;
using ReliefMarket.Web.Data.Seed;

namespace ReliefMarket.Web.Tests.Data;

public abstract class SeedTests<TShop>(TShop shop) : IClassFixture<TShop> where TShop : ShopFactory
{
    [Fact]
    public async Task Seeds_the_article_s_counties_villages_producers_and_products()
    {
        await using var scope = shop.Scope(out var db);

        var counties = await db.Counties.OrderBy(c => c.Id).ToListAsync();
        Assert.Equal(["wuhua", "weining", "hezhang", "shufu", "bomi"], counties.Select(c => c.Code));
        Assert.Equal(AidProgramme.EastWestCollaboration, counties.Single(c => c.Code == "hezhang").Programme);
        Assert.Equal(AidProgramme.InProvinceTargetedAid, counties.Single(c => c.Code == "wuhua").Programme);
        Assert.Equal(AidProgramme.PairedSupport, counties.Single(c => c.Code == "bomi").Programme);
        Assert.Equal("Bijie", counties.Single(c => c.Code == "weining").Prefecture.En);

        var pingshan = await db.Villages.Include(v => v.Township).Include(v => v.County).SingleAsync(v => v.Code == "pingshan");
        Assert.Equal(("坪山村", "小海镇", "威宁县"), (pingshan.Name.Zh, pingshan.Township!.Name.Zh, pingshan.County.Name.Zh));
        Assert.True(await db.Villages.AllAsync(v => v.RegisteredPoorPeople >= v.RegisteredPoorHouseholds));

        Assert.True(await db.Products.CountAsync() >= 12);
        Assert.True(await db.Products.AllAsync(p => p.ImagePath.StartsWith("/images/products/")));
        var potatoes = await db.Products.Include(p => p.Producer).ThenInclude(p => p.Village).SingleAsync(p => p.Slug == "weining-potatoes");
        Assert.Equal(("威宁土豆", "Weining potatoes"), (potatoes.Name.Zh, potatoes.Name.En));
        Assert.Equal(new Money(3990), potatoes.Price);
        Assert.Equal(CertificationStatus.Certified, potatoes.CertificationStatus);
        Assert.Equal(potatoes.Producer.Village.CountyId, potatoes.IssuingCountyId);
        Assert.True(potatoes.Producer.IsDemoData);
    }

    [Fact]
    public async Task Every_producer_s_sourcing_shares_sum_to_exactly_one_hundred_percent()
    {
        await using var scope = shop.Scope(out var db);
        var producers = await db.Producers.ToListAsync();
        Assert.Equal(11, producers.Count);
        Assert.All(producers, p => Assert.Equal(10_000, p.SourcingShares.Sum(s => s.BasisPoints)));
        var potatoCoop = producers.Single(p => p.Code == "weining-potato-coop");
        Assert.Equal(2, potatoCoop.SourcingShares.Count);
    }

    [Fact]
    public async Task Seeding_again_changes_nothing()
    {
        string Snapshot(AppDbContext db) => string.Join("|",
            db.Counties.Count(), db.Townships.Count(), db.Villages.Count(), db.Producers.Count(), db.Products.Count(), db.Roles.Count(),
            string.Join(",", db.Products.OrderBy(p => p.Id).Select(p => p.Slug + ":" + p.Stock + ":" + p.CertificationStatus)),
            string.Join(",", db.Producers.AsEnumerable().SelectMany(p => p.SourcingShares.Select(s => $"{p.Id}/{s.VillageId}/{s.BasisPoints}"))));

        string before;
        await using (var scope = shop.Scope(out var db)) before = Snapshot(db);
        await using (var scope = shop.Scope(out _))
        {
            var seeder = scope.ServiceProvider.GetRequiredService<DemoSeeder>();
            await seeder.SeedAsync(includeDemoAccounts: false);
            await seeder.SeedAsync(includeDemoAccounts: false);
        }
        await using (var scope = shop.Scope(out var db)) Assert.Equal(before, Snapshot(db));
    }

    [Fact]
    public async Task A_missing_demo_product_or_role_is_seeded_again_although_the_rest_is_there()
    {
        await using (var scope = shop.Scope(out var db))
        {
            await db.Products.Where(p => p.Slug == "tiejiang-moss-phlox").ExecuteDeleteAsync();
            await db.Roles.Where(r => r.Name == Roles.Auditor).ExecuteDeleteAsync();
        }
        await using (var scope = shop.Scope(out _))
            await scope.ServiceProvider.GetRequiredService<DemoSeeder>().SeedAsync(includeDemoAccounts: false);

        await using (var scope = shop.Scope(out var db))
        {
            Assert.True(await db.Products.AnyAsync(p => p.Slug == "tiejiang-moss-phlox"));
            Assert.True(await db.Roles.AnyAsync(r => r.Name == Roles.Auditor && r.NormalizedName == "AUDITOR"));
        }
    }

    [Fact]
    public async Task Roles_exist_but_demo_accounts_do_not_outside_Development()
    {
        await using var scope = shop.Scope(out var db);
        Assert.Equal(Roles.All.Order(), (await db.Roles.Select(r => r.Name!).ToListAsync()).Order());
        Assert.Empty(await db.Users.ToListAsync());
    }
}

public sealed class SeedOnSqlite(SqliteShop shop) : SeedTests<SqliteShop>(shop);
public sealed class SeedOnPostgres(PostgresShop shop) : SeedTests<PostgresShop>(shop);

public sealed class DevelopmentShop : SqliteShop
{
    protected override string EnvironmentName => "Development";
}

public class DemoAccountTests(DevelopmentShop shop) : IClassFixture<DevelopmentShop>
{
    [Fact]
    public async Task Development_has_one_demo_account_per_role_with_the_cooperative_member_linked_to_a_producer()
    {
        await using var scope = shop.Scope(out var db);
        var users = scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>();
        var password = scope.ServiceProvider.GetRequiredService<Microsoft.Extensions.Configuration.IConfiguration>()["DemoAccounts:Password"]!;
        foreach (var (email, role, producer) in DemoSeeder.DemoAccounts)
        {
            var user = await users.FindByEmailAsync(email);
            Assert.NotNull(user);
            Assert.True(await users.IsInRoleAsync(user, role));
            Assert.True(await users.CheckPasswordAsync(user, password));
            Assert.Equal(producer is null, user.ProducerId is null);
        }
        var coop = await db.Users.Include(u => u.Producer).SingleAsync(u => u.Email == "coop@reliefmarket.test");
        Assert.Equal("weining-potato-coop", coop.Producer!.Code);
        var buyer = await db.Users.SingleAsync(u => u.Email == "unit@reliefmarket.test");
        Assert.Equal(DemoSeeder.DemoWorkUnitName, await db.WorkUnits.Where(u => u.Id == buyer.WorkUnitId).Select(u => u.Name).SingleAsync());
    }

    [Fact]
    public async Task Development_has_two_weeks_of_demo_sales_that_settle_reconcile_and_explain_themselves_to_the_cooperative()
    {
        int weining;
        await using (var scope = shop.Scope(out var db))
        {
            Assert.Equal(11, await db.Orders.CountAsync(o => o.PaymentReference!.StartsWith("demo_pay_")));
            Assert.True(await db.HoldReleases.AnyAsync());
            // Seeding again adds nothing.
            var consumer = await db.Users.SingleAsync(u => u.Email == "consumer@reliefmarket.test");
            await scope.ServiceProvider.GetRequiredService<DemoSales>().SeedAsync(consumer.Id, default);
            Assert.Equal(11, await db.Orders.CountAsync(o => o.PaymentReference!.StartsWith("demo_pay_")));

            Assert.True(await scope.ServiceProvider.GetRequiredService<ReliefMarket.Web.Settlement.SettlementJob>().RunAsync(default) > 0);
            var run = await scope.ServiceProvider.GetRequiredService<ReliefMarket.Web.Ledger.ReconciliationJob>().RunAsync(default);
            Assert.True(run.Balanced, run.FindingsJson);
            weining = await db.Producers.Where(p => p.Code == "weining-potato-coop").Select(p => p.Id).SingleAsync();
            Assert.NotNull((await db.Producers.SingleAsync(p => p.Id == weining)).BankAccount);
        }
        // Last week: what the weeks before held comes free, so the potato cooperative is owed money, line by line.
        await using (var scope = shop.Scope(out var db))
        {
            var statements = await db.SettlementStatements.AsNoTracking().Where(s => s.ProducerId == weining).OrderBy(s => s.PeriodId).ToListAsync();
            Assert.Equal(2, statements.Count);
            Assert.Equal(0, statements[0].PayableFen);
            Assert.True(statements[1].PayableFen > 0);
            var lines = await scope.ServiceProvider.GetRequiredService<ReliefMarket.Web.Settlement.StatementQueries>().LinesAsync(statements[1], default);
            Assert.Equal(statements[1].PayableFen, lines.Sum(l => l.AmountFen));
            Assert.Contains(lines, l => l.Kind == Domain.Settlement.StatementLineKind.Release);
            Assert.Contains(lines, l => l.Kind == Domain.Settlement.StatementLineKind.Hold);

            // As the README walks through it: approved, it goes into a bank-transfer batch (the demo bank account).
            var owed = await db.SettlementStatements.SingleAsync(s => s.Id == statements[1].Id);
            owed.Approve("admin@reliefmarket.test", shop.Clock.GetUtcNow().UtcDateTime);
            await db.SaveChangesAsync();
            var (outcome, _) = await scope.ServiceProvider.GetRequiredService<ReliefMarket.Web.Payouts.PayoutBatches>()
                .CreateAsync(Domain.Settlement.PayoutMethod.BankTransfer, "admin@reliefmarket.test", default);
            Assert.Equal(ReliefMarket.Web.Payouts.BatchOutcome.Done, outcome);
        }
    }
}
