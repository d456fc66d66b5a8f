using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace ReliefMarket.Web.Tests.Areas.Admin;

/// <summary>
/// The Reports2EntryUnitsChinaDate migration backfills the units and China-time date of entries written before the
/// columns existed. The shop is migrated down past it and up again; every entry gets back what the code wrote. Its own database.
/// </summary>
public abstract class ReportBackfillTests<TShop>(TShop shop) : IClassFixture<TShop> where TShop : ShopFactory
{
    [Fact]
    public async Task Entries_written_before_the_columns_existed_get_the_units_and_date_the_code_gives_new_ones()
    {
        var buyer = await Shopper.Anonymous(shop).SignUpAndSignInAsync();
        await buyer.AddToCartAsync("weining-potatoes", 3); // two villages: 2 units and 1
        await buyer.AddToCartAsync("hezhang-eggs", 2);
        var orderId = await buyer.CheckoutAsync();
        Assert.Equal(System.Net.HttpStatusCode.Redirect, (await buyer.SubmitAsync($"/payments/sandbox/{orderId}", "form[action*=handler\\=Pay]", [])).StatusCode);
        await using (var scope = shop.Scope(out var db))
        {
            var order = await db.Orders.SingleAsync(o => o.Id == orderId);
            var events = scope.ServiceProvider.GetRequiredService<ReliefMarket.Web.Payments.PaymentEvents>();
            await events.ApplyOnceAsync($"backfill-refund-{orderId:N}", "test.refund", t => events.RefundedAsync(order.PaymentReference!, new Money(500), t), default);
        }
        List<(long Id, int Units, int ChinaDate)> written;
        await using (var scope = shop.Scope(out var db))
            written = (await db.AttributionEntries.AsNoTracking().OrderBy(e => e.Id).Select(e => new { e.Id, e.Units, e.ChinaDate }).ToListAsync())
                .Select(e => (e.Id, e.Units, e.ChinaDate)).ToList();
        Assert.Contains(written, e => e.Units == 2);
        Assert.Contains(written, e => e.Units == 0); // the refund's entries

        await using (var scope = shop.Scope(out var db))
        {
            var migrations = db.Database.GetMigrations().ToList();
            var before = migrations[migrations.FindIndex(m => m.EndsWith("_Reports2EntryUnitsChinaDate", StringComparison.Ordinal)) - 1];
            var migrator = db.GetInfrastructure().GetRequiredService<IMigrator>();
            await migrator.MigrateAsync(before);
            await migrator.MigrateAsync();
        }
        await using (var scope = shop.Scope(out var db))
        {
            var backfilled = (await db.AttributionEntries.AsNoTracking().OrderBy(e => e.Id).Select(e => new { e.Id, e.Units, e.ChinaDate }).ToListAsync())
                .Select(e => (e.Id, e.Units, e.ChinaDate)).ToList();
            Assert.Equal(written, backfilled);
        }
    }
}

public sealed class ReportBackfillOnSqlite(SqliteShop shop) : ReportBackfillTests<SqliteShop>(shop);
public sealed class ReportBackfillOnPostgres(PostgresShop shop) : ReportBackfillTests<PostgresShop>(shop);
