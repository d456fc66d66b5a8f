using System.Net;
using ReliefMarket.Web.Payments;

namespace ReliefMarket.Web.Tests.Areas.Admin;

public abstract class UnappliedPaymentsTests<TShop>(TShop shop) : IClassFixture<TShop> where TShop : ShopFactory
{
    private const string Url = "/admin/payments/unapplied";

    [Fact]
    public async Task Staff_see_every_refunded_stray_payment_and_nobody_else_does()
    {
        var orderId = Guid.NewGuid();
        var reference = $"pi_{Guid.NewGuid():N}";
        await using (var scope = shop.Scope(out var db))
        {
            db.UnappliedPayments.Add(new UnappliedPayment(orderId, reference, new Money(3990), UnappliedReason.AlreadyPaid, "re_1", DateTime.UtcNow));
            await db.SaveChangesAsync();
        }

        var anonymous = await shop.Client().GetAsync(Url);
        Assert.Equal(HttpStatusCode.Redirect, anonymous.StatusCode);
        Assert.StartsWith("/account/login", anonymous.Headers.Location!.PathAndQuery);
        foreach (var role in new[] { Roles.Consumer, Roles.CooperativeMember })
        {
            var denied = await (await Shopper.Anonymous(shop).SignUpAndSignInAsync(role: role)).Client.GetAsync(Url);
            Assert.Equal("/account/access-denied", denied.Headers.Location?.AbsolutePath);
        }

        foreach (var (role, language, reason) in new[] { (Roles.Admin, "zh-CN", "订单已付款"), (Roles.Auditor, "en", "Order already paid") })
        {
            var staff = await Shopper.Anonymous(shop, language).SignUpAndSignInAsync(role: role);
            var page = await staff.PageAsync(Url);
            var row = page.QuerySelectorAll("table.unapplied tbody tr").Single(r => r.TextContent.Contains(reference));
            Assert.Contains("¥39.90", row.TextContent);
            Assert.Contains(reason, row.TextContent);
            Assert.Contains(orderId.ToString("N")[..12].ToUpperInvariant(), row.TextContent);
        }
    }
}

public sealed class UnappliedPaymentsOnSqlite(SqliteShop shop) : UnappliedPaymentsTests<SqliteShop>(shop);
public sealed class UnappliedPaymentsOnPostgres(PostgresShop shop) : UnappliedPaymentsTests<PostgresShop>(shop);
