using ReliefMarket.Web.Ordering;

namespace ReliefMarket.Web.Tests.Jobs;

public abstract class PurgeAbandonedCartsTests<TShop>(TShop shop) : IClassFixture<TShop> where TShop : ShopFactory
{
    private async Task<int> PurgeAsync()
    {
        await using var scope = shop.Scope(out _);
        return await scope.ServiceProvider.GetRequiredService<PurgeAbandonedCartsJob>().RunAsync(default);
    }

    private async Task<Guid[]> CartIdsAsync()
    {
        await using var scope = shop.Scope(out var db);
        return await db.Carts.Select(c => c.Id).ToArrayAsync();
    }

    private async Task<Guid> AnonymousCartAsync(params Guid[] except)
    {
        await using var scope = shop.Scope(out var db);
        return await db.Carts.Where(c => c.UserId == null && !except.Contains(c.Id)).Select(c => c.Id).SingleAsync();
    }

    [Fact]
    public async Task Anonymous_carts_untouched_for_thirty_days_are_deleted_daily_and_a_second_run_finds_nothing()
    {
        var member = await Shopper.Anonymous(shop).SignUpAndSignInAsync();
        await member.AddToCartAsync("hezhang-eggs", 1);
        Guid memberCart;
        await using (var scope = shop.Scope(out var db)) memberCart = await db.Carts.Where(c => c.UserId == member.UserId).Select(c => c.Id).SingleAsync();
        var abandoned = Shopper.Anonymous(shop);
        await abandoned.AddToCartAsync("hezhang-eggs", 2);
        var abandonedCart = await AnonymousCartAsync();

        shop.Clock.Advance(TimeSpan.FromDays(20));
        var recent = Shopper.Anonymous(shop);
        await recent.AddToCartAsync("hezhang-walnuts", 1);
        var recentCart = await AnonymousCartAsync(abandonedCart);
        shop.Clock.Advance(TimeSpan.FromDays(11));

        Assert.Equal(1, await PurgeAsync());
        Assert.Equal(0, await PurgeAsync());
        var left = await CartIdsAsync();
        Assert.DoesNotContain(abandonedCart, left);
        Assert.Contains(recentCart, left);
        Assert.Contains(memberCart, left);                        // a signed-in person's cart is theirs to keep

        // The abandoned cart's cookie now finds nothing, without an error; adding starts afresh.
        Assert.Empty((await abandoned.PageAsync("/cart")).QuerySelectorAll(".cart-line"));
        await abandoned.AddToCartAsync("hezhang-eggs", 1);
        Assert.Single((await abandoned.PageAsync("/cart")).QuerySelectorAll(".cart-line"));
    }
}

public sealed class PurgeAbandonedCartsOnSqlite(SqliteShop shop) : PurgeAbandonedCartsTests<SqliteShop>(shop);
public sealed class PurgeAbandonedCartsOnPostgres(PostgresShop shop) : PurgeAbandonedCartsTests<PostgresShop>(shop);
