using System.Net;

namespace ReliefMarket.Web.Tests.Areas.Admin;

/// <summary>Two administrators refund the same order at the same moment: PostgreSQL runs both requests at once.</summary>
public class RefundRaceTests(PostgresShop shop) : IClassFixture<PostgresShop>
{
    [Fact]
    public async Task Two_admins_submitting_the_same_refund_at_once_refund_once()
    {
        var admins = new[] { await AdminShop.AdminAsync(shop), await AdminShop.AdminAsync(shop) };
        for (var round = 0; round < 3; round++)
        {
            var order = await AdminShop.PaidOrderAsync(shop);
            var forms = new List<(string Action, FormUrlEncodedContent Content)>();
            foreach (var admin in admins)
                forms.Add(await admin.FillAsync(AdminShop.RefundUrl(order.Id), "form.admin-refund",
                    new() { ["Amount"] = order.Total.ToPlainString(), ["Reason"] = $"whole order, round {round}" }));

            using var gate = new SemaphoreSlim(0);
            var posts = admins.Select(async (admin, i) => { await gate.WaitAsync(); return await admin.Client.PostAsync(forms[i].Action, forms[i].Content); }).ToList();
            gate.Release(admins.Length);
            var responses = await Task.WhenAll(posts);

            Assert.All(responses, r => Assert.Contains(r.StatusCode, new[] { HttpStatusCode.Redirect, HttpStatusCode.OK }));
            var after = await AdminShop.OrderAsync(shop, order.Id);
            Assert.Equal((OrderStatus.Refunded, order.Total), (after.Status, after.Refunded));
            var effects = await AdminShop.EffectsAsync(shop, order.Id);
            Assert.Equal((0L, 1, 1, 1), effects);
        }
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task Two_admins_refunding_lines_of_one_order_at_once_make_one_refund(bool sameLines)
    {
        var admins = new[] { await AdminShop.AdminAsync(shop), await AdminShop.AdminAsync(shop) };
        for (var round = 0; round < 3; round++)
        {
            var order = await LineShop.PaidOrderAsync(shop, quantity: 2);
            var forms = new List<(string Action, FormUrlEncodedContent Content)>();
            for (var i = 0; i < admins.Length; i++)
                forms.Add(await admins[i].FillAsync(AdminShop.RefundUrl(order.Id), "form.admin-line-refund",
                    new() { [LineShop.Field(order.Lines[sameLines ? 0 : i])] = "1", ["Reason"] = $"lines, round {round}" }));

            using var gate = new SemaphoreSlim(0);
            var posts = admins.Select(async (admin, i) => { await gate.WaitAsync(); return await admin.Client.PostAsync(forms[i].Action, forms[i].Content); }).ToList();
            gate.Release(admins.Length);
            var responses = await Task.WhenAll(posts);

            // Both forms were for refund number 0: one refund is made, the other post is shown again (already recorded, or refunded since).
            Assert.Contains(responses, r => r.StatusCode == HttpStatusCode.Redirect);
            Assert.All(responses, r => Assert.Contains(r.StatusCode, new[] { HttpStatusCode.Redirect, HttpStatusCode.OK }));
            var after = await AdminShop.OrderAsync(shop, order.Id);
            var refundedLines = await LineShop.RefundedByLineAsync(shop, order.Id);
            var line = Assert.Single(refundedLines);
            var unit = order.Lines.Single(l => l.Id == line.Item1).UnitPrice;
            Assert.Equal((OrderStatus.PartiallyRefunded, unit, -unit.Fen), (after.Status, after.Refunded, line.Item2));
            var effects = await AdminShop.EffectsAsync(shop, order.Id);
            Assert.Equal((1, 1, 1), (effects.Audits, effects.Emails, effects.Events));
        }
    }
}
