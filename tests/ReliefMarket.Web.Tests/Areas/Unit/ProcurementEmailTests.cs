using ReliefMarket.Web.Procurement;
using ReliefMarket.Web.Tests.Areas.Admin;

namespace ReliefMarket.Web.Tests.Areas.Unit;

/// <summary>
/// The buyer who placed a procurement order hears of it by email, in their language, through the outbox and a real
/// SMTP server (netDumbster): placed with how to pay, transfer received, cancelled, expired.
/// </summary>
public class ProcurementEmailTests(MailShop shop) : IClassFixture<MailShop>
{
    /// <summary>The unit's one buyer: their email, with their language for emails set as given.</summary>
    private async Task<string> BuyerEmailAsync(int unitId, string culture)
    {
        await using var scope = shop.Scope(out var db);
        var user = await db.Users.SingleAsync(u => u.WorkUnitId == unitId);
        user.PreferredCulture = culture;
        await db.SaveChangesAsync();
        return user.Email!;
    }

    private async Task<SmtpMessageView> OnlyMailAsync(string email, string subjectContains)
    {
        await shop.SendOutboxAsync();
        var mail = shop.MailTo(email).Where(m => m.Headers["Subject"]!.Contains(subjectContains)).ToList();
        Assert.True(mail.Count == 1, $"{mail.Count} mails '{subjectContains}' to {email}: {string.Join(" | ", shop.MailTo(email).Select(m => m.Headers["Subject"]))}");
        return new SmtpMessageView(mail[0].Headers["Subject"]!, MailShop.Text(mail[0]));
    }

    private sealed record SmtpMessageView(string Subject, string Text);

    [Fact]
    public async Task An_English_buyer_is_told_how_to_pay_by_when_and_then_that_the_transfer_arrived()
    {
        var unitId = await UnitShop.WorkUnitAsync(shop);
        var (certified, _) = await UnitShop.ProductsAsync(shop);
        var buyer = await UnitShop.BuyerAsync(shop, unitId);
        var email = await BuyerEmailAsync(unitId, "en");
        var orderId = UnitShop.OrderIdFrom(await UnitShop.OrderAsync(buyer, new Dictionary<int, string> { [certified] = "10" }));
        var reference = ProcurementOrder.ReferenceFor(orderId);

        var placed = await OnlyMailAsync(email, "placed");

        Assert.Contains("¥399.00", placed.Subject);
        var payBy = ChinaTime.FromUtc(shop.Clock.GetUtcNow().UtcDateTime).AddDays(14).ToString("yyyy-MM-dd");
        Assert.Contains($"Please transfer ¥399.00 to the account below by {payBy}", placed.Text);
        Assert.Contains($"Transfer reference: {reference}", placed.Text);
        Assert.Contains("6222 0000 0000 0000", placed.Text);
        Assert.Contains(UnitShop.TaxpayerId, placed.Text);
        Assert.Contains($"{MailShop.PublicBaseUrl}/unit/orders/{orderId}", placed.Text);

        await UnitShop.ConfirmAsync(await AdminShop.AdminAsync(shop, "en"), unitId, orderId, "ICBC-MAIL-1");
        var paid = await OnlyMailAsync(email, "Payment received");
        Assert.Contains("¥399.00", paid.Text);
    }

    [Fact]
    public async Task A_Chinese_buyer_hears_of_a_cancelled_order_and_of_one_that_expired_unpaid()
    {
        var unitId = await UnitShop.WorkUnitAsync(shop);
        var (certified, _) = await UnitShop.ProductsAsync(shop);
        var buyer = await UnitShop.BuyerAsync(shop, unitId, language: "zh-CN");
        var email = await BuyerEmailAsync(unitId, "zh-CN");
        var cancelled = UnitShop.OrderIdFrom(await UnitShop.OrderAsync(buyer, new Dictionary<int, string> { [certified] = "10" }));
        var overdue = UnitShop.OrderIdFrom(await UnitShop.OrderAsync(buyer, new Dictionary<int, string> { [certified] = "20" }));
        Assert.Contains("请转账", (await OnlyMailAsync(email, $"采购订单 {EmailNumber(cancelled)} 已提交")).Subject);

        await buyer.SubmitAsync($"/unit/orders/{cancelled}", "form.unit-cancel", []);
        var cancelMail = await OnlyMailAsync(email, $"采购订单 {EmailNumber(cancelled)} 已取消");
        Assert.Contains("单位已取消这张订单", cancelMail.Text);
        Assert.Contains("请勿再转账", cancelMail.Text);

        await using (var scope = shop.Scope(out var db))
        {
            await db.Orders.Where(o => o.Id == overdue).ExecuteUpdateAsync(s => s.SetProperty(o => o.ExpiresAtUtc, DateTime.UtcNow.AddDays(-1)));
            await scope.ServiceProvider.GetRequiredService<ExpireUnpaidProcurementJob>().RunAsync(default);
        }
        var expiredMail = await OnlyMailAsync(email, $"采购订单 {EmailNumber(overdue)} 逾期未付款");
        Assert.Contains("付款期限内未收到转账", expiredMail.Text);
    }

    private static string EmailNumber(Guid orderId) => orderId.ToString("N")[..12].ToUpperInvariant();
}
