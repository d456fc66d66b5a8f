using System.Net;
using AngleSharp.Dom;
using Microsoft.AspNetCore.Identity;

namespace ReliefMarket.Web.Tests.Areas.Cooperative;

/// <summary>Cooperative members and paid orders for the /coop tests.</summary>
internal static class CoopShop
{
    /// <summary>A cooperative member of <paramref name="producerId"/>, signed in through the login page.</summary>
    public static async Task<Shopper> MemberAsync(ShopFactory shop, int producerId, string? language = null)
    {
        var email = $"coop-{Guid.NewGuid():N}@example.test";
        await using (var scope = shop.Scope(out _))
        {
            var users = scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>();
            var user = new AppUser { UserName = email, Email = email, EmailConfirmed = true, ProducerId = producerId };
            Assert.True((await users.CreateAsync(user, Shopper.Password)).Succeeded);
            await users.AddToRoleAsync(user, Roles.CooperativeMember);
        }
        var member = Shopper.Anonymous(shop, language);
        var response = await member.SubmitAsync("/account/login", "form", new() { ["Email"] = email, ["Password"] = Shopper.Password });
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        return member;
    }

    public sealed record PaidOrder(Shopper Buyer, Guid OrderId, IReadOnlyList<int> Producers);

    /// <summary>A fresh consumer buys one product of each of <paramref name="producers"/> different producers and pays in the sandbox.</summary>
    public static async Task<PaidOrder> PaidOrderAsync(ShopFactory shop, int producers = 2, string? recipient = null, string culture = "zh-CN")
    {
        List<(string Slug, int ProducerId)> picked;
        await using (var scope = shop.Scope(out var db))
        {
            var products = await db.Products.Where(p => p.IsListed && p.Stock > 100).OrderBy(p => p.ProducerId).ThenBy(p => p.Id)
                .Select(p => new { p.Slug, p.ProducerId }).ToListAsync();
            picked = products.GroupBy(p => p.ProducerId).Take(producers).Select(g => (g.First().Slug, g.Key)).ToList();
        }
        Assert.Equal(producers, picked.Count);
        var buyer = await Shopper.Anonymous(shop).SignUpAndSignInAsync();
        await using (var scope = shop.Scope(out var db))
        {
            var user = await db.Users.SingleAsync(u => u.Id == buyer.UserId);
            user.PreferredCulture = culture;
            await db.SaveChangesAsync();
        }
        foreach (var (slug, _) in picked) await buyer.AddToCartAsync(slug);
        var address = new Dictionary<string, string>(Shopper.Address);
        if (recipient is not null) address["Address.Recipient"] = recipient;
        var placed = await buyer.SubmitAsync("/checkout", "form.checkout", address);
        Assert.Equal(HttpStatusCode.Redirect, placed.StatusCode);
        var orderId = Guid.Parse(System.Text.RegularExpressions.Regex.Match(placed.Headers.Location!.OriginalString,
            "[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}").Value);
        var paid = await buyer.SubmitAsync($"/payments/sandbox/{orderId}", "form[action*=handler\\=Pay]", []);
        Assert.Equal(HttpStatusCode.Redirect, paid.StatusCode);
        return new PaidOrder(buyer, orderId, picked.Select(p => p.ProducerId).ToList());
    }

    public static async Task<Shipment> ShipmentAsync(ShopFactory shop, Guid orderId, int producerId)
    {
        await using var scope = shop.Scope(out var db);
        return await db.Shipments.AsNoTracking().SingleAsync(s => s.OrderId == orderId && s.ProducerId == producerId);
    }

    public static async Task<OrderStatus> OrderStatusAsync(ShopFactory shop, Guid orderId)
    {
        await using var scope = shop.Scope(out var db);
        return await db.Orders.Where(o => o.Id == orderId).Select(o => o.Status).SingleAsync();
    }

    /// <summary>Posts to <paramref name="url"/> with the antiforgery token of a form on <paramref name="pageWithForm"/> (the token is per user, not per page).</summary>
    public static async Task<HttpResponseMessage> PostAsync(Shopper member, string pageWithForm, string url, Dictionary<string, string> values)
    {
        IDocument page = await member.PageAsync(pageWithForm);
        var token = page.QuerySelector("input[name=__RequestVerificationToken]")!.GetAttribute("value")!;
        return await member.Client.PostAsync(url, new FormUrlEncodedContent(new Dictionary<string, string>(values) { ["__RequestVerificationToken"] = token }));
    }
}
