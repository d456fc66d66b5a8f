using System.Net;
using ReliefMarket.Web.Channels;

namespace ReliefMarket.Web.Tests.Channels;

/// <summary>A device that retries before its first post has answered: PostgreSQL runs both at once, SQLite would not.</summary>
public class ChannelSalesRaceTests(PostgresShop shop) : IClassFixture<PostgresShop>
{
    private static async Task<T[]> AllAtOnce<T>(int count, Func<int, Task<T>> contender)
    {
        using var gate = new SemaphoreSlim(0);
        var tasks = Enumerable.Range(0, count).Select(async i => { await gate.WaitAsync(); return await contender(i); }).ToList();
        gate.Release(count);
        return await Task.WhenAll(tasks);
    }

    [Fact]
    public async Task Two_posts_of_the_same_batch_at_once_record_each_sale_once_and_answer_alike()
    {
        for (var round = 0; round < 3; round++)
        {
            var device = await ChannelDevice.RegisterAsync(shop, drawsOnStock: true, stock: 1000);
            var batch = Enumerable.Range(0, 30).Select(i => device.Sale($"race-{round}-{i}", quantity: 2)).ToArray();

            var responses = await AllAtOnce(2, _ => device.PostAsync(batch));

            Assert.All(responses, r => Assert.Equal(HttpStatusCode.OK, r.StatusCode));
            var results = await Task.WhenAll(responses.Select(ChannelDevice.ReadAsync));
            Assert.All(results, r => Assert.Equal(30, r.Accepted));
            Assert.Equal(results[0].Results, results[1].Results);
            await using var scope = shop.Scope(out var db);
            Assert.Equal(30, await db.DeviceSales.CountAsync(s => s.DeviceId == device.DeviceId));
            Assert.Equal(30, await db.OrderLines.CountAsync(l => l.ProductId == device.ProductId));
            Assert.Equal(30 * 2 * ChannelDevice.PriceFen, await db.AttributionEntries
                .Where(a => db.DeviceSales.Any(s => s.DeviceId == device.DeviceId && s.OrderId == a.OrderId)).SumAsync(a => a.AmountFen));
            Assert.Equal(1000 - 60, await db.Products.Where(p => p.Id == device.ProductId).Select(p => p.Stock).SingleAsync());
        }
    }

    [Fact]
    public async Task Two_devices_selling_the_last_units_at_once_never_take_stock_below_zero()
    {
        var first = await ChannelDevice.RegisterAsync(shop, drawsOnStock: true, stock: 10);
        var second = new ChannelDevice(shop, 0, "", first.ProductId, first.Slug);
        await using (var scope = shop.Scope(out var db))
        {
            var (key, stored) = DeviceKey.New();
            var device = new Device("沙湾展销中心收银台", "沙湾古镇", Channel.ExhibitionCenter, true, stored, DateTime.UtcNow);
            db.Devices.Add(device);
            await db.SaveChangesAsync();
            second.Key = key;
        }

        var responses = await AllAtOnce(2, i => (i == 0 ? first : second).PostAsync(
            Enumerable.Range(0, 4).Select(n => (i == 0 ? first : second).Sale($"last-{i}-{n}", quantity: 2)).ToArray()));

        var results = (await Task.WhenAll(responses.Select(ChannelDevice.ReadAsync))).SelectMany(r => r.Results).ToList();
        Assert.Equal(8, results.Count(r => r.Outcome == SaleOutcome.Accepted));
        Assert.Equal(3, results.Count(r => r.FlaggedForReview));
        await using (var scope = shop.Scope(out var db))
            Assert.Equal(0, await db.Products.Where(p => p.Id == first.ProductId).Select(p => p.Stock).SingleAsync());
    }
}
