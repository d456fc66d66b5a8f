using System.Security.Claims;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Filters;
using Microsoft.AspNetCore.Mvc.RazorPages;
using ReliefMarket.Web.Jobs;

namespace ReliefMarket.Web.Areas.Admin;

/// <summary>
/// /admin: the policies in one place, applied by folder so that a new page cannot forget them. Every page needs
/// <see cref="ReadReportsPolicy"/> (Admin or the read-only Auditor); every request that is not a GET or HEAD — every
/// POST handler, whatever its page — needs <see cref="AdminPolicy"/>, so an auditor is refused on the server even
/// if a form were shown to them.
/// </summary>
public static class AdminArea
{
    /// <summary>Reading the admin area, reports and the ledger: Admin or Auditor.</summary>
    public const string ReadReportsPolicy = "ReadReports";
    /// <summary>The same policy under the name the first admin page used.</summary>
    public const string StaffPolicy = ReadReportsPolicy;
    /// <summary>Changing anything: the one Admin policy, declared beside the job dashboard that also needs it.</summary>
    public const string AdminPolicy = JobsExtensions.AdminPolicy;

    public static WebApplicationBuilder AddAdminArea(this WebApplicationBuilder builder)
    {
        builder.Services.AddAuthorizationBuilder().AddPolicy(ReadReportsPolicy, p => p.RequireRole(Roles.Admin, Roles.Auditor));
        builder.Services.Configure<RazorPagesOptions>(o =>
        {
            o.Conventions.AuthorizeAreaFolder("Admin", "/", ReadReportsPolicy);
            o.Conventions.AddAreaFolderApplicationModelConvention("Admin", "/", model => model.Filters.Add(new WritesNeedAdmin()));
        });
        builder.Services.AddScoped<Audit.AuditLog>();
        builder.Services.AddScoped<Pages.Orders.OrderRefunds>();
        builder.Services.AddScoped<Pages.Users.UserAdmin>();
        builder.Services.AddScoped<Pages.Origins.AidStructure>();
        return builder;
    }

    /// <summary>Whether the page shows action buttons; the server checks again through <see cref="WritesNeedAdmin"/>.</summary>
    public static bool CanChange(this ClaimsPrincipal user) => user.IsInRole(Roles.Admin);

    /// <summary>Any request that can change something (not GET or HEAD) must pass the Admin policy.</summary>
    private sealed class WritesNeedAdmin : IAsyncAuthorizationFilter
    {
        public async Task OnAuthorizationAsync(AuthorizationFilterContext context)
        {
            var http = context.HttpContext;
            if (HttpMethods.IsGet(http.Request.Method) || HttpMethods.IsHead(http.Request.Method)) return;
            var authorization = http.RequestServices.GetRequiredService<IAuthorizationService>();
            if ((await authorization.AuthorizeAsync(http.User, AdminPolicy)).Succeeded) return;
            context.Result = http.User.Identity?.IsAuthenticated == true ? new ForbidResult() : new ChallengeResult();
        }
    }
}
