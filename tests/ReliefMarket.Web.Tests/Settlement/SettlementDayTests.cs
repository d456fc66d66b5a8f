using ReliefMarket.Domain.Settlement;
using ReliefMarket.Web.Channels;
using ReliefMarket.Web.Ledger;
using static ReliefMarket.Web.Tests.Settlement.SettlementShop;

namespace ReliefMarket.Web.Tests.Settlement;

/// <summary>
/// The settlement job sums each China day once it has ended (decision 0032), and closes periods from those sums. A
/// shop of its own: the last test leaves a reconciliation finding on purpose.
/// </summary>
public abstract class SettlementDayTests<TShop>(TShop shop) : IClassFixture<TShop> where TShop : ShopFactory
{
    [Fact]
    public async Task A_day_is_summed_once_after_it_ends_and_a_booking_made_into_it_later_is_a_reconciliation_finding()
    {
        var (producer, slug) = (await ProducersAsync(shop))[0];
        var orderId = await BuyAsync(shop, slug);
        var sold = await SoldAsync(shop, orderId, producer);
        var day = SettlementDay.StartOf(shop.Clock.GetUtcNow().UtcDateTime);

        // The day has not ended: nothing is summed yet.
        await SettleAsync(shop);
        await using (var scope = shop.Scope(out var db))
            Assert.False(await db.SettlementDays.AnyAsync(d => d.StartsAtUtc == day));

        shop.Clock.Advance(TimeSpan.FromDays(1));
        await SettleAsync(shop);
        await SettleAsync(shop);
        await using (var scope = shop.Scope(out var db))
        {
            Assert.True(await db.SettlementDays.AnyAsync(d => d.StartsAtUtc == day));
            var summed = await db.ProducerDays.AsNoTracking().SingleAsync(d => d.DayStartsAtUtc == day && d.ProducerId == producer);
            // Paid but not delivered: the sale is held in full.
            Assert.Equal((sold, 0L, -sold, 0L), (summed.SalesFen, summed.RefundsFen, summed.HeldFen, summed.ReleasedFen));

            var run = await scope.ServiceProvider.GetRequiredService<ReconciliationJob>().RunAsync(default);
            Assert.True(run.Balanced, run.FindingsJson);
        }

        // A booking committed after its day was summed (a transaction that outlived midnight by minutes) would never be
        // settled: the daily reconciliation says so.
        await using (var scope = shop.Scope(out var db))
        {
            var catalog = await OfflineSale.CatalogAsync(db, [slug], default);
            var product = catalog.BySlug[slug];
            var order = OfflineSale.PaidOrder(Channel.VendingCabinet, [(product, 1, product.Price)], catalog, day.AddHours(23), $"late-{Guid.NewGuid():N}");
            db.Orders.Add(order);
            await db.SaveChangesAsync();
            OfflineSale.Post(db, order, day.AddHours(23));
            await db.SaveChangesAsync();

            var run = await scope.ServiceProvider.GetRequiredService<ReconciliationJob>().RunAsync(default);
            Assert.False(run.Balanced);
            var finding = Assert.Single(run.Findings());
            Assert.Equal((ReconciliationCheck.SummedDay, producer, sold + product.Price.Fen, sold),
                (finding.Check, finding.ProducerId, finding.ExpectedFen, finding.ActualFen));
        }
    }
}

public sealed class SettlementDaysOnSqlite(SqliteShop shop) : SettlementDayTests<SqliteShop>(shop);
public sealed class SettlementDaysOnPostgres(PostgresShop shop) : SettlementDayTests<PostgresShop>(shop);
