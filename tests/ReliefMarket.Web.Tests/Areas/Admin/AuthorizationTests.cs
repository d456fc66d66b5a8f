using System.Net;
using ReliefMarket.Web.Tests.Areas.Cooperative;

namespace ReliefMarket.Web.Tests.Areas.Admin;

public enum Who { Anonymous, Consumer, Member, Auditor, Admin }
public enum Expect { SignIn, Denied, ReadOnly, Allowed }

/// <summary>
/// Every /admin route and handler this area serves, as every kind of person: anonymous people are sent to sign in,
/// consumers and cooperative members are denied, auditors read but cannot change, administrators can do both.
/// A refused request changes nothing.
/// </summary>
public abstract class AuthorizationTests<TShop>(TShop shop) : IClassFixture<TShop> where TShop : ShopFactory
{
    private static readonly string[] Reads =
    [
        "/admin/orders", "/admin/orders/{order}", "/admin/orders/{order}/refund", "/admin/audit", "/admin/audit/export",
        "/admin/payments/unapplied", "/admin/users", "/admin/users/{user}", "/admin/users/invite",
        "/admin", "/admin/reports", "/admin/reports?handler=csv", "/admin/reports?handler=xlsx", "/admin/ledger",
        "/admin/ledger/reconciliation", "/admin/certification", "/admin/certification/{product}", "/admin/devices",
        "/admin/producers", "/admin/producers/{producer}", "/admin/producers/new", "/admin/origins", "/admin/work-units", "/admin/work-units/{unit}",
        "/admin/settlements", "/admin/settlements?Status=Approved",
        "/admin/imports", "/admin/imports?handler=template", "/admin/imports/{import}", "/admin/imports/{import}?handler=errors", "/admin/campaigns",
    ];

    /// <summary>
    /// Each handler with what it posts; the user handlers grant, remove, lock and unlock in turn, so an admin ends where
    /// they began plus four entries. The order gets one unit of its first line back, then ¥1.00 (refund number 1).
    /// The aid-structure handlers are probed with nothing to change (id 0 or an empty form): an admin gets past
    /// authorization to the page's own answer (404, or the form again), everyone else is refused before it.
    /// </summary>
    private static readonly (string Url, string Role, string Sequence, string AdminGets)[] Writes =
    [
        ("/admin/orders/{order}/refund?handler=Lines", "", "0", "redirect"), ("/admin/orders/{order}/refund", "", "1", "redirect"),
        ("/admin/users/{user}?handler=AddRole", Roles.Auditor, "0", "redirect"),
        ("/admin/users/{user}?handler=RemoveRole", Roles.Auditor, "0", "redirect"), ("/admin/users/{user}?handler=Lock", "", "0", "redirect"),
        ("/admin/users/{user}?handler=Unlock", "", "0", "redirect"),
        ("/admin/origins", "", "0", "404"), ("/admin/origins?handler=County", "", "0", "404"), ("/admin/origins?handler=Township", "", "0", "404"),
        ("/admin/origins?handler=AddVillage", "", "0", "404"), ("/admin/origins?handler=Active", "", "0", "404"),
        ("/admin/origins?handler=Delete", "", "0", "404"), ("/admin/producers/0?handler=Active", "", "0", "404"),
        ("/admin/producers/0?handler=Delete", "", "0", "404"), ("/admin/producers/new", "", "0", "200"),
        ("/admin/users/invite?handler=Member", "", "0", "200"), ("/admin/users/invite?handler=Staff", "", "0", "200"),
    ];

    private async Task<Shopper> AsAsync(Who who) => who switch
    {
        Who.Anonymous => Shopper.Anonymous(shop),
        Who.Consumer => await Shopper.Anonymous(shop).SignUpAndSignInAsync(),
        Who.Member => await CoopShop.MemberAsync(shop, await ProducerAsync()),
        Who.Auditor => await AdminShop.AuditorAsync(shop),
        _ => await AdminShop.AdminAsync(shop),
    };

    private async Task<int> ProducerAsync()
    {
        await using var scope = shop.Scope(out var db);
        return await db.Producers.Select(p => p.Id).FirstAsync();
    }

    [Theory]
    [InlineData(Who.Anonymous, Expect.SignIn)]
    [InlineData(Who.Consumer, Expect.Denied)]
    [InlineData(Who.Member, Expect.Denied)]
    [InlineData(Who.Auditor, Expect.ReadOnly)]
    [InlineData(Who.Admin, Expect.Allowed)]
    public async Task Every_admin_route_and_handler_answers_each_kind_of_person_as_it_should(Who who, Expect expect)
    {
        var order = await AdminShop.PaidOrderAsync(shop);
        var person = await AsAsync(who);
        var target = await Shopper.CreateAccountAsync(shop, $"target-{Guid.NewGuid():N}@example.test");
        var producer = await ProducerAsync();
        int product;
        await using (var scope = shop.Scope(out var db)) product = await db.Products.Where(p => p.ProducerId == producer).Select(p => p.Id).FirstAsync();
        var unit = await Unit.UnitShop.WorkUnitAsync(shop);
        var import = await Channels.ImportsTests<TShop>.StoredImportAsync(shop);
        string Fill(string route) => route.Replace("{order}", order.Id.ToString()).Replace("{user}", target).Replace("{import}", import.ToString())
            .Replace("{product}", product.ToString()).Replace("{producer}", producer.ToString()).Replace("{unit}", unit.ToString());

        foreach (var url in Reads.Select(Fill))
        {
            var response = await person.Client.GetAsync(url);
            switch (expect)
            {
                case Expect.SignIn: AssertRedirect(response, "/account/login", url); break;
                case Expect.Denied: AssertRedirect(response, "/account/access-denied", url); break;
                default:
                    Assert.True(response.StatusCode == HttpStatusCode.OK, $"{url}: {response.StatusCode}");
                    var page = await response.ReadPageAsync();
                    // Read-only means no action buttons at all: auditors see no form that posts.
                    if (url.EndsWith("/refund") || url.Contains("/users/") || url.Contains("/work-units") || url.Contains("/producers/") || url.EndsWith("/origins") || url.EndsWith("/invite"))
                        Assert.Equal(expect == Expect.Allowed, page.QuerySelectorAll("form[method=post]").Any(f => !f.ClassList.Contains("lang-switch-form") && f.GetAttribute("action") is not "/account/logout"));
                    break;
            }
        }

        // A token this person's session accepts, from a page everyone may open: the refusal must come from authorization.
        var token = (await person.PageAsync(who == Who.Anonymous ? "/account/login" : "/account/password")).QuerySelector("input[name=__RequestVerificationToken]")!.GetAttribute("value")!;
        var line = order.Lines.OrderBy(l => l.Id).First();
        foreach (var (url, role, sequence, adminGets) in Writes.Select(w => (Fill(w.Url), w.Role, w.Sequence, w.AdminGets)))
        {
            var response = await person.Client.PostAsync(url, new FormUrlEncodedContent(new Dictionary<string, string>
            {
                ["Amount"] = "1.00", ["Reason"] = "authorization table", ["Sequence"] = sequence, ["role"] = role,
                [$"Quantities[{line.Id}]"] = "1", ["__RequestVerificationToken"] = token,
            }));
            switch (expect)
            {
                case Expect.SignIn: AssertRedirect(response, "/account/login", url); break;
                case Expect.Allowed when adminGets == "404": Assert.True(response.StatusCode == HttpStatusCode.NotFound, $"{url}: {response.StatusCode}"); break;
                case Expect.Allowed when adminGets == "200": Assert.True(response.StatusCode == HttpStatusCode.OK, $"{url}: {response.StatusCode}"); break;
                case Expect.Allowed: AssertRedirect(response, url.Contains("/users/") ? $"/admin/users/{target}" : $"/admin/orders/{order.Id}", url); break;
                default: AssertRedirect(response, "/account/access-denied", url); break;
            }
        }

        var after = await AdminShop.OrderAsync(shop, order.Id);
        var effects = await AdminShop.EffectsAsync(shop, order.Id);
        int userAudits, structureAudits;
        bool locked;
        List<string> roles;
        await using (var scope = shop.Scope(out var db))
        {
            userAudits = await db.AuditEntries.CountAsync(a => a.EntityType == "User" && a.EntityId == target);
            structureAudits = await db.AuditEntries.CountAsync(a => a.EntityType == "County" || a.EntityType == "Township" || a.EntityType == "Village"
                || a.EntityType == "Producer" || a.Action == "user.invited");
            locked = await db.Users.Where(u => u.Id == target).Select(u => u.LockoutEnd != null).SingleAsync();
            roles = await db.UserRoles.Where(ur => ur.UserId == target).Join(db.Roles, ur => ur.RoleId, r => r.Id, (_, r) => r.Name!).ToListAsync();
        }
        Assert.Equal([Roles.Consumer], roles);
        Assert.False(locked);
        Assert.Equal(0, structureAudits);
        if (expect == Expect.Allowed) Assert.Equal((new Money(100) + line.UnitPrice, 2, 4), (after.Refunded, effects.Audits, userAudits));
        else Assert.Equal((Money.Zero, OrderStatus.Paid, 0, 0, 0, 0), (after.Refunded, after.Status, effects.Audits, effects.Emails, effects.Events, userAudits));
    }

    private static void AssertRedirect(HttpResponseMessage response, string path, string url)
    {
        Assert.True(response.StatusCode == HttpStatusCode.Redirect, $"{url}: {response.StatusCode}");
        var location = response.Headers.Location!;
        var actual = location.IsAbsoluteUri ? location.AbsolutePath : location.OriginalString.Split('?')[0];
        Assert.True(actual == path, $"{url}: redirected to {location}");
    }
}

public sealed class AuthorizationOnSqlite(SqliteShop shop) : AuthorizationTests<SqliteShop>(shop);
public sealed class AuthorizationOnPostgres(PostgresShop shop) : AuthorizationTests<PostgresShop>(shop);
