using System.Net;

namespace ReliefMarket.Web.Tests.Areas.Admin;

/// <summary>/admin/users/invite: a cooperative member by the portal's invitation; an administrator or auditor by their account's email.</summary>
public abstract class InviteTests<TShop>(TShop shop) : IClassFixture<TShop> where TShop : ShopFactory
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
    public async Task Making_a_registered_person_an_auditor_grants_the_role_and_an_unknown_email_is_refused()
    {
        var admin = await AdminShop.AdminAsync(shop);
        var email = $"staff-{Guid.NewGuid():N}@example.test";
        var id = await Shopper.CreateAccountAsync(shop, email);

        var unknown = await admin.SubmitAsync("/admin/users/invite", "form.invite-staff-form", new() { ["Email"] = $"nobody-{Guid.NewGuid():N}@example.test", ["Role"] = Roles.Auditor });
        Assert.Contains("先注册", (await unknown.ReadPageAsync()).QuerySelector("[role=alert]")!.TextContent);
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
    }
}

public sealed class InviteOnSqlite(SqliteShop shop) : InviteTests<SqliteShop>(shop);
public sealed class InviteOnPostgres(PostgresShop shop) : InviteTests<PostgresShop>(shop);
