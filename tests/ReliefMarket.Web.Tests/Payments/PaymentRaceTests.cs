using System.Net;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;
using ReliefMarket.Web.Ordering;
using ReliefMarket.Web.Payments;

namespace ReliefMarket.Web.Tests.Payments;

/// <summary>
/// Races that SQLite hides (it runs one writer at a time) and PostgreSQL runs at once under read committed.
/// Each starts its contenders together behind a gate and repeats the race a few times.
/// </summary>
public class PaymentRaceTests(PostgresShop shop) : IClassFixture<PostgresShop>
{
    private static async Task<T[]> AllAtOnce<T>(int count, Func<int, Task<T>> contender)
    {
        using var gate = new SemaphoreSlim(0);
        var tasks = Enumerable.Range(0, count).Select(async i => { await gate.WaitAsync(); return await contender(i); }).ToList();
        gate.Release(count);
        return await Task.WhenAll(tasks);
    }

    /// <summary>An unpaid order of <paramref name="quantity"/> × a fresh product with 100 in stock, by a consumer with an email.</summary>
    private async Task<(Guid OrderId, int ProductId)> UnpaidOrderAsync(int quantity = 2)
    {
        var shopper = await Shopper.Anonymous(shop).SignUpAndSignInAsync();
        int productId;
        await using (var scope = shop.Scope(out var db))
        {
            var product = new Product(await db.Producers.FirstAsync(), $"race-{Guid.NewGuid():N}"[..20], new("赛跑鸡蛋", "Race eggs"), new("", ""),
                ProductCategory.Eggs, new("盒", "box"), new Money(1000), 100, "/images/products/hezhang-eggs.svg", DateTime.UtcNow);
            db.Products.Add(product);
            await db.SaveChangesAsync();
            productId = product.Id;
        }
        await using (var scope = shop.Scope(out var db))
        {
            var cart = new Cart(Guid.NewGuid(), shopper.UserId, DateTime.UtcNow);
            cart.Add(productId, quantity, new Money(1000), 100, DateTime.UtcNow);
            db.Carts.Add(cart);
            await db.SaveChangesAsync();
        }
        return (await shopper.CheckoutAsync(), productId);
    }

    private async Task<PaymentEvents.Result> ApplyAsync(string eventId, Func<PaymentEvents, CancellationToken, Task<bool>> outcome)
    {
        await using var scope = shop.Services.CreateAsyncScope();
        var events = scope.ServiceProvider.GetRequiredService<PaymentEvents>();
        return await events.ApplyOnceAsync(eventId, "race", t => outcome(events, t), default);
    }

    [Fact]
    public async Task Completed_and_async_succeeded_for_one_payment_at_once_pay_the_order_once()
    {
        for (var round = 0; round < 6; round++)
        {
            var (orderId, _) = await UnpaidOrderAsync();
            var results = await AllAtOnce(2, i => ApplyAsync($"evt_{i}_{orderId:N}", (e, t) => e.PaidAsync(orderId, $"pi_{orderId:N}", t)));

            Assert.All(results, r => Assert.Equal(PaymentEvents.Result.Applied, r));
            await using var scope = shop.Scope(out var db);
            var order = await db.Orders.SingleAsync(o => o.Id == orderId);
            Assert.Equal(OrderStatus.Paid, order.Status);
            Assert.Equal(order.Subtotal.Fen, await db.AttributionEntries.Where(a => a.OrderId == orderId).SumAsync(a => a.AmountFen));
            Assert.Equal(1, await db.OutboxMessages.CountAsync(m => m.Kind == "order-paid" && m.Subject.Contains(EmailOrderNumber(orderId))));
        }
    }

    private static string EmailOrderNumber(Guid orderId) => orderId.ToString("N")[..12].ToUpperInvariant();

    [Fact]
    public async Task Five_copies_of_one_event_at_once_all_succeed_and_apply_once()
    {
        var (orderId, _) = await UnpaidOrderAsync();
        var results = await AllAtOnce(5, _ => ApplyAsync($"evt_dup_{orderId:N}", (e, t) => e.PaidAsync(orderId, $"pi_{orderId:N}", t)));

        Assert.Equal(1, results.Count(r => r == PaymentEvents.Result.Applied));
        Assert.Equal(4, results.Count(r => r == PaymentEvents.Result.AlreadyApplied));
        await using var scope = shop.Scope(out var db);
        var order = await db.Orders.SingleAsync(o => o.Id == orderId);
        Assert.Equal(order.Subtotal.Fen, await db.AttributionEntries.Where(a => a.OrderId == orderId).SumAsync(a => a.AmountFen));
    }

    [Fact]
    public async Task Payment_expiry_cancel_and_the_expired_event_at_once_apply_exactly_one_outcome()
    {
        for (var round = 0; round < 6; round++)
        {
            var (orderId, productId) = await UnpaidOrderAsync(quantity: 3);
            var reference = $"pi_{orderId:N}";
            Func<PaymentEvents, CancellationToken, Task<bool>>[] outcomes =
            [
                (e, t) => e.PaidAsync(orderId, reference, t),
                (e, t) => e.NotPaidAsync(orderId, "expired", t),
                (e, t) => e.NotPaidAsync(orderId, "cancelled_by_customer", t),
                (e, t) => e.NotPaidAsync(orderId, "expired", t),
            ];
            await AllAtOnce(outcomes.Length, i => ApplyAsync($"evt_{i}_{orderId:N}", outcomes[i]));

            await using var scope = shop.Scope(out var db);
            var order = await db.Orders.SingleAsync(o => o.Id == orderId);
            var stock = await db.Products.Where(p => p.Id == productId).Select(p => p.Stock).SingleAsync();
            var attributed = await db.AttributionEntries.Where(a => a.OrderId == orderId).SumAsync(a => a.AmountFen);
            if (order.Status == OrderStatus.Paid)
                Assert.Equal((97, order.Subtotal.Fen, false), (stock, attributed, await db.UnappliedPayments.AnyAsync(u => u.OrderId == orderId)));
            else
            {
                // Cancelled first: the stock came back once, and the payment that lost was refunded and recorded.
                Assert.Equal(OrderStatus.Cancelled, order.Status);
                Assert.Equal((100, 0L), (stock, attributed));
                Assert.Equal(reference, (await db.UnappliedPayments.SingleAsync(u => u.OrderId == orderId)).PaymentReference);
            }
        }
    }

    [Fact]
    public async Task Thirty_two_product_checkouts_in_opposite_orders_all_place_without_a_deadlock_reaching_anyone()
    {
        const int buyers = 30;
        int first, second;
        var userIds = new List<string>();
        await using (var scope = shop.Scope(out var db))
        {
            var producer = await db.Producers.FirstAsync();
            Product Make(string name) => new(producer, $"{name}-{Guid.NewGuid():N}"[..20], new(name, name), new("", ""), ProductCategory.Eggs,
                new("盒", "box"), new Money(1000), 1000, "/images/products/hezhang-eggs.svg", DateTime.UtcNow);
            var a = Make("pair-a");
            var b = Make("pair-b");
            db.Products.AddRange(a, b);
            await db.SaveChangesAsync();
            (first, second) = (a.Id, b.Id);
            var users = scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>();
            for (var i = 0; i < buyers; i++)
            {
                var user = new AppUser { UserName = $"pair{i}-{Guid.NewGuid():N}@example.test", Email = $"pair{i}-{Guid.NewGuid():N}@example.test" };
                await users.CreateAsync(user);
                var cart = new Cart(Guid.NewGuid(), user.Id, DateTime.UtcNow);
                // Half the carts hold the products one way round, half the other.
                foreach (var id in i % 2 == 0 ? new[] { first, second } : [second, first]) cart.Add(id, 2, new Money(1000), 1000, DateTime.UtcNow);
                db.Carts.Add(cart);
                userIds.Add(user.Id);
            }
            await db.SaveChangesAsync();
        }

        var address = ShippingAddress.Create("买家", "13900000000", "广东省", "广州市", "番禺区", "沙湾古镇展销中心");
        var outcomes = await AllAtOnce(buyers, async i =>
        {
            await using var scope = shop.Services.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
            var quote = (await CartSummary.LoadAsync(db, await db.Carts.SingleAsync(c => c.UserId == userIds[i]),
                scope.ServiceProvider.GetRequiredService<IOptions<ShippingOptions>>().Value, default)).Quote;
            db.ChangeTracker.Clear();
            return await scope.ServiceProvider.GetRequiredService<OrderPlacement>().PlaceAsync(userIds[i], address, quote, default);
        });

        Assert.All(outcomes, o => Assert.IsType<OrderPlacement.Placed>(o));
        await using (var scope = shop.Scope(out var db))
            Assert.Equal([1000 - 2 * buyers, 1000 - 2 * buyers],
                await db.Products.Where(p => p.Id == first || p.Id == second).Select(p => p.Stock).ToListAsync());
    }

    [Fact]
    public async Task A_transaction_the_database_aborts_for_a_deadlock_is_run_again()
    {
        int a, b;
        await using (var scope = shop.Scope(out var db))
        {
            var producer = await db.Producers.FirstAsync();
            var products = Enumerable.Range(0, 2).Select(i => new Product(producer, $"lock-{i}-{Guid.NewGuid():N}"[..20], new("锁", "Lock"), new("", ""),
                ProductCategory.Eggs, new("盒", "box"), new Money(1000), 100, "/images/products/hezhang-eggs.svg", DateTime.UtcNow)).ToList();
            db.Products.AddRange(products);
            await db.SaveChangesAsync();
            (a, b) = (products[0].Id, products[1].Id);
        }

        // Each takes one row, waits until the other has taken the other row, then asks for it: a certain deadlock.
        using var bothHoldOne = new Barrier(2);
        var attempts = new int[2];
        var finished = await AllAtOnce(2, async i =>
        {
            await using var scope = shop.Services.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
            var (first, second) = i == 0 ? (a, b) : (b, a);
            return await db.RetryAsync(async t =>
            {
                await using var tx = await db.Database.BeginTransactionAsync(t);
                await db.Products.Where(p => p.Id == first).ExecuteUpdateAsync(u => u.SetProperty(p => p.Stock, p => p.Stock - 1), t);
                if (Interlocked.Increment(ref attempts[i]) == 1) bothHoldOne.SignalAndWait(TimeSpan.FromSeconds(10));
                await db.Products.Where(p => p.Id == second).ExecuteUpdateAsync(u => u.SetProperty(p => p.Stock, p => p.Stock - 1), t);
                await tx.CommitAsync(t);
                return true;
            }, default);
        });

        Assert.All(finished, Assert.True);
        Assert.Equal(3, attempts.Sum()); // one of the two ran twice
        await using (var scope = shop.Scope(out var db))
            Assert.Equal([98, 98], await db.Products.Where(p => p.Id == a || p.Id == b).Select(p => p.Stock).ToListAsync());
    }

    [Fact]
    public async Task A_checkout_submitted_four_times_at_once_places_one_order_and_every_copy_lands_on_it()
    {
        var shopper = await Shopper.Anonymous(shop).SignUpAndSignInAsync();
        await shopper.AddToCartAsync("hezhang-eggs", 2);
        var form = (await shopper.PageAsync("/checkout")).QuerySelector("form.checkout")!;
        var fields = form.QuerySelectorAll("input[name]").ToDictionary(i => i.GetAttribute("name")!, i => i.GetAttribute("value") ?? "");
        foreach (var (k, v) in Shopper.Address) fields[k] = v;

        var responses = await AllAtOnce(4, _ => shopper.Client.PostAsync("/checkout", new FormUrlEncodedContent(fields)));

        Assert.All(responses, r => Assert.Equal(HttpStatusCode.Redirect, r.StatusCode));
        await using var scope = shop.Scope(out var db);
        var order = await db.Orders.SingleAsync(o => o.CustomerId == shopper.UserId);
        Assert.All(responses, r => Assert.Contains(order.Id.ToString(), r.Headers.Location!.OriginalString));
    }
}
