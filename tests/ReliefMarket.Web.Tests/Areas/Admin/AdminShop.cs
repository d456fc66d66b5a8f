using ReliefMarket.Web.Tests.Areas.Cooperative;

namespace ReliefMarket.Web.Tests.Areas.Admin;

/// <summary>Administrators, auditors and paid orders for the /admin tests.</summary>
internal static class AdminShop
{
    public static Task<Shopper> AdminAsync(ShopFactory shop, string? language = null) =>
        Shopper.Anonymous(shop, language).SignUpAndSignInAsync($"admin-{Guid.NewGuid():N}@example.test", Roles.Admin);

    public static Task<Shopper> AuditorAsync(ShopFactory shop, string? language = null) =>
        Shopper.Anonymous(shop, language).SignUpAndSignInAsync($"auditor-{Guid.NewGuid():N}@example.test", Roles.Auditor);

    public static async Task<Order> PaidOrderAsync(ShopFactory shop)
    {
        var paid = await CoopShop.PaidOrderAsync(shop, producers: 2);
        return await OrderAsync(shop, paid.OrderId);
    }

    public static async Task<Order> OrderAsync(ShopFactory shop, Guid id)
    {
        await using var scope = shop.Scope(out var db);
        return await db.Orders.AsNoTracking().Include(o => o.Lines).SingleAsync(o => o.Id == id);
    }

    public static string RefundUrl(Guid orderId) => $"/admin/orders/{orderId}/refund";

    public static async Task<(long Attributed, int Audits, int Emails, int Events)> EffectsAsync(ShopFactory shop, Guid orderId)
    {
        await using var scope = shop.Scope(out var db);
        var id = orderId.ToString();
        var number = orderId.ToString("N")[..12].ToUpperInvariant();
        return (await db.AttributionEntries.Where(a => a.OrderId == orderId).SumAsync(a => a.AmountFen),
            await db.AuditEntries.CountAsync(a => a.EntityId == id),
            await db.OutboxMessages.CountAsync(m => m.Kind == "order-refunded" && m.Subject.Contains(number)),
            await db.ProcessedWebhookEvents.CountAsync(e => e.Type == "admin.refund" && e.Id.Contains(orderId.ToString("N"))));
    }
}
