using Microsoft.EntityFrameworkCore.Metadata;

namespace ReliefMarket.Web.Tests.Data;

public abstract class PersistenceTests<TShop>(TShop shop) : IClassFixture<TShop> where TShop : ShopFactory
{
    [Fact]
    public async Task The_migrations_match_the_model()
    {
        await using var scope = shop.Scope(out var db);
        Assert.False(db.Database.HasPendingModelChanges(), "The model changed without a migration for " + shop.DatabaseProvider);
        Assert.Empty(await db.Database.GetPendingMigrationsAsync());
    }

    [Fact]
    public async Task Money_is_stored_as_whole_fen_in_bigint_columns_named_fen()
    {
        await using var scope = shop.Scope(out var db);
        var moneyProperties = db.Model.GetEntityTypes()
            .SelectMany(e => e.GetProperties().Concat(e.GetComplexProperties().SelectMany(c => c.ComplexType.GetProperties())))
            .Where(p => p.ClrType == typeof(Money)).ToList();
        Assert.NotEmpty(moneyProperties);
        Assert.All(moneyProperties, p =>
        {
            Assert.EndsWith("_fen", p.GetColumnName());
            Assert.Equal(typeof(long), p.GetTypeMapping().Converter!.ProviderClrType);
        });
        Assert.DoesNotContain(db.Model.GetEntityTypes().SelectMany(e => e.GetProperties()),
            p => p.ClrType == typeof(decimal) || (p.ClrType == typeof(double) || p.ClrType == typeof(float)) && p.Name is not ("Latitude" or "Longitude"));
    }

    [Fact]
    public async Task A_paid_order_its_snapshots_and_attribution_round_trip_to_the_fen()
    {
        Guid orderId;
        await using (var scope = shop.Scope(out var db))
        {
            var product = await db.Products.Include(p => p.Producer).SingleAsync(p => p.Slug == "hezhang-jujube-walnuts");
            var villages = await db.Villages.ToDictionaryAsync(v => v.Id, v => v.CountyId);
            var line = OrderLine.Snapshot(product, product.Producer, villages, 3, new DateOnly(2026, 11, 29));
            var order = new Order(Guid.NewGuid(), null, Channel.Livestream, [line], new Money(1000), DateTime.UtcNow);
            db.Orders.Add(order);
            await db.SaveChangesAsync();
            order.MarkPaid($"pi_{order.Id:N}", DateTime.UtcNow);
            db.AttributionEntries.AddRange(AttributionRule.ForPaidOrder(order));
            await db.SaveChangesAsync();
            orderId = order.Id;
        }

        await using (var scope = shop.Scope(out var db))
        {
            var order = await db.Orders.Include(o => o.Lines).SingleAsync(o => o.Id == orderId);
            Assert.Equal(OrderStatus.Paid, order.Status);
            Assert.Equal(DateTimeKind.Utc, order.PaidAtUtc!.Value.Kind);
            Assert.Equal(new Money(13500), order.Subtotal);
            Assert.Equal(new Money(14500), order.Total);
            var line = Assert.Single(order.Lines);
            Assert.Equal(("赫章枣夹核桃", "500克/袋"), (line.ProductName.Zh, line.Unit.Zh));
            Assert.True(line.CertifiedAtSale);
            Assert.Equal([5000, 5000], line.Shares.Select(s => s.BasisPoints));

            var entries = await db.AttributionEntries.Where(e => e.OrderId == orderId).ToListAsync();
            Assert.Equal(2, entries.Count);
            Assert.Equal(line.Amount.Fen, entries.Sum(e => e.Amount.Fen));
            Assert.All(entries, e => Assert.Equal(Channel.Livestream, e.Channel));

            // Reports sum in the database, by county, as long integers.
            var hezhang = await db.Counties.SingleAsync(c => c.Code == "hezhang");
            var byCounty = await db.AttributionEntries.Where(e => e.OrderId == orderId && e.CountyId == hezhang.Id)
                .SumAsync(e => e.AmountFen);
            Assert.Equal(13500, byCounty);
        }
    }

    [Fact]
    public async Task Stock_has_a_concurrency_guard_two_writers_cannot_both_take_the_last_unit()
    {
        int id;
        await using (var scope = shop.Scope(out var db))
        {
            var fresh = await db.Products.Include(p => p.Producer).FirstAsync();
            var product = new Product(fresh.Producer, $"last-unit-{Guid.NewGuid():N}"[..30], new("最后一件", "Last one"), new("", ""),
                ProductCategory.Eggs, new("盒", "box"), new Money(100), 1, "/images/products/hezhang-eggs.svg", DateTime.UtcNow);
            db.Products.Add(product);
            await db.SaveChangesAsync();
            id = product.Id;
        }

        await using var first = shop.Scope(out var db1);
        await using var second = shop.Scope(out var db2);
        var a = await db1.Products.SingleAsync(p => p.Id == id);
        var b = await db2.Products.SingleAsync(p => p.Id == id);
        a.TakeStock(1);
        b.TakeStock(1);
        await db1.SaveChangesAsync();
        await Assert.ThrowsAsync<DbUpdateConcurrencyException>(() => db2.SaveChangesAsync());

        await using var check = shop.Scope(out var db3);
        Assert.Equal(0, (await db3.Products.SingleAsync(p => p.Id == id)).Stock);
    }

    [Fact]
    public async Task The_database_itself_refuses_negative_stock()
    {
        await using var scope = shop.Scope(out var db);
        await Assert.ThrowsAnyAsync<Exception>(() =>
            db.Database.ExecuteSqlRawAsync("UPDATE products SET stock = -1 WHERE slug = 'weining-potatoes'"));
    }
}

public sealed class PersistenceOnSqlite(SqliteShop shop) : PersistenceTests<SqliteShop>(shop);
public sealed class PersistenceOnPostgres(PostgresShop shop) : PersistenceTests<PostgresShop>(shop);
