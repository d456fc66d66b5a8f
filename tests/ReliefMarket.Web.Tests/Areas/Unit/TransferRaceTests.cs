using System.Net;
using ReliefMarket.Web.Procurement;
using ReliefMarket.Web.Tests.Areas.Admin;

namespace ReliefMarket.Web.Tests.Areas.Unit;

/// <summary>Two administrators confirm the same bank transfer at the same moment: PostgreSQL runs both requests at once.</summary>
public class TransferRaceTests(PostgresShop shop) : IClassFixture<PostgresShop>
{
    [Fact]
    public async Task Two_admins_confirming_the_same_transfer_at_once_apply_it_once()
    {
        var unitId = await UnitShop.WorkUnitAsync(shop);
        var (certified, uncertified) = await UnitShop.ProductsAsync(shop);
        var buyer = await UnitShop.BuyerAsync(shop, unitId);
        var admins = new[] { await AdminShop.AdminAsync(shop), await AdminShop.AdminAsync(shop) };
        for (var round = 0; round < 3; round++)
        {
            var orderId = UnitShop.OrderIdFrom(await UnitShop.OrderAsync(buyer, new Dictionary<int, string> { [certified] = "10", [uncertified] = "10" }));
            var reference = $"ICBC-race-{round}-{Guid.NewGuid():N}"[..24];
            var forms = new List<(string Action, FormUrlEncodedContent Content)>();
            foreach (var admin in admins)
                forms.Add(await admin.FillAsync($"/admin/work-units/{unitId}", $"tr[data-order='{orderId}'] form.work-unit-confirm", new() { ["BankReference"] = reference }));

            using var gate = new SemaphoreSlim(0);
            var posts = admins.Select(async (admin, i) => { await gate.WaitAsync(); return await admin.Client.PostAsync(forms[i].Action, forms[i].Content); }).ToList();
            gate.Release(admins.Length);
            var responses = await Task.WhenAll(posts);

            Assert.All(responses, r => Assert.Equal(HttpStatusCode.Redirect, r.StatusCode));
            Assert.Equal(["notice=AlreadyConfirmed", "notice=Confirmed"],
                responses.Select(r => r.Headers.Location!.OriginalString.Split('?')[1].Split('&').Single(p => p.StartsWith("notice="))).Order().ToArray());
            await using var scope = shop.Scope(out var db);
            Assert.Equal(OrderStatus.Paid, await db.Orders.Where(o => o.Id == orderId).Select(o => o.Status).SingleAsync());
            Assert.Equal(1, await db.JournalEntries.CountAsync(e => e.CauseKey == $"order-paid:{orderId:N}"));
            Assert.Equal(1, await db.AuditEntries.CountAsync(a => a.Action == TransferConfirmation.AuditAction && a.EntityId == orderId.ToString()));
            Assert.Equal(1, await db.Shipments.CountAsync(s => s.OrderId == orderId));
            Assert.Equal(51_900L, await db.AttributionEntries.Where(a => a.OrderId == orderId).SumAsync(a => a.AmountFen));
        }
    }
}
