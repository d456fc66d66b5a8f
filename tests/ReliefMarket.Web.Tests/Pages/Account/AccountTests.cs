using System.Net;
using Microsoft.AspNetCore.Identity;

namespace ReliefMarket.Web.Tests.Pages.Account;

public class AccountTests(MailShop shop) : IClassFixture<MailShop>
{
    private static string NewEmail() => $"new-{Guid.NewGuid():N}@example.test";

    private async Task<HttpResponseMessage> RegisterAsync(Shopper shopper, string email, string password = "Weining-potato-88") =>
        await shopper.SubmitAsync("/account/register", "form", new() { ["Email"] = email, ["Password"] = password, ["ConfirmPassword"] = password });

    private static Task<HttpResponseMessage> SignInAsync(Shopper shopper, string email, string password) =>
        shopper.SubmitAsync("/account/login", "form", new() { ["Email"] = email, ["Password"] = password });

    [Fact]
    public async Task Registration_sends_a_confirmation_whose_link_confirms_the_account()
    {
        var email = NewEmail();
        var shopper = Shopper.Anonymous(shop);
        var registered = await RegisterAsync(shopper, email);
        Assert.Equal("/account/check-email?reason=register", registered.Headers.Location!.OriginalString);

        // Not confirmed yet: signing in says so.
        var early = await (await SignInAsync(shopper, email, "Weining-potato-88")).ReadPageAsync();
        Assert.Equal("请先通过邮件确认您的邮箱。", early.QuerySelector(".error")!.TextContent);

        Assert.Equal(1, await shop.SendOutboxAsync());
        var mail = Assert.Single(shop.MailTo(email));
        Assert.Equal("请确认您的邮箱 · 扶贫好物集市", mail.Subject);
        Assert.Contains(mail.MessageParts, p => p.HeaderData.Contains("text/html"));
        var confirmed = await shopper.PageAsync(MailShop.LinkIn(mail, "/account/confirm"));
        Assert.Equal("邮箱已确认，欢迎！", confirmed.QuerySelector("h1")!.TextContent);

        var signedIn = await SignInAsync(shopper, email, "Weining-potato-88");
        Assert.Equal(HttpStatusCode.Redirect, signedIn.StatusCode);
        await using var scope = shop.Scope(out var db);
        var user = await db.Users.SingleAsync(u => u.Email == email);
        Assert.True(user.EmailConfirmed);
        Assert.True(await scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>().IsInRoleAsync(user, Roles.Consumer));
    }

    [Fact]
    public async Task A_tampered_confirmation_link_confirms_nothing()
    {
        var email = NewEmail();
        var shopper = Shopper.Anonymous(shop);
        await RegisterAsync(shopper, email);
        await shop.SendOutboxAsync();
        var link = MailShop.LinkIn(shop.MailTo(email).Single(), "/account/confirm");
        var page = await shopper.PageAsync(link[..^4] + "AAAA", HttpStatusCode.BadRequest);
        Assert.Equal("链接无效或已过期。", page.QuerySelector("h1")!.TextContent);
    }

    [Fact]
    public async Task Registering_an_existing_address_answers_the_same_and_tells_only_its_owner()
    {
        var owner = await Shopper.Anonymous(shop).SignUpAndSignInAsync();
        var email = owner.Email!;

        var fresh = await RegisterAsync(Shopper.Anonymous(shop), NewEmail());
        var taken = await RegisterAsync(Shopper.Anonymous(shop), email);
        Assert.Equal((fresh.StatusCode, fresh.Headers.Location), (taken.StatusCode, taken.Headers.Location));

        await shop.SendOutboxAsync();
        Assert.Equal("您已经有账户了 · 扶贫好物集市", Assert.Single(shop.MailTo(email)).Subject);
        await using (var scope = shop.Scope(out var db)) Assert.Equal(1, await db.Users.CountAsync(u => u.Email == email));
    }

    [Theory]
    [InlineData("12345678", "这个密码太常见了，请换一个。")]
    [InlineData("short", "密码至少需要 8 个字符。")]
    public async Task Short_or_common_passwords_are_refused_in_the_reader_s_language(string password, string message)
    {
        var email = NewEmail();
        var page = await (await RegisterAsync(Shopper.Anonymous(shop), email, password)).ReadPageAsync();
        Assert.Contains(message, page.Texts(".error"));
        await using var scope = shop.Scope(out var db);
        Assert.False(await db.Users.AnyAsync(u => u.Email == email));
        Assert.False(await db.OutboxMessages.AnyAsync(m => m.To == email));
    }

    [Fact]
    public async Task Forgot_password_answers_the_same_for_unknown_addresses_and_its_link_resets_the_password()
    {
        var shopper = await Shopper.Anonymous(shop).SignUpAndSignInAsync();
        var email = shopper.Email!;

        var known = await Shopper.Anonymous(shop).SubmitAsync("/account/forgot", "form", new() { ["Email"] = email });
        var unknown = await Shopper.Anonymous(shop).SubmitAsync("/account/forgot", "form", new() { ["Email"] = NewEmail() });
        Assert.Equal((known.StatusCode, known.Headers.Location), (unknown.StatusCode, unknown.Headers.Location));

        await shop.SendOutboxAsync();
        var mail = Assert.Single(shop.MailTo(email));
        Assert.Equal("重置密码 · 扶贫好物集市", mail.Subject);
        var visitor = Shopper.Anonymous(shop);
        var reset = await visitor.SubmitAsync(MailShop.LinkIn(mail, "/account/reset"), "form",
            new() { ["Password"] = "Hezhang-eggs-2026", ["ConfirmPassword"] = "Hezhang-eggs-2026" });
        Assert.Equal("密码已更新，请用新密码登录。", (await reset.ReadPageAsync()).QuerySelector(".notice")!.TextContent);

        Assert.Equal(HttpStatusCode.OK, (await SignInAsync(visitor, email, Shopper.Password)).StatusCode);           // old one refused
        Assert.Equal(HttpStatusCode.Redirect, (await SignInAsync(visitor, email, "Hezhang-eggs-2026")).StatusCode);
    }

    [Fact]
    public async Task Five_wrong_passwords_stop_that_address_but_not_the_owner_signing_in_from_elsewhere()
    {
        var shopper = await Shopper.Anonymous(shop).SignUpAndSignInAsync();
        var email = shopper.Email!;
        var attacker = Shopper.Anonymous(shop);
        for (var i = 0; i < 5; i++)
            Assert.Equal("邮箱或密码不正确。", (await (await SignInAsync(attacker, email, $"wrong-{i}-password")).ReadPageAsync()).QuerySelector(".error")!.TextContent);
        // The attacker's address is refused now, whatever it types.
        var refused = await (await SignInAsync(attacker, email, Shopper.Password)).ReadPageAsync();
        Assert.Equal("尝试次数过多，请稍后再试，或用“忘记密码”重置。", refused.QuerySelector(".error")!.TextContent);

        // The owner, elsewhere, still gets in with the right password (a little slower while the account is under attack).
        Assert.Equal(HttpStatusCode.Redirect, (await SignInAsync(Shopper.Anonymous(shop), email, Shopper.Password)).StatusCode);
        await using (var scope = shop.Scope(out var db))
            Assert.Null((await db.Users.SingleAsync(u => u.Email == email)).LockoutEnd);

        // After the window the attacker's address may try again.
        shop.Clock.Advance(TimeSpan.FromMinutes(16));
        Assert.Equal(HttpStatusCode.Redirect, (await SignInAsync(attacker, email, Shopper.Password)).StatusCode);
    }

    [Fact]
    public async Task A_paid_order_sends_its_confirmation_with_lines_address_and_villages_in_the_buyer_s_language()
    {
        var shopper = await Shopper.Anonymous(shop, "en").SignUpAndSignInAsync();
        await shopper.SwitchLanguageAsync("en");                       // the buyer shops in English
        await shopper.AddToCartAsync("hezhang-jujube-walnuts", 2);
        var orderId = await shopper.CheckoutAsync();
        await shopper.SubmitAsync($"/payments/sandbox/{orderId}", "form[action*=handler\\=Pay]", []);
        var email = shopper.Email!;

        await shop.SendOutboxAsync();
        var mail = Assert.Single(shop.MailTo(email));
        Assert.Equal($"Order {orderId.ToString("N")[..12].ToUpperInvariant()} is paid · ReliefMarket", mail.Subject);
        var text = MailShop.Text(mail);
        Assert.Contains("Hezhang jujube-walnuts · 500 g bag × 2    ¥90.00", text);
        Assert.Contains("Subtotal ¥90.00 · Shipping ¥10.00 · Total ¥100.00", text);
        Assert.Contains("陈小梅 13812345678 广东省广州市番禺区市桥街道光明北路 88 号", text);
        Assert.Contains("Hezhang County · Hezhen demo village    ¥45.00", text);
        Assert.Contains("Hezhang County · Tiejiang demo village    ¥45.00", text);
        Assert.Contains($"/orders/{orderId}", text);
    }
}

public class OrderEmailTests(MailShop shop) : IClassFixture<MailShop>
{
    [Fact]
    public async Task A_failed_payment_and_an_expired_hold_are_each_told_once_but_a_consumer_s_own_cancellation_is_not()
    {
        var shopper = await Shopper.Anonymous(shop).SignUpAndSignInAsync();
        var email = shopper.Email!;

        await shopper.AddToCartAsync("hezhang-eggs", 1);
        var declined = await shopper.CheckoutAsync();
        await shopper.SubmitAsync($"/payments/sandbox/{declined}", "form[action*=handler\\=Decline]", []);

        await shopper.AddToCartAsync("hezhang-eggs", 1);
        var cancelled = await shopper.CheckoutAsync();
        await shopper.SubmitAsync($"/orders/{cancelled}", "form[action*=handler\\=Cancel]", []);

        await shopper.AddToCartAsync("hezhang-eggs", 1);
        var expired = await shopper.CheckoutAsync();
        shop.Clock.Advance(TimeSpan.FromMinutes(40));
        await using (var scope = shop.Scope(out _))
            await scope.ServiceProvider.GetRequiredService<ReliefMarket.Web.Jobs.ExpireUnpaidOrdersJob>().RunAsync(default);

        await shop.SendOutboxAsync();
        var subjects = shop.MailTo(email).Select(m => m.Subject).ToList();
        Assert.Equal(2, subjects.Count);
        Assert.Contains($"订单 {declined.ToString("N")[..12].ToUpperInvariant()} 支付未成功 · 扶贫好物集市", subjects);
        Assert.Contains($"订单 {expired.ToString("N")[..12].ToUpperInvariant()} 已超时取消 · 扶贫好物集市", subjects);
        Assert.Contains("商品已放回库存", MailShop.Text(shop.MailTo(email)[0]));
    }
}

public class OutboxTests(MailDownShop shop) : IClassFixture<MailDownShop>
{
    [Fact]
    public async Task An_email_written_while_the_mail_server_is_down_is_delivered_once_when_it_returns()
    {
        var shopper = await Shopper.Anonymous(shop).SignUpAndSignInAsync();
        await shopper.AddToCartAsync("hezhang-eggs", 1);
        var orderId = await shopper.CheckoutAsync();
        await shopper.SubmitAsync($"/payments/sandbox/{orderId}", "form[action*=handler\\=Pay]", []);

        Assert.Equal(0, await shop.SendOutboxAsync());
        string messageId;
        await using (var scope = shop.Scope(out var db))
        {
            var waiting = await db.OutboxMessages.SingleAsync(m => m.Kind == "order-paid");
            Assert.Equal((1, (DateTime?)null), (waiting.Attempts, waiting.SentAtUtc));
            Assert.NotNull(waiting.LastError);
            messageId = waiting.MessageId;
        }

        shop.StartSmtp();
        Assert.Equal(0, await shop.SendOutboxAsync());                 // backing off: not due yet
        shop.Clock.Advance(TimeSpan.FromMinutes(2));
        Assert.Equal(1, await shop.SendOutboxAsync());
        Assert.Equal(0, await shop.SendOutboxAsync());
        var mail = Assert.Single(shop.Smtp!.ReceivedEmail);
        Assert.Contains(messageId, mail.Headers["Message-ID"] ?? mail.Headers["Message-Id"]);
    }
}
