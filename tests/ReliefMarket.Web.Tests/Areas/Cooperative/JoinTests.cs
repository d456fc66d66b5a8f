using System.Net;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Identity;
using ReliefMarket.Web.Access;

namespace ReliefMarket.Web.Tests.Areas.Cooperative;

public abstract partial class JoinTests<TShop>(TShop shop) : IClassFixture<TShop> where TShop : ShopFactory
{
    private async Task<string> InviteAsync(string email, string producer = Members.ProducerA)
    {
        var producerId = await shop.ProducerIdAsync(producer);
        await using var scope = shop.Scope(out var db);
        await scope.ServiceProvider.GetRequiredService<Invitations>().InviteAsync(email, producerId);
        var message = await db.OutboxMessages.AsNoTracking().Where(m => m.To == email).OrderByDescending(m => m.CreatedAtUtc).FirstAsync();
        var link = JoinLink().Match(message.TextBody);
        Assert.True(link.Success, message.TextBody);
        return link.Value[ShopFactory.PublicBaseUrl.Length..];
    }

    private async Task<AppUser?> UserAsync(string email)
    {
        await using var scope = shop.Scope(out _);
        var users = scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>();
        return await users.FindByEmailAsync(email);
    }

    [Fact]
    public async Task A_new_person_follows_the_link_sets_a_password_and_manages_the_producers_listings()
    {
        var email = $"new-{Guid.NewGuid():N}@example.test";
        var path = await InviteAsync(email);
        await using (var scope = shop.Scope(out var db))
            Assert.DoesNotContain(await db.Invitations.Select(i => i.TokenHash).ToListAsync(), h => path.Contains(h));

        var person = Shopper.Anonymous(shop);
        var response = await person.SubmitAsync(path, "form.join", new() { ["Password"] = "Cooperative-2026", ["ConfirmPassword"] = "Cooperative-2026" });
        Assert.Equal("/coop/products", response.Headers.Location?.OriginalString);
        Assert.Equal(HttpStatusCode.OK, (await person.Client.GetAsync("/coop/products")).StatusCode);
        var user = await UserAsync(email);
        Assert.Equal(await shop.ProducerIdAsync(Members.ProducerA), user!.ProducerId);

        // Single use: the second visit changes nothing and says why.
        var again = await Shopper.Anonymous(shop, "en").PageAsync(path);
        Assert.Contains("already used", again.QuerySelector(".join-refused")!.TextContent);
    }

    [Fact]
    public async Task An_existing_account_joins_with_its_own_password_and_a_wrong_one_changes_nothing()
    {
        var consumer = await Shopper.Anonymous(shop).SignUpAndSignInAsync();
        var path = await InviteAsync(consumer.Email!);
        var person = Shopper.Anonymous(shop);
        var wrong = await person.SubmitAsync(path, "form.join", new() { ["Password"] = "not-the-password" });
        Assert.Equal(HttpStatusCode.OK, wrong.StatusCode);
        Assert.Null((await UserAsync(consumer.Email!))!.ProducerId);

        var right = await person.SubmitAsync(path, "form.join", new() { ["Password"] = Shopper.Password });
        Assert.Equal(HttpStatusCode.Redirect, right.StatusCode);
        Assert.NotNull((await UserAsync(consumer.Email!))!.ProducerId);
    }

    [Fact]
    public async Task Expired_tampered_and_other_producer_links_give_a_clear_page_and_change_nothing()
    {
        var email = $"late-{Guid.NewGuid():N}@example.test";
        var expired = await InviteAsync(email);
        shop.Clock.Advance(Invitation.Lifetime + TimeSpan.FromMinutes(1));
        try
        {
            var page = await Shopper.Anonymous(shop).PageAsync(expired);
            Assert.NotNull(page.QuerySelector(".join-refused"));
            Assert.Null(page.QuerySelector("form.join"));
        }
        finally { shop.Clock.Advance(-(Invitation.Lifetime + TimeSpan.FromMinutes(1))); }

        var tampered = (await InviteAsync(email))[..^2] + "xx";
        Assert.NotNull((await Shopper.Anonymous(shop).PageAsync(tampered)).QuerySelector(".join-refused"));
        var posted = await Shopper.Anonymous(shop).Client.PostAsync(tampered, new FormUrlEncodedContent(new Dictionary<string, string>()));
        Assert.Equal(HttpStatusCode.BadRequest, posted.StatusCode); // no antiforgery token: refused before anything runs
        Assert.Null(await UserAsync(email));

        // A member of producer B invited to A: refused, still B's.
        var memberOfB = await shop.MemberAsync(Members.ProducerB);
        var b = await shop.ProducerIdAsync(Members.ProducerB);
        var emailOfB = await MemberEmailAsync(b);
        var page2 = await Shopper.Anonymous(shop, "en").PageAsync(await InviteAsync(emailOfB));
        Assert.Contains("another producer", page2.QuerySelector(".join-refused")!.TextContent);
        Assert.Equal(b, (await UserAsync(emailOfB))!.ProducerId);
        Assert.NotNull(memberOfB);
    }

    private async Task<string> MemberEmailAsync(int producerId)
    {
        await using var scope = shop.Scope(out var db);
        return await db.Users.Where(u => u.ProducerId == producerId).Select(u => u.Email!).FirstAsync();
    }

    [GeneratedRegex(@"https://shop\.reliefmarket\.test/coop/join\?token=[A-Za-z0-9_-]+")]
    private static partial Regex JoinLink();
}

public sealed class JoinOnSqlite(SqliteShop shop) : JoinTests<SqliteShop>(shop);
public sealed class JoinOnPostgres(PostgresShop shop) : JoinTests<PostgresShop>(shop);
