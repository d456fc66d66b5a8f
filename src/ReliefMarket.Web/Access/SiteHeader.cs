using System.Security.Claims;

namespace ReliefMarket.Web.Access;

/// <summary>
/// What the site header shows a visitor: which links, never who they are. Catalog pages are cached once per
/// distinct header (<see cref="CacheKey"/>), so signed-in shoppers get the cache too; anything personal (the cart
/// count) is fetched after load by /js/header.js. See docs/decisions/0024.
/// </summary>
public readonly record struct SiteHeader(bool SignedIn, bool Cooperative, bool Administration, bool WorkUnit = false)
{
    public static SiteHeader For(ClaimsPrincipal user)
    {
        if (user.Identity?.IsAuthenticated != true) return default;
        return new SiteHeader(true,
            user.IsInRole(Roles.CooperativeMember) && user.HasClaim(c => c.Type == CurrentUser.ProducerClaim),
            user.IsInRole(Roles.Admin) || user.IsInRole(Roles.Auditor),
            user.IsInRole(Roles.WorkUnitBuyer) && user.HasClaim(c => c.Type == CurrentUser.WorkUnitClaim));
    }

    public string CacheKey => !SignedIn ? "anonymous" : $"signed-in{(Cooperative ? "+coop" : "")}{(Administration ? "+admin" : "")}{(WorkUnit ? "+unit" : "")}";
}
