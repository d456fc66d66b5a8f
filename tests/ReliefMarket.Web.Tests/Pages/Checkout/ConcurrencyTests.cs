using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;
using ReliefMarket.Web.Ordering;
using ReliefMarket.Web.Payments;

namespace ReliefMarket.Web.Tests.Pages.Checkout;

public abstract class ConcurrencyTests<TShop>(TShop shop) : IClassFixture<TShop> where TShop : ShopFactory
{
    [Fact]
    public async Task Fifty_simultaneous_checkouts_for_ten_in_stock_reserve_exactly_ten()
    {
        const int buyers = 50, inStock = 10;
        int productId;
        var userIds = new List<string>();
        await using (var scope = shop.Scope(out var db))
        {
            var producer = await db.Producers.FirstAsync();
            var product = new Product(producer, $"rush-{Guid.NewGuid():N}"[..20], new("抢购鸡蛋", "Rush eggs"), new("", ""), ProductCategory.Eggs,
                new("盒", "box"), new Money(1000), inStock, "/images/products/hezhang-eggs.svg", DateTime.UtcNow);
            db.Products.Add(product);
            await db.SaveChangesAsync();
            productId = product.Id;
            var users = scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>();
            for (var i = 0; i < buyers; i++)
            {
                var user = new AppUser { UserName = $"rush{i}-{Guid.NewGuid():N}@example.test", Email = $"rush{i}-{Guid.NewGuid():N}@example.test" };
                await users.CreateAsync(user);
                var cart = new Cart(Guid.NewGuid(), user.Id, DateTime.UtcNow);
                cart.Add(productId, 1, new Money(1000), inStock, DateTime.UtcNow);
                db.Carts.Add(cart);
                userIds.Add(user.Id);
            }
            await db.SaveChangesAsync();
        }

        var address = ShippingAddress.Create("买家", "13900000000", "广东省", "广州市", "番禺区", "沙湾古镇展销中心");
        using var start = new SemaphoreSlim(0);
        var attempts = userIds.Select(async userId =>
        {
            await using var scope = shop.Services.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
            var quote = (await CartSummary.LoadAsync(db, await db.Carts.SingleAsync(c => c.UserId == userId),
                scope.ServiceProvider.GetRequiredService<IOptions<ShippingOptions>>().Value, default)).Quote;
            db.ChangeTracker.Clear();
            await start.WaitAsync();
            return await scope.ServiceProvider.GetRequiredService<OrderPlacement>().PlaceAsync(userId, address, quote, default);
        }).ToList();
        start.Release(buyers);
        var outcomes = await Task.WhenAll(attempts);

        Assert.Equal(inStock, outcomes.Count(o => o is OrderPlacement.Placed));
        Assert.Equal(buyers - inStock, outcomes.Count(o => o is OrderPlacement.OutOfStock));
        await using (var scope = shop.Scope(out var db))
        {
            Assert.Equal(0, await db.Products.Where(p => p.Id == productId).Select(p => p.Stock).SingleAsync());
            Assert.Equal(inStock, await db.OrderLines.CountAsync(l => l.ProductId == productId));
            // Losers keep their carts; winners' carts are empty.
            Assert.Equal(buyers - inStock, await db.Carts.CountAsync(c => userIds.Contains(c.UserId!) && c.Lines.Any()));
        }
    }

    [Fact]
    public async Task Placing_an_order_takes_a_fixed_handful_of_commands()
    {
        // Round trips are what a flash sale queues on (docs/decisions/0031): a query added per line or per share shows here.
        string userId;
        await using (var scope = shop.Scope(out var db))
        {
            var users = scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>();
            var user = new AppUser { UserName = $"trips-{Guid.NewGuid():N}@example.test", Email = $"trips-{Guid.NewGuid():N}@example.test" };
            await users.CreateAsync(user);
            var cart = new Cart(Guid.NewGuid(), user.Id, DateTime.UtcNow);
            foreach (var product in await db.Products.Where(p => p.IsListed && p.Stock > 5).OrderBy(p => p.Id).Take(3).ToListAsync())
                cart.Add(product.Id, 1, product.Price, product.Stock, DateTime.UtcNow);
            db.Carts.Add(cart);
            await db.SaveChangesAsync();
            userId = user.Id;
        }
        await using (var scope = shop.Scope(out var db))
        {
            var quote = (await CartSummary.LoadAsync(db, await db.Carts.SingleAsync(c => c.UserId == userId),
                scope.ServiceProvider.GetRequiredService<IOptions<ShippingOptions>>().Value, default)).Quote;
            db.ChangeTracker.Clear();
            var address = ShippingAddress.Create("买家", "13900000000", "广东省", "广州市", "番禺区", "沙湾古镇展销中心");
            OrderPlacement.Outcome? outcome = null;
            var commands = await shop.Sql.CountDuring(async () =>
                outcome = await scope.ServiceProvider.GetRequiredService<OrderPlacement>().PlaceAsync(userId, address, quote, default));
            var placed = Assert.IsType<OrderPlacement.Placed>(outcome);
            Assert.Equal(3, placed.Order.Lines.Count);
            // On PostgreSQL: the cart, its products with their producers, the held lines, the villages, the order (two
            // batches: lines need their ids before their shares) and one stock update per product; the cart lock is not
            // counted. SQLite sends every insert as a command of its own, in process: no round trips to count there.
            if (shop.DatabaseProvider == DatabaseProvider.Postgres) Assert.InRange(commands, 1, 9);
        }
    }
}

public sealed class ConcurrencyOnSqlite(SqliteShop shop) : ConcurrencyTests<SqliteShop>(shop);
public sealed class ConcurrencyOnPostgres(PostgresShop shop) : ConcurrencyTests<PostgresShop>(shop);
