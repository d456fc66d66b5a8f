using System.Net;

namespace ReliefMarket.Web.Tests.Areas.Admin;

/// <summary>The last-administrator rule under PostgreSQL's concurrency: two administrators remove each other at once.</summary>
public class UsersRaceTests(PostgresShop shop) : IClassFixture<PostgresShop>
{
    [Fact]
    public async Task Two_admins_removing_each_others_admin_role_at_once_leave_one_admin()
    {
        for (var round = 0; round < 3; round++)
        {
            var admins = new[] { await AdminShop.AdminAsync(shop), await AdminShop.AdminAsync(shop) };
            await using (var scope = shop.Scope(out var db))
            {
                var adminRole = await db.Roles.Where(r => r.Name == Roles.Admin).Select(r => r.Id).SingleAsync();
                var ids = admins.Select(a => a.UserId).ToList();
                foreach (var u in await db.Users.Where(u => !ids.Contains(u.Id) && db.UserRoles.Any(ur => ur.UserId == u.Id && ur.RoleId == adminRole)).ToListAsync())
                    u.LockoutEnd = DateTimeOffset.UtcNow.AddYears(100);
                await db.SaveChangesAsync();
            }
            var forms = new List<(string Action, FormUrlEncodedContent Content)>();
            for (var i = 0; i < 2; i++)
                forms.Add(await admins[i].FillAsync($"/admin/users/{admins[1 - i].UserId}", $"form.remove-role:has(input[value={Roles.Admin}])", []));

            using var gate = new SemaphoreSlim(0);
            var posts = admins.Select(async (a, i) => { await gate.WaitAsync(); return await a.Client.PostAsync(forms[i].Action, forms[i].Content); }).ToList();
            gate.Release(2);
            var responses = await Task.WhenAll(posts);

            Assert.All(responses, r => Assert.Equal(HttpStatusCode.Redirect, r.StatusCode));
            Assert.Single(responses, r => r.Headers.Location!.OriginalString.EndsWith("refused=LastAdmin"));
            await using (var scope = shop.Scope(out var db))
            {
                var ids = admins.Select(a => a.UserId).ToList();
                var stillAdmin = await db.UserRoles.CountAsync(ur => ids.Contains(ur.UserId) && db.Roles.Any(r => r.Id == ur.RoleId && r.Name == Roles.Admin));
                Assert.Equal(1, stillAdmin);
                Assert.Equal(1, await db.AuditEntries.CountAsync(a => a.Action == "user.role.remove" && ids.Contains(a.EntityId)));
            }
        }
    }
}
