using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace ReliefMarket.Web.Tests.Areas.Cooperative;

/// <summary>
/// The Shipments migration backfills orders paid before shipments existed. The shop is migrated down past it, an
/// order is given the old order-level carrier and tracking number, and migrated up again. Its own database.
/// </summary>
public abstract class ShipmentBackfillTests<TShop>(TShop shop) : IClassFixture<TShop> where TShop : ShopFactory
{
    [Fact]
    public async Task Orders_paid_before_shipments_existed_get_one_per_producer_with_their_old_tracking_number()
    {
        var waiting = await CoopShop.PaidOrderAsync(shop);
        var sent = await CoopShop.PaidOrderAsync(shop);
        await using (var scope = shop.Scope(out var db))
        {
            var migrations = db.Database.GetMigrations().ToList();
            var before = migrations[migrations.FindIndex(m => m.EndsWith("_Shipments", StringComparison.Ordinal)) - 1];
            var migrator = db.GetInfrastructure().GetRequiredService<IMigrator>();
            await migrator.MigrateAsync(before);
            await db.Database.ExecuteSqlInterpolatedAsync(
                $"UPDATE orders SET carrier = {"顺丰"}, tracking_number = {"SF777"}, shipped_at_utc = paid_at_utc, status = {"Shipped"} WHERE id = {sent.OrderId}");
            await migrator.MigrateAsync();
        }
        await using (var scope = shop.Scope(out var db))
        {
            var shipments = await db.Shipments.AsNoTracking().Where(s => s.OrderId == waiting.OrderId || s.OrderId == sent.OrderId).ToListAsync();
            Assert.Equal(waiting.Producers.Order(), shipments.Where(s => s.OrderId == waiting.OrderId).Select(s => s.ProducerId).Order());
            Assert.All(shipments.Where(s => s.OrderId == waiting.OrderId), s => Assert.Equal((ShipmentStatus.ToPack, (string?)null), (s.Status, s.TrackingNumber)));
            var moved = shipments.Where(s => s.OrderId == sent.OrderId).ToList();
            Assert.Equal(2, moved.Count);
            Assert.All(moved, s => Assert.Equal((ShipmentStatus.Shipped, "顺丰", "SF777"), (s.Status, s.Carrier, s.TrackingNumber)));
            var paidAt = await db.Orders.Where(o => o.Id == waiting.OrderId).Select(o => o.PaidAtUtc).SingleAsync();
            Assert.All(shipments.Where(s => s.OrderId == waiting.OrderId), s => Assert.Equal(paidAt, s.CreatedAtUtc));
        }
        // The member can still work with a backfilled parcel.
        var member = await CoopShop.MemberAsync(shop, waiting.Producers[0]);
        var shipment = await CoopShop.ShipmentAsync(shop, waiting.OrderId, waiting.Producers[0]);
        Assert.Equal(System.Net.HttpStatusCode.Redirect, (await member.SubmitAsync($"/coop/orders/{shipment.Id}", "form.ship-form",
            new() { ["Carrier"] = "EMS", ["TrackingNumber"] = "E123" })).StatusCode);
    }
}

public sealed class ShipmentBackfillOnSqlite(SqliteShop shop) : ShipmentBackfillTests<SqliteShop>(shop);
public sealed class ShipmentBackfillOnPostgres(PostgresShop shop) : ShipmentBackfillTests<PostgresShop>(shop);
