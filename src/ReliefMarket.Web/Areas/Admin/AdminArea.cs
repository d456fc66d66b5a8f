using Microsoft.AspNetCore.Mvc.RazorPages;

namespace ReliefMarket.Web.Areas.Admin;

/// <summary>
/// /admin: every page in the area needs staff (Admin or the read-only Auditor), applied to the folder so that a new
/// page cannot forget it; pages that change anything add the Admin policy themselves.
/// </summary>
public static class AdminArea
{
    public const string StaffPolicy = "Staff";

    public static WebApplicationBuilder AddAdminArea(this WebApplicationBuilder builder)
    {
        builder.Services.AddAuthorizationBuilder().AddPolicy(StaffPolicy, p => p.RequireRole(Roles.Admin, Roles.Auditor));
        builder.Services.Configure<RazorPagesOptions>(o => o.Conventions.AuthorizeAreaFolder("Admin", "/", StaffPolicy));
        builder.Services.AddScoped<Reports.AidReport>();
        return builder;
    }
}
