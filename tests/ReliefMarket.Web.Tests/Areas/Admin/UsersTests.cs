using System.Net;
using ReliefMarket.Web.Areas.Admin.Pages.Users;

namespace ReliefMarket.Web.Tests.Areas.Admin;

public abstract class UsersTests<TShop>(TShop shop) : IClassFixture<TShop> where TShop : ShopFactory
{
    private static string Url(string userId) => $"/admin/users/{userId}";

    private async Task<int> AuditsAsync(string userId, string? action = null)
    {
        await using var scope = shop.Scope(out var db);
        return await db.AuditEntries.CountAsync(a => a.EntityType == "User" && a.EntityId == userId && (action == null || a.Action == action));
    }

    private async Task<HttpResponseMessage> PostAsync(Shopper admin, string userId, string handler, string? role = null)
    {
        var values = role is null ? new Dictionary<string, string>() : new() { ["role"] = role };
        var selector = handler switch { "AddRole" => "form.add-role", "Lock" => "form.lock", "Unlock" => "form.unlock", _ => $"form.remove-role:has(input[value={role}])" };
        return await admin.SubmitAsync(Url(userId), selector, values);
    }

    [Fact]
    public async Task An_admin_finds_a_person_grants_and_removes_a_role_and_locks_them_out_with_audit_entries()
    {
        var admin = await AdminShop.AdminAsync(shop);
        var person = await Shopper.Anonymous(shop).SignUpAndSignInAsync();

        var found = await admin.PageAsync($"/admin/users?Q={Uri.EscapeDataString(person.Email![..20])}");
        Assert.Contains(person.Email, found.QuerySelector("table.admin-users")!.TextContent);

        Assert.Equal(HttpStatusCode.Redirect, (await PostAsync(admin, person.UserId!, "AddRole", Roles.Auditor)).StatusCode);
        Assert.Contains("审计员", (await admin.PageAsync(Url(person.UserId!))).QuerySelector("ul.user-roles")!.TextContent);
        Assert.Equal(HttpStatusCode.Redirect, (await PostAsync(admin, person.UserId!, "RemoveRole", Roles.Auditor)).StatusCode);
        Assert.DoesNotContain("审计员", (await admin.PageAsync(Url(person.UserId!))).QuerySelector("ul.user-roles")!.TextContent);

        Assert.Equal(HttpStatusCode.Redirect, (await PostAsync(admin, person.UserId!, "Lock")).StatusCode);
        Assert.Equal("已锁定", (await admin.PageAsync(Url(person.UserId!))).QuerySelector(".user-state")!.TextContent);
        var login = await Shopper.Anonymous(shop).SubmitAsync("/account/login", "form", new() { ["Email"] = person.Email, ["Password"] = Shopper.Password });
        Assert.Equal(HttpStatusCode.OK, login.StatusCode); // shown again with a message, not signed in
        Assert.Equal(HttpStatusCode.Redirect, (await PostAsync(admin, person.UserId!, "Unlock")).StatusCode);

        Assert.Equal((1, 1, 1, 1), (await AuditsAsync(person.UserId!, "user.role.add"), await AuditsAsync(person.UserId!, "user.role.remove"),
            await AuditsAsync(person.UserId!, "user.lock"), await AuditsAsync(person.UserId!, "user.unlock")));
        await using var scope = shop.Scope(out var db);
        var entry = await db.AuditEntries.SingleAsync(a => a.EntityId == person.UserId && a.Action == "user.role.add");
        Assert.Equal(admin.UserId, entry.UserId);
        Assert.Contains("Auditor", entry.After);
    }

    [Fact]
    public async Task An_admin_cannot_remove_their_own_admin_role_or_lock_themselves()
    {
        var admin = await AdminShop.AdminAsync(shop);

        var own = await PostAsync(admin, admin.UserId!, "RemoveRole", Roles.Admin);
        Assert.EndsWith("refused=OwnAdminRole", own.Headers.Location!.OriginalString);
        var page = await admin.PageAsync(own.Headers.Location!.OriginalString);
        Assert.Contains("不能移除您自己的管理员角色", page.QuerySelector(".form-errors")!.TextContent);
        // The lock form is shown for anyone, so the rule is tested on the server.
        var token = page.QuerySelector("input[name=__RequestVerificationToken]")!.GetAttribute("value")!;
        var self = await admin.Client.PostAsync($"{Url(admin.UserId!)}?handler=Lock",
            new FormUrlEncodedContent(new Dictionary<string, string> { ["__RequestVerificationToken"] = token }));
        Assert.EndsWith("refused=LockSelf", self.Headers.Location!.OriginalString);
        Assert.Equal(0, await AuditsAsync(admin.UserId!));
        Assert.Contains("管理员", (await admin.PageAsync(Url(admin.UserId!))).QuerySelector("ul.user-roles")!.TextContent);
    }

    [Fact]
    public async Task The_last_active_admin_cannot_be_removed()
    {
        var first = await AdminShop.AdminAsync(shop);
        var second = await AdminShop.AdminAsync(shop);
        await using (var scope = shop.Scope(out var db))
        {
            // Only these two remain administrators who can sign in.
            var adminRole = await db.Roles.Where(r => r.Name == Roles.Admin).Select(r => r.Id).SingleAsync();
            var others = await db.Users.Where(u => u.Id != first.UserId && u.Id != second.UserId
                && db.UserRoles.Any(ur => ur.UserId == u.Id && ur.RoleId == adminRole)).ToListAsync();
            foreach (var u in others) u.LockoutEnd = DateTimeOffset.UtcNow.AddYears(100);
            await db.SaveChangesAsync();
        }

        Assert.DoesNotContain("refused", (await PostAsync(first, second.UserId!, "RemoveRole", Roles.Admin)).Headers.Location!.OriginalString);
        // The second still holds a cookie saying Admin; the server sees the first is now the only administrator.
        var last = await PostAsync(second, first.UserId!, "RemoveRole", Roles.Admin);
        Assert.EndsWith("refused=LastAdmin", last.Headers.Location!.OriginalString);
        Assert.Equal(0, await AuditsAsync(first.UserId!));
        await using (var scope = shop.Scope(out var db))
            Assert.True(await db.UserRoles.AnyAsync(ur => ur.UserId == first.UserId && db.Roles.Any(r => r.Id == ur.RoleId && r.Name == Roles.Admin)));
    }
}

public sealed class UsersOnSqlite(SqliteShop shop) : UsersTests<SqliteShop>(shop);
public sealed class UsersOnPostgres(PostgresShop shop) : UsersTests<PostgresShop>(shop);
