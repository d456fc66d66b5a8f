using System.Net.Http.Json;
using ReliefMarket.Web.Channels;

namespace ReliefMarket.Web.Tests.Channels;

/// <summary>A registered device and a fresh product for it to sell, as the tests of the channel-sales API use them.</summary>
public sealed class ChannelDevice(ShopFactory shop, int deviceId, string key, int productId, string slug)
{
    public const string Url = "/api/v1/channel-sales";
    public const long PriceFen = 1000;

    public int DeviceId { get; } = deviceId;
    public string Key { get; set; } = key;
    public int ProductId { get; } = productId;
    public string Slug { get; } = slug;

    public static async Task<ChannelDevice> RegisterAsync(ShopFactory shop, bool drawsOnStock = false, int stock = 100)
    {
        await using var scope = shop.Scope(out var db);
        var producer = await db.Producers.FirstAsync();
        var product = new Product(producer, $"cab-{Guid.NewGuid():N}"[..20], new("柜售鸡蛋", "Cabinet eggs"), new("", ""), ProductCategory.Eggs,
            new("盒", "box"), new Money(PriceFen), stock, "/images/products/hezhang-eggs.svg", DateTime.UtcNow);
        var (key, stored) = DeviceKey.New();
        var device = new Device("番禺鸡蛋柜 1 号", "番禺区市桥街道", Channel.VendingCabinet, drawsOnStock, stored, DateTime.UtcNow);
        db.AddRange(product, device);
        await db.SaveChangesAsync();
        return new ChannelDevice(shop, device.Id, key, product.Id, product.Slug);
    }

    /// <summary>A sale of <paramref name="quantity"/> at the listing price, ten minutes ago by the shop's clock.</summary>
    public object Sale(string saleId, int quantity = 2, long? unitPriceFen = null, long? totalFen = null, DateTimeOffset? at = null, string? product = null)
    {
        var price = unitPriceFen ?? PriceFen;
        return new
        {
            saleId, occurredAt = at ?? shop.Clock.GetUtcNow().AddMinutes(-10),
            lines = new[] { new { product = product ?? Slug, quantity, unitPriceFen = price } },
            totalFen = totalFen ?? price * quantity,
        };
    }

    public Task<HttpResponseMessage> PostAsync(params object[] sales) => PostAsync(shop.Client(), sales);

    public async Task<HttpResponseMessage> PostAsync(HttpClient client, params object[] sales)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, Url) { Content = JsonContent.Create(new { sales }) };
        request.Headers.Add(DeviceKey.Header, Key);
        return await client.SendAsync(request);
    }

    public static async Task<ChannelSalesResponse> ReadAsync(HttpResponseMessage response) =>
        (await response.Content.ReadFromJsonAsync<ChannelSalesResponse>())!;
}
