using System.Net;
using ReliefMarket.Web.Channels;
using ReliefMarket.Web.Tests.Channels;

namespace ReliefMarket.Web.Tests.Areas.Admin;

public abstract class DevicesTests<TShop>(TShop shop) : IClassFixture<TShop> where TShop : ShopFactory
{
    private const string Url = "/admin/devices";

    /// <summary>Registers a cabinet through the page; returns its id and the key the page showed once.</summary>
    private async Task<(int Id, string Key)> RegisterAsync(Shopper admin, string name)
    {
        var response = await admin.SubmitAsync(Url, "form.device-register",
            new() { ["Form.Name"] = name, ["Form.Location"] = "番禺区市桥街道", ["Form.Channel"] = "VendingCabinet" });
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("no-store", response.Headers.CacheControl?.ToString());
        var page = await response.ReadPageAsync();
        var key = page.QuerySelector("code.device-key")!.TextContent.Trim();
        await using var scope = shop.Scope(out var db);
        return (await db.Devices.Where(d => d.Name == name).Select(d => d.Id).SingleAsync(), key);
    }

    private async Task<HttpResponseMessage> PostSaleAsync(string key, int productId)
    {
        var device = new ChannelDevice(shop, 0, key, productId, await SlugAsync(productId));
        return await device.PostAsync(device.Sale($"s-{Guid.NewGuid():N}"));
    }

    private async Task<string> SlugAsync(int productId)
    {
        await using var scope = shop.Scope(out var db);
        return await db.Products.Where(p => p.Id == productId).Select(p => p.Slug).SingleAsync();
    }

    [Fact]
    public async Task An_admin_registers_a_device_whose_key_is_shown_once_stored_as_a_hash_and_works()
    {
        var admin = await Shopper.Anonymous(shop).SignUpAndSignInAsync(role: Roles.Admin);
        var product = await ChannelDevice.RegisterAsync(shop);
        var name = $"鸡蛋柜-{Guid.NewGuid():N}"[..12];

        var (id, key) = await RegisterAsync(admin, name);

        Assert.Equal(HttpStatusCode.OK, (await PostSaleAsync(key, product.ProductId)).StatusCode);
        var listing = await admin.PageAsync(Url);
        Assert.DoesNotContain(key, listing.DocumentElement.OuterHtml);
        var row = listing.QuerySelector($"tr[data-device='{id}']")!;
        Assert.Contains(name, row.TextContent);
        Assert.Contains(key[..DeviceKey.PrefixLength], row.TextContent);
        await using var scope = shop.Scope(out var db);
        var stored = await db.Devices.SingleAsync(d => d.Id == id);
        Assert.Equal((Channel.VendingCabinet, false, 32), (stored.Channel, stored.DrawsOnStock, stored.KeyHash.Length));
        Assert.DoesNotContain(key[(DeviceKey.PrefixLength + 1)..], System.Text.Encoding.UTF8.GetString(stored.KeyHash));
    }

    [Fact]
    public async Task Rotating_refuses_the_old_key_at_once_and_revoking_refuses_every_key()
    {
        var admin = await Shopper.Anonymous(shop).SignUpAndSignInAsync(role: Roles.Admin);
        var product = await ChannelDevice.RegisterAsync(shop);
        var (id, oldKey) = await RegisterAsync(admin, $"柜-{Guid.NewGuid():N}"[..12]);

        var rotated = await admin.SubmitAsync(Url, $"tr[data-device='{id}'] form.device-rotate", []);
        var newKey = (await rotated.ReadPageAsync()).QuerySelector("code.device-key")!.TextContent.Trim();

        Assert.NotEqual(oldKey, newKey);
        Assert.Equal(HttpStatusCode.Unauthorized, (await PostSaleAsync(oldKey, product.ProductId)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await PostSaleAsync(newKey, product.ProductId)).StatusCode);

        var revoked = await admin.SubmitAsync(Url, $"tr[data-device='{id}'] form.device-revoke", []);
        Assert.Equal(HttpStatusCode.Redirect, revoked.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await PostSaleAsync(newKey, product.ProductId)).StatusCode);
    }

    [Fact]
    public async Task An_auditor_sees_devices_but_cannot_register_rotate_or_revoke_and_consumers_see_nothing()
    {
        var admin = await Shopper.Anonymous(shop).SignUpAndSignInAsync(role: Roles.Admin);
        var (id, _) = await RegisterAsync(admin, $"柜-{Guid.NewGuid():N}"[..12]);
        var auditor = await Shopper.Anonymous(shop, "en").SignUpAndSignInAsync(role: Roles.Auditor);

        var page = await auditor.PageAsync(Url);
        Assert.NotNull(page.QuerySelector($"tr[data-device='{id}']"));
        Assert.Empty(page.QuerySelectorAll("form[method=post].device-register, form.device-rotate, form.device-revoke"));
        Assert.Contains("Vending cabinet", page.QuerySelector($"tr[data-device='{id}']")!.TextContent);

        // Forged posts with the auditor's own antiforgery token (taken from the language switch form every page has).
        var token = await auditor.AntiforgeryTokenAsync();
        foreach (var handler in new[] { "register", "rotate", "revoke" })
        {
            var response = await auditor.Client.PostAsync($"{Url}?handler={handler}&id={id}", new FormUrlEncodedContent(new Dictionary<string, string>
                { ["__RequestVerificationToken"] = token, ["Form.Name"] = "x", ["Form.Location"] = "y" }));
            Assert.True(response.StatusCode is HttpStatusCode.Forbidden || response.Headers.Location?.AbsolutePath == "/account/access-denied",
                $"{handler}: {(int)response.StatusCode} {response.Headers.Location}");
        }
        await using (var scope = shop.Scope(out var db))
            Assert.Null((await db.Devices.SingleAsync(d => d.Id == id)).RevokedAtUtc);

        var consumer = await Shopper.Anonymous(shop).SignUpAndSignInAsync();
        Assert.Equal("/account/access-denied", (await consumer.Client.GetAsync(Url)).Headers.Location?.AbsolutePath);
    }
}

public sealed class DevicesOnSqlite(SqliteShop shop) : DevicesTests<SqliteShop>(shop);
public sealed class DevicesOnPostgres(PostgresShop shop) : DevicesTests<PostgresShop>(shop);
