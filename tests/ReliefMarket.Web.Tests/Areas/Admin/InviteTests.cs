using System.Net;
using System.Text.RegularExpressions;
using ReliefMarket.Web.Access;

namespace ReliefMarket.Web.Tests.Areas.Admin;

/// <summary>/admin/users/invite: a cooperative member by the portal's invitation; an administrator or auditor by their account's email, or by an emailed link (/account/join-staff) when the email has no account.</summary>
public abstract partial class InviteTests<TShop>(TShop shop) : IClassFixture<TShop> where TShop : ShopFactory
{
    [Fact]
    public async Task Inviting_a_cooperative_member_emails_a_link_for_that_producer_and_is_audited()
    {
        var admin = await AdminShop.AdminAsync(shop);
        var email = $"member-{Guid.NewGuid():N}@example.test";
        int producer;
        await using (var scope = shop.Scope(out var db)) producer = await db.Producers.Where(p => p.IsActive).Select(p => p.Id).FirstAsync();

        var response = await admin.SubmitAsync("/admin/users/invite", "form.invite-member-form", new() { ["Email"] = email, ["Producer"] = producer.ToString() });

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        await using (var scope = shop.Scope(out var db))
        {
            var invitation = await db.Invitations.SingleAsync(i => i.Email == email);
            Assert.Equal(producer, invitation.ProducerId);
            Assert.Equal(1, await db.OutboxMessages.CountAsync(m => m.To == email && m.Kind == "coop-invitation"));
            var audit = await db.AuditEntries.SingleAsync(a => a.Action == "user.invited" && a.EntityId == email);
            Assert.Equal(admin.UserId, audit.UserId);
        }
    }

    [Theory]
    [InlineData("not-an-email", "有效的邮箱")]
    [InlineData("<script>@x", "有效的邮箱")]
    [InlineData("NO_PRODUCER", "生产主体")]
    public async Task A_bad_member_invitation_is_refused_and_nothing_is_written(string email, string message)
    {
        var admin = await AdminShop.AdminAsync(shop);
        var values = new Dictionary<string, string> { ["Email"] = email, ["Producer"] = "1" };
        if (email == "NO_PRODUCER") values = new() { ["Email"] = $"x-{Guid.NewGuid():N}@example.test", ["Producer"] = "0" };
        int before;
        await using (var scope = shop.Scope(out var db)) before = await db.Invitations.CountAsync();

        var response = await admin.SubmitAsync("/admin/users/invite", "form.invite-member-form", values);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains(message, (await response.ReadPageAsync()).QuerySelector("[role=alert]")!.TextContent);
        await using (var scope = shop.Scope(out var db))
        {
            Assert.Equal(before, await db.Invitations.CountAsync());
            Assert.False(await db.AuditEntries.AnyAsync(a => a.Action == "user.invited" && a.EntityId == values["Email"]));
        }
    }

    [Fact]
    public async Task Making_a_registered_person_an_auditor_grants_the_role_at_once()
    {
        var admin = await AdminShop.AdminAsync(shop);
        var email = $"staff-{Guid.NewGuid():N}@example.test";
        var id = await Shopper.CreateAccountAsync(shop, email);

        var wrongRole = await admin.SubmitAsync("/admin/users/invite", "form.invite-staff-form", new() { ["Email"] = email, ["Role"] = Roles.CooperativeMember });
        Assert.Contains("管理员或审计员", (await wrongRole.ReadPageAsync()).QuerySelector("[role=alert]")!.TextContent);

        var granted = await admin.SubmitAsync("/admin/users/invite", "form.invite-staff-form", new() { ["Email"] = email.ToUpperInvariant(), ["Role"] = Roles.Auditor });

        Assert.Equal(HttpStatusCode.Redirect, granted.StatusCode);
        Assert.Equal($"/admin/users/{id}", granted.Headers.Location!.OriginalString);
        await using var scope = shop.Scope(out var db);
        var roles = await db.UserRoles.Where(ur => ur.UserId == id).Join(db.Roles, ur => ur.RoleId, r => r.Id, (_, r) => r.Name!).ToListAsync();
        Assert.Contains(Roles.Auditor, roles);
        Assert.DoesNotContain(Roles.Admin, roles);
        Assert.True(await db.AuditEntries.AnyAsync(a => a.EntityId == id && a.UserId == admin.UserId));
        Assert.False(await db.StaffInvitations.AnyAsync(i => i.Email == email));
    }

    private async Task<string> InviteStaffAsync(Shopper admin, string email, string role = Roles.Auditor)
    {
        var response = await admin.SubmitAsync("/admin/users/invite", "form.invite-staff-form", new() { ["Email"] = email, ["Role"] = role });
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Contains("sent=True", response.Headers.Location!.OriginalString, StringComparison.OrdinalIgnoreCase);
        await using var scope = shop.Scope(out var db);
        var message = await db.OutboxMessages.AsNoTracking().Where(m => m.To == email && m.Kind == "staff-invitation").OrderByDescending(m => m.CreatedAtUtc).FirstAsync();
        var link = StaffLink().Match(message.TextBody);
        Assert.True(link.Success, message.TextBody);
        Assert.Contains(link.Value, message.HtmlBody);
        return link.Value[ShopFactory.PublicBaseUrl.Length..];
    }

    private async Task<List<string>> RolesAsync(string email)
    {
        await using var scope = shop.Scope(out var db);
        return await db.Users.Where(u => u.Email == email).Join(db.UserRoles, u => u.Id, ur => ur.UserId, (_, ur) => ur.RoleId)
            .Join(db.Roles, id => id, r => r.Id, (_, r) => r.Name!).ToListAsync();
    }

    [Fact]
    public async Task An_unknown_email_invited_as_auditor_follows_the_link_registers_and_reads_admin_but_cannot_post_and_the_link_works_once()
    {
        var admin = await AdminShop.AdminAsync(shop);
        var email = $"new-auditor-{Guid.NewGuid():N}@example.test";

        var path = await InviteStaffAsync(admin, email);

        await using (var scope = shop.Scope(out var db))
        {
            var invitation = await db.StaffInvitations.SingleAsync(i => i.Email == email);
            Assert.Equal(Roles.Auditor, invitation.Role);
            Assert.DoesNotContain(invitation.TokenHash, path); // only the hash is stored
            var audit = await db.AuditEntries.SingleAsync(a => a.Action == "user.invited" && a.EntityId == email);
            Assert.Equal(admin.UserId, audit.UserId);
            Assert.False(await db.Users.AnyAsync(u => u.Email == email));
        }

        var person = Shopper.Anonymous(shop);
        Assert.Contains("审计员", (await person.PageAsync(path)).QuerySelector("main")!.TextContent);
        var joined = await person.SubmitAsync(path, "form.join", new() { ["Password"] = "Auditor-2026-ok", ["ConfirmPassword"] = "Auditor-2026-ok" });
        Assert.Equal("/admin", joined.Headers.Location?.OriginalString);
        Assert.Equal([Roles.Auditor], await RolesAsync(email));
        Assert.Equal(HttpStatusCode.OK, (await person.Client.GetAsync("/admin")).StatusCode);
        await using (var scope = shop.Scope(out var db))
        {
            var id = await db.Users.Where(u => u.Email == email).Select(u => u.Id).SingleAsync();
            Assert.True(await db.AuditEntries.AnyAsync(a => a.Action == "user.joined" && a.EntityId == id && a.After!.Contains("Auditor")));
            Assert.Equal(id, (await db.StaffInvitations.SingleAsync(i => i.Email == email)).UsedByUserId);
        }

        // Read-only: the new auditor's post to an admin handler is refused and writes nothing.
        var other = $"other-{Guid.NewGuid():N}@example.test";
        var token = await person.AntiforgeryTokenAsync();
        var posted = await person.Client.PostAsync("/admin/users/invite?handler=Staff", new FormUrlEncodedContent(new Dictionary<string, string>
            { ["Email"] = other, ["Role"] = Roles.Admin, ["__RequestVerificationToken"] = token }));
        Assert.Contains("/account/access-denied", posted.Headers.Location!.OriginalString);
        await using (var scope = shop.Scope(out var db)) Assert.False(await db.StaffInvitations.AnyAsync(i => i.Email == other));

        // Single use: the second visit changes nothing and says why.
        var again = await Shopper.Anonymous(shop, "en").PageAsync(path);
        Assert.Contains("already used", again.QuerySelector(".join-refused")!.TextContent);
        Assert.Null(again.QuerySelector("form.join"));
    }

    [Fact]
    public async Task An_existing_account_invited_later_joins_with_its_own_password()
    {
        var admin = await AdminShop.AdminAsync(shop);
        var email = $"late-{Guid.NewGuid():N}@example.test";
        var path = await InviteStaffAsync(admin, email, Roles.Admin);
        await Shopper.CreateAccountAsync(shop, email); // registered between the email and the click

        var person = Shopper.Anonymous(shop);
        var wrong = await person.SubmitAsync(path, "form.join", new() { ["Password"] = "not-the-password" });
        Assert.Equal(HttpStatusCode.OK, wrong.StatusCode);
        Assert.DoesNotContain(Roles.Admin, await RolesAsync(email));

        var right = await person.SubmitAsync(path, "form.join", new() { ["Password"] = Shopper.Password });
        Assert.Equal(HttpStatusCode.Redirect, right.StatusCode);
        Assert.Contains(Roles.Admin, await RolesAsync(email));
    }

    [Fact]
    public async Task Expired_and_tampered_staff_links_give_a_clear_page_and_change_nothing()
    {
        var admin = await AdminShop.AdminAsync(shop);
        var email = $"expired-{Guid.NewGuid():N}@example.test";
        var expired = await InviteStaffAsync(admin, email);
        shop.Clock.Advance(Invitation.Lifetime + TimeSpan.FromMinutes(1));
        try
        {
            var page = await Shopper.Anonymous(shop, "en").PageAsync(expired);
            Assert.Contains("expired", page.QuerySelector(".join-refused")!.TextContent);
            Assert.Null(page.QuerySelector("form.join"));
        }
        finally { shop.Clock.Advance(-(Invitation.Lifetime + TimeSpan.FromMinutes(1))); }

        var tampered = (await InviteStaffAsync(admin, email))[..^2] + "xx";
        Assert.NotNull((await Shopper.Anonymous(shop).PageAsync(tampered)).QuerySelector(".join-refused"));
        Assert.NotNull((await Shopper.Anonymous(shop).PageAsync("/account/join-staff")).QuerySelector(".join-refused"));
        await using var scope = shop.Scope(out var db);
        Assert.False(await db.Users.AnyAsync(u => u.Email == email));
        Assert.False(await db.StaffInvitations.AnyAsync(i => i.Email == email && i.UsedAtUtc != null));
    }

    [Theory]
    [InlineData(Roles.Consumer)]
    [InlineData(Roles.Auditor)]
    public async Task A_consumer_or_auditor_cannot_send_a_staff_invitation_and_nothing_is_written(string role)
    {
        var person = role == Roles.Auditor ? await AdminShop.AuditorAsync(shop) : await Shopper.Anonymous(shop).SignUpAndSignInAsync();
        var email = $"refused-{Guid.NewGuid():N}@example.test";
        var token = await person.AntiforgeryTokenAsync();

        var response = await person.Client.PostAsync("/admin/users/invite?handler=Staff", new FormUrlEncodedContent(new Dictionary<string, string>
            { ["Email"] = email, ["Role"] = Roles.Admin, ["__RequestVerificationToken"] = token }));

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Contains("/account/access-denied", response.Headers.Location!.OriginalString);
        await using var scope = shop.Scope(out var db);
        Assert.False(await db.StaffInvitations.AnyAsync(i => i.Email == email));
        Assert.False(await db.OutboxMessages.AnyAsync(m => m.To == email));
        Assert.False(await db.AuditEntries.AnyAsync(a => a.EntityId == email));
    }

    [Fact]
    public async Task Two_people_following_one_staff_link_at_once_get_in_once()
    {
        var admin = await AdminShop.AdminAsync(shop);
        var email = $"race-{Guid.NewGuid():N}@example.test";
        var path = await InviteStaffAsync(admin, email);
        await Shopper.CreateAccountAsync(shop, email);
        var (one, two) = (Shopper.Anonymous(shop), Shopper.Anonymous(shop));
        var forms = await Task.WhenAll(one.FillAsync(path, "form.join", new() { ["Password"] = Shopper.Password }),
            two.FillAsync(path, "form.join", new() { ["Password"] = Shopper.Password }));

        var responses = await Task.WhenAll(one.Client.PostAsync(forms[0].Action, forms[0].Content), two.Client.PostAsync(forms[1].Action, forms[1].Content));

        Assert.Equal(1, responses.Count(r => r.StatusCode == HttpStatusCode.Redirect));
        Assert.Equal(1, responses.Count(r => r.StatusCode == HttpStatusCode.OK));
        await using var scope = shop.Scope(out var db);
        var id = await db.Users.Where(u => u.Email == email).Select(u => u.Id).SingleAsync();
        Assert.Equal(1, await db.AuditEntries.CountAsync(a => a.Action == "user.joined" && a.EntityId == id));
        Assert.Contains(Roles.Auditor, await RolesAsync(email));
    }

    [GeneratedRegex(@"https://shop\.reliefmarket\.test/account/join-staff\?token=[A-Za-z0-9_-]+")]
    private static partial Regex StaffLink();
}

public sealed class InviteOnSqlite(SqliteShop shop) : InviteTests<SqliteShop>(shop);
public sealed class InviteOnPostgres(PostgresShop shop) : InviteTests<PostgresShop>(shop);
