using System.Security.Claims;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;

namespace ReliefMarket.Web.Access;

/// <summary>Who is asking, read from the sign-in cookie's claims: one place, not one lookup per page.</summary>
public static class CurrentUser
{
    /// <summary>The producer a cooperative member manages, put in the cookie at sign-in.</summary>
    public const string ProducerClaim = "producer_id";

    public static int? ProducerId(this ClaimsPrincipal user) =>
        int.TryParse(user.FindFirst(ProducerClaim)?.Value, out var id) ? id : null;

    /// <summary>The work unit a buyer orders for, put in the cookie at sign-in.</summary>
    public const string WorkUnitClaim = "work_unit_id";

    public static int? WorkUnitId(this ClaimsPrincipal user) =>
        int.TryParse(user.FindFirst(WorkUnitClaim)?.Value, out var id) ? id : null;
}

/// <summary>Adds the member's producer and the buyer's work unit to the claims, so every cooperative query can be scoped without a lookup.</summary>
public sealed class AppClaimsFactory(UserManager<AppUser> users, RoleManager<IdentityRole> roles, IOptions<IdentityOptions> options)
    : UserClaimsPrincipalFactory<AppUser, IdentityRole>(users, roles, options)
{
    protected override async Task<ClaimsIdentity> GenerateClaimsAsync(AppUser user)
    {
        var identity = await base.GenerateClaimsAsync(user);
        if (user.ProducerId is { } producer) identity.AddClaim(new Claim(CurrentUser.ProducerClaim, producer.ToString()));
        if (user.WorkUnitId is { } unit) identity.AddClaim(new Claim(CurrentUser.WorkUnitClaim, unit.ToString()));
        return identity;
    }
}
