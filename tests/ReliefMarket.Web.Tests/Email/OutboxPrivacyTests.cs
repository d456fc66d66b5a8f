using ReliefMarket.Web.Email;

namespace ReliefMarket.Web.Tests.Email;

public abstract class OutboxPrivacyTests<TShop>(TShop shop) : IClassFixture<TShop> where TShop : ShopFactory
{
    private async Task<int> PurgeAsync()
    {
        await using var scope = shop.Scope(out _);
        return await scope.ServiceProvider.GetRequiredService<SendOutboxJob>().PurgeSentAccountBodiesAsync(default);
    }

    [Fact]
    public async Task Sent_account_emails_lose_their_links_after_a_day_but_keep_to_whom_when_and_what()
    {
        var email = $"privacy-{Guid.NewGuid():N}@example.test";
        var other = $"privacy-{Guid.NewGuid():N}@example.test";
        await Shopper.CreateAccountAsync(shop, email);
        await Shopper.CreateAccountAsync(shop, other);
        await Shopper.Anonymous(shop).SubmitAsync("/account/forgot", "form", new() { ["Email"] = email });
        await Shopper.Anonymous(shop).SubmitAsync("/account/forgot", "form", new() { ["Email"] = other });   // never sent
        await using (var scope = shop.Scope(out var db))
        {
            db.OutboxMessages.Add(new OutboxMessage(email, "订单已付款", "<p>order</p>", "order", "order-paid", shop.Clock.GetUtcNow().UtcDateTime));
            await db.SaveChangesAsync();
            foreach (var m in await db.OutboxMessages.Where(m => m.To == email).ToListAsync()) m.MarkSent(shop.Clock.GetUtcNow().UtcDateTime);
            await db.SaveChangesAsync();
        }

        shop.Clock.Advance(TimeSpan.FromHours(23));
        Assert.Equal(0, await PurgeAsync());
        shop.Clock.Advance(TimeSpan.FromHours(2));
        Assert.Equal(1, await PurgeAsync());
        Assert.Equal(0, await PurgeAsync());                       // safe to run twice

        await using (var scope = shop.Scope(out var db))
        {
            var reset = await db.OutboxMessages.SingleAsync(m => m.To == email && m.Kind == "reset-password");
            Assert.Equal(("", ""), (reset.TextBody, reset.HtmlBody));
            Assert.Equal("重置密码 · 扶贫好物集市", reset.Subject);
            Assert.NotNull(reset.SentAtUtc);
            Assert.NotEmpty(reset.MessageId);
            Assert.Equal("order", (await db.OutboxMessages.SingleAsync(m => m.To == email && m.Kind == "order-paid")).TextBody);
            Assert.Contains("/account/reset", (await db.OutboxMessages.SingleAsync(m => m.To == other)).TextBody); // unsent: still to deliver
        }
    }

    [Theory]
    [InlineData("chen.xiaomei@example.org", "c***@example.org")]
    [InlineData("c@example.org", "c***@example.org")]
    [InlineData("not-an-address", "***")]
    public void Logs_see_a_masked_address(string address, string logged) => Assert.Equal(logged, ReliefMarket.Web.Operations.LogRedaction.MaskEmail(address));
}

public sealed class OutboxPrivacyOnSqlite(SqliteShop shop) : OutboxPrivacyTests<SqliteShop>(shop);
public sealed class OutboxPrivacyOnPostgres(PostgresShop shop) : OutboxPrivacyTests<PostgresShop>(shop);
