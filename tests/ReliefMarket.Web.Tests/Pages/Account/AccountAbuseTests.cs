using System.Diagnostics;
using System.Net;
using System.Text.RegularExpressions;

namespace ReliefMarket.Web.Tests.Pages.Account;

/// <summary>
/// Accounts used against their owners: telling which addresses have accounts (by answer or by time), flooding an
/// address with account emails, dead-end unconfirmed accounts. Mail is read from the outbox.
/// </summary>
public abstract partial class AccountAbuseTests<TShop>(TShop shop) : IClassFixture<TShop> where TShop : ShopFactory
{
    private const string Strong = "Weining-potato-88";
    private static string NewEmail() => $"abuse-{Guid.NewGuid():N}@example.test";

    private Task<string> AccountAsync(string email, bool confirmed = true) => Shopper.CreateAccountAsync(shop, email, confirmed);

    private static Task<HttpResponseMessage> RegisterAsync(Shopper shopper, string email, string password) =>
        shopper.SubmitAsync("/account/register", "form", new() { ["Email"] = email, ["Password"] = password, ["ConfirmPassword"] = password });

    private static Task<HttpResponseMessage> SignInAsync(Shopper shopper, string email, string password) =>
        shopper.SubmitAsync("/account/login", "form", new() { ["Email"] = email, ["Password"] = password });

    private static Task<HttpResponseMessage> ForgotAsync(Shopper shopper, string email) =>
        shopper.SubmitAsync("/account/forgot", "form", new() { ["Email"] = email });

    /// <summary>Status and page, without what differs between any two requests: antiforgery tokens and the address typed.</summary>
    private static async Task<(HttpStatusCode, string?, string)> AnswerAsync(HttpResponseMessage response, string email)
    {
        var body = await response.Content.ReadAsStringAsync();
        body = AntiforgeryToken().Replace(body, "TOKEN").Replace(email, "EMAIL");
        return (response.StatusCode, response.Headers.Location?.OriginalString, body);
    }

    [GeneratedRegex("name=\"__RequestVerificationToken\" type=\"hidden\" value=\"[^\"]*\"")]
    private static partial Regex AntiforgeryToken();

    private async Task<List<(string Kind, string Text)>> OutboxTo(string email)
    {
        await using var scope = shop.Scope(out var db);
        return (await db.OutboxMessages.Where(m => m.To == email).OrderBy(m => m.CreatedAtUtc).ToListAsync()).Select(m => (m.Kind, m.TextBody)).ToList();
    }

    [Fact]
    public async Task A_weak_password_gets_the_same_page_whether_or_not_the_address_has_an_account()
    {
        var taken = NewEmail();
        await AccountAsync(taken);
        var fresh = NewEmail();
        var forTaken = await AnswerAsync(await RegisterAsync(Shopper.Anonymous(shop), taken, "12345678"), taken);
        var forFresh = await AnswerAsync(await RegisterAsync(Shopper.Anonymous(shop), fresh, "12345678"), fresh);
        Assert.Equal(forFresh, forTaken);
        Assert.Equal(HttpStatusCode.OK, forTaken.Item1);
        Assert.Empty(await OutboxTo(taken));
    }

    [Fact]
    public async Task A_wrong_password_gets_the_same_answer_for_a_real_an_unconfirmed_and_a_missing_account()
    {
        var real = NewEmail();
        var unconfirmed = NewEmail();
        var missing = NewEmail();
        await AccountAsync(real);
        await AccountAsync(unconfirmed, confirmed: false);

        var answers = new List<(HttpStatusCode, string?, string)>();
        foreach (var email in new[] { real, unconfirmed, missing })
            answers.Add(await AnswerAsync(await SignInAsync(Shopper.Anonymous(shop), email, "wrong-password-1"), email));
        Assert.All(answers, a => Assert.Equal(answers[0], a));
        Assert.Contains("邮箱或密码不正确。", answers[0].Item3);
    }

    [Fact]
    public async Task Only_the_right_password_hears_that_an_account_is_unconfirmed_and_is_offered_a_fresh_link()
    {
        var email = NewEmail();
        await AccountAsync(email, confirmed: false);
        var visitor = Shopper.Anonymous(shop);
        var page = await (await SignInAsync(visitor, email, Shopper.Password)).ReadPageAsync();
        Assert.Equal("请先通过邮件确认您的邮箱。", page.QuerySelector(".error")!.TextContent);
        Assert.Equal(email, page.QuerySelector("form.resend input[name=Email]")!.GetAttribute("value"));

        var resent = await visitor.SubmitAsync("/account/login", "form.login", new() { ["Email"] = email, ["Password"] = Shopper.Password });
        var form = await resent.ReadPageAsync();
        var fields = form.QuerySelectorAll("form.resend input[name]").ToDictionary(i => i.GetAttribute("name")!, i => i.GetAttribute("value") ?? "");
        var response = await visitor.Client.PostAsync(form.QuerySelector("form.resend")!.GetAttribute("action"), new FormUrlEncodedContent(fields));
        Assert.Equal("/account/check-email?reason=register", response.Headers.Location!.OriginalString);
        Assert.Equal("confirm-email", Assert.Single(await OutboxTo(email)).Kind);
    }

    [Fact]
    public async Task Repeated_failures_are_refused_alike_for_real_and_missing_accounts()
    {
        var real = NewEmail();
        var missing = NewEmail();
        await AccountAsync(real);
        var answers = new List<(HttpStatusCode, string?, string)>();
        foreach (var email in new[] { real, missing })
        {
            var attacker = Shopper.Anonymous(shop);
            for (var i = 0; i < 5; i++) await SignInAsync(attacker, email, $"wrong-{i}-password");
            answers.Add(await AnswerAsync(await SignInAsync(attacker, email, $"wrong-6-password"), email));
        }
        Assert.Equal(answers[0], answers[1]);
        Assert.Contains("尝试次数过多", answers[0].Item3);
    }

    [Fact]
    public async Task Registering_again_or_forgetting_the_password_of_an_unconfirmed_account_sends_a_fresh_confirmation()
    {
        var email = NewEmail();
        await RegisterAsync(Shopper.Anonymous(shop), email, Strong);
        shop.Clock.Advance(TimeSpan.FromMinutes(6));
        await RegisterAsync(Shopper.Anonymous(shop), email, "Another-strong-one-7");
        shop.Clock.Advance(TimeSpan.FromMinutes(6));
        await ForgotAsync(Shopper.Anonymous(shop), email);

        var mails = await OutboxTo(email);
        Assert.Equal(["confirm-email", "confirm-email", "confirm-email"], mails.Select(m => m.Kind));
        Assert.All(mails, m => Assert.Contains("/account/confirm?userId=", m.Text));
        Assert.Equal(3, mails.Select(m => m.Text).Distinct().Count());          // each a fresh link
    }

    [Fact]
    public async Task Resend_answers_the_same_for_any_address_and_writes_only_to_an_unconfirmed_account()
    {
        var unconfirmed = NewEmail();
        var confirmed = NewEmail();
        var missing = NewEmail();
        await AccountAsync(unconfirmed, confirmed: false);
        await AccountAsync(confirmed);

        var answers = new List<(HttpStatusCode, string?, string)>();
        foreach (var email in new[] { unconfirmed, confirmed, missing })
            answers.Add(await AnswerAsync(await Shopper.Anonymous(shop).SubmitAsync("/account/resend", "form", new() { ["Email"] = email }), email));
        Assert.All(answers, a => Assert.Equal(answers[0], a));
        Assert.Equal((HttpStatusCode.Redirect, "/account/check-email?reason=register"), (answers[0].Item1, answers[0].Item2));
        Assert.Equal("confirm-email", Assert.Single(await OutboxTo(unconfirmed)).Kind);
        Assert.Empty(await OutboxTo(confirmed));

        // The check-email page carries the same form for the next try.
        Assert.NotNull((await Shopper.Anonymous(shop).PageAsync("/account/check-email?reason=register")).QuerySelector("form.resend"));
    }

    [Fact]
    public async Task Fifteen_forgot_password_posts_write_one_email_until_the_cooldown_passes()
    {
        var email = NewEmail();
        await AccountAsync(email);
        for (var i = 0; i < 15; i++)
            Assert.Equal(HttpStatusCode.Redirect, (await ForgotAsync(Shopper.Anonymous(shop), email)).StatusCode);
        Assert.Single(await OutboxTo(email));

        // Registering again is another kind of email, limited on its own.
        for (var i = 0; i < 3; i++) await RegisterAsync(Shopper.Anonymous(shop), email, Strong);
        Assert.Equal(["already-registered", "reset-password"], (await OutboxTo(email)).Select(m => m.Kind).Order());

        shop.Clock.Advance(TimeSpan.FromMinutes(5) + TimeSpan.FromSeconds(1));
        await ForgotAsync(Shopper.Anonymous(shop), email);
        Assert.Equal(3, (await OutboxTo(email)).Count);
    }

    [Fact]
    public async Task Remember_me_makes_the_sign_in_last_fourteen_days_otherwise_it_ends_with_the_browser()
    {
        foreach (var remember in new[] { true, false })
        {
            var email = NewEmail();
            await AccountAsync(email);
            var response = await Shopper.Anonymous(shop).SubmitAsync("/account/login", "form.login",
                new() { ["Email"] = email, ["Password"] = Shopper.Password, ["RememberMe"] = remember ? "true" : "false" });
            Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
            var cookie = response.Headers.GetValues("Set-Cookie").Single(c => c.StartsWith(".AspNetCore.Identity.Application="));
            var expires = Regex.Match(cookie, "expires=([^;]+)", RegexOptions.IgnoreCase);
            Assert.Equal(remember, expires.Success);
            if (remember)
                Assert.InRange(DateTimeOffset.Parse(expires.Groups[1].Value) - DateTimeOffset.UtcNow, TimeSpan.FromDays(13.9), TimeSpan.FromDays(14.1));
        }
        var login = await Shopper.Anonymous(shop).PageAsync("/account/login");
        Assert.Equal("checkbox", login.QuerySelector("input[name=RememberMe]")!.GetAttribute("type"));
    }

    /// <summary>
    /// A wrong password for a real account costs a password hash; a missing account must cost the same, or the time
    /// tells which addresses have accounts. Medians of interleaved tries, compared as a ratio, so a busy machine
    /// slows both alike.
    /// </summary>
    [Fact]
    public async Task A_wrong_password_takes_as_long_for_a_missing_account_as_for_a_real_one()
    {
        const int tries = 10;
        var real = new List<string>();
        for (var i = 0; i <= tries; i++) { var e = NewEmail(); await AccountAsync(e); real.Add(e); }
        var (realMs, missingMs) = await MedianTimesAsync(tries, i => (real[i], NewEmail()),
            e => ("/account/login", new() { ["Email"] = e, ["Password"] = "wrong-password-1" }));
        Assert.True(missingMs / realMs is >= 0.5 and <= 2.0, $"median {missingMs:F1} ms for a missing account, {realMs:F1} ms for a real one");
    }

    [Fact]
    public async Task Forgot_password_takes_as_long_for_a_missing_account_as_for_a_real_one()
    {
        const int tries = 10;
        var real = new List<string>();
        for (var i = 0; i <= tries; i++) { var e = NewEmail(); await AccountAsync(e); real.Add(e); }
        var (realMs, missingMs) = await MedianTimesAsync(tries, i => (real[i], NewEmail()), e => ("/account/forgot", new() { ["Email"] = e }));
        Assert.True(missingMs / realMs is >= 0.5 and <= 2.0, $"median {missingMs:F1} ms for a missing account, {realMs:F1} ms for a real one");
    }

    private async Task<(double Real, double Missing)> MedianTimesAsync(int tries, Func<int, (string Real, string Missing)> emails,
        Func<string, (string Url, Dictionary<string, string> Values)> form)
    {
        var real = new List<double>();
        var missing = new List<double>();
        for (var i = 0; i <= tries; i++)
        {
            var (r, m) = emails(i);
            foreach (var (email, into) in i % 2 == 0 ? new[] { (r, real), (m, missing) } : [(m, missing), (r, real)])
            {
                var shopper = Shopper.Anonymous(shop);
                var (url, values) = form(email);
                var (action, content) = await shopper.FillAsync(url, "form", values);
                var watch = Stopwatch.StartNew();
                await shopper.Client.PostAsync(action, content);
                if (i > 0) into.Add(watch.Elapsed.TotalMilliseconds); // the first round warms up
            }
        }
        return (Median(real), Median(missing));
    }

    private static double Median(List<double> values)
    {
        values.Sort();
        return values.Count % 2 == 1 ? values[values.Count / 2] : (values[values.Count / 2 - 1] + values[values.Count / 2]) / 2;
    }
}

public sealed class AccountAbuseOnSqlite(SqliteShop shop) : AccountAbuseTests<SqliteShop>(shop);
public sealed class AccountAbuseOnPostgres(PostgresShop shop) : AccountAbuseTests<PostgresShop>(shop);
