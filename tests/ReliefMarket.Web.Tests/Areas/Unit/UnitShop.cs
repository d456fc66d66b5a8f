using System.Net;
using Microsoft.AspNetCore.Identity;
using ReliefMarket.Domain.Procurement;
using ReliefMarket.Web.Tests.Areas.Cooperative;

namespace ReliefMarket.Web.Tests.Areas.Unit;

/// <summary>Work units, their buyers and their orders for the /unit and /admin/work-units tests.</summary>
internal static class UnitShop
{
    public const string TaxpayerId = "91440113MA5ABCDE1X";

    /// <summary>A canteen made directly in the database: ¥100,000.00 a year, 10% of it meant for relief produce, unless told otherwise.</summary>
    public static async Task<int> WorkUnitAsync(ShopFactory shop, long budgetFen = 10_000_000, int targetBasisPoints = 1_000)
    {
        await using var scope = shop.Scope(out var db);
        var unit = new WorkUnit($"番禺区测试饭堂-{Guid.NewGuid():N}"[..20], WorkUnitKind.CompanyCanteen,
            ShippingAddress.Create("食堂李主任", "13900001111", "广东省", "广州市", "番禺区", "市桥街道清河东路 1 号"),
            InvoiceDetails.Create("广州市番禺区测试饭堂", TaxpayerId), new Money(budgetFen), targetBasisPoints, DateTime.UtcNow);
        db.WorkUnits.Add(unit);
        await db.SaveChangesAsync();
        return unit.Id;
    }

    /// <summary>A buyer of <paramref name="unitId"/>, signed in through the login page (the unit claim is added at sign-in).</summary>
    public static async Task<Shopper> BuyerAsync(ShopFactory shop, int unitId, string? language = "en")
    {
        var email = $"unit-{Guid.NewGuid():N}@example.test";
        await using (var scope = shop.Scope(out _))
        {
            var users = scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>();
            var user = new AppUser { UserName = email, Email = email, EmailConfirmed = true, WorkUnitId = unitId };
            Assert.True((await users.CreateAsync(user, Shopper.Password)).Succeeded);
            await users.AddToRoleAsync(user, Roles.WorkUnitBuyer);
        }
        var buyer = Shopper.Anonymous(shop, language);
        var response = await buyer.SubmitAsync("/account/login", "form", new() { ["Email"] = email, ["Password"] = Shopper.Password });
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        return buyer;
    }

    /// <summary>Two fresh listings of producer A: a certified one at ¥39.90 and an uncertified one at ¥12.00, 5,000 of each in stock.</summary>
    public static async Task<(int Certified, int Uncertified)> ProductsAsync(ShopFactory shop)
    {
        var certified = await shop.ListingAsync(stock: 5_000, certified: true);
        var uncertified = await shop.ListingAsync(stock: 5_000);
        await using var scope = shop.Scope(out var db);
        (await db.Products.SingleAsync(p => p.Id == uncertified)).ChangePrice(new Money(1200));
        await db.SaveChangesAsync();
        return (certified, uncertified);
    }

    /// <summary>Submits the bulk-order form with these quantities (the invoice fields as the page fills them, unless given).</summary>
    public static Task<HttpResponseMessage> OrderAsync(Shopper buyer, IReadOnlyDictionary<int, string> quantities, Dictionary<string, string>? more = null)
    {
        var values = quantities.ToDictionary(q => $"Quantities[{q.Key}]", q => q.Value);
        foreach (var (k, v) in more ?? []) values[k] = v;
        return buyer.SubmitAsync("/unit/orders/new", "form.unit-order", values);
    }

    public static Guid OrderIdFrom(HttpResponseMessage placed)
    {
        Assert.Equal(HttpStatusCode.Redirect, placed.StatusCode);
        return Guid.Parse(System.Text.RegularExpressions.Regex.Match(placed.Headers.Location!.OriginalString,
            "[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}").Value);
    }

    /// <summary>An administrator confirms the transfer for <paramref name="orderId"/> on the unit's admin page.</summary>
    public static Task<HttpResponseMessage> ConfirmAsync(Shopper admin, int unitId, Guid orderId, string bankReference) =>
        admin.SubmitAsync($"/admin/work-units/{unitId}", $"tr[data-order='{orderId}'] form.work-unit-confirm", new() { ["BankReference"] = bankReference });
}
