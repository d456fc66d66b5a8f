using Microsoft.AspNetCore.Mvc.RazorPages;
using ReliefMarket.Web.Access;

namespace ReliefMarket.Web.Areas.Cooperative;

/// <summary>
/// /coop: the cooperative portal. Every page needs a cooperative member linked to a producer, applied to the folder
/// so that a new page cannot forget it; every query then filters by <see cref="CurrentUser.ProducerId"/>.
/// </summary>
public static class CooperativeArea
{
    public const string MemberPolicy = "CooperativeMember";

    public static WebApplicationBuilder AddCooperativeArea(this WebApplicationBuilder builder)
    {
        builder.Services.AddAuthorizationBuilder().AddPolicy(MemberPolicy, p => p
            .RequireRole(Roles.CooperativeMember)
            .RequireClaim(CurrentUser.ProducerClaim));
        builder.Services.Configure<RazorPagesOptions>(o =>
        {
            o.Conventions.AuthorizeAreaFolder("Cooperative", "/", MemberPolicy);
            // Served under /coop rather than the area's name.
            o.Conventions.AddAreaFolderRouteModelConvention("Cooperative", "/", model =>
            {
                foreach (var selector in model.Selectors)
                    if (selector.AttributeRouteModel?.Template is { } template && template.StartsWith("Cooperative", StringComparison.OrdinalIgnoreCase))
                        selector.AttributeRouteModel.Template = "coop" + template["Cooperative".Length..];
            });
        });
        return builder;
    }
}
