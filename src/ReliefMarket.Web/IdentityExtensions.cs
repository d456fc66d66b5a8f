using Microsoft.AspNetCore.Identity;

namespace ReliefMarket.Web;

public static class IdentityExtensions
{
    public static WebApplicationBuilder AddIdentity(this WebApplicationBuilder builder)
    {
        builder.Services.AddIdentity<AppUser, IdentityRole>(o =>
            {
                o.User.RequireUniqueEmail = true;
                o.SignIn.RequireConfirmedEmail = true;
                // Length and a common-password check protect better than composition rules (NIST SP 800-63B).
                o.Password.RequiredLength = 8;
                o.Password.RequireDigit = false;
                o.Password.RequireLowercase = false;
                o.Password.RequireUppercase = false;
                o.Password.RequireNonAlphanumeric = false;
                o.Password.RequiredUniqueChars = 1;
                o.Lockout.MaxFailedAccessAttempts = 5;
                o.Lockout.DefaultLockoutTimeSpan = TimeSpan.FromMinutes(15);
            })
            .AddEntityFrameworkStores<AppDbContext>()
            .AddDefaultTokenProviders()
            .AddClaimsPrincipalFactory<Access.AppClaimsFactory>()
            .AddPasswordValidator<Accounts.CommonPasswordValidator>();
        builder.Services.AddScoped<Accounts.AccountEmails>();
        builder.Services.ConfigureApplicationCookie(o =>
        {
            o.LoginPath = "/account/login";
            o.LogoutPath = "/account/logout";
            o.AccessDeniedPath = "/account/access-denied";
            o.Cookie.SameSite = SameSiteMode.Lax;
            // Signed in but not allowed: the job dashboard answers a plain 403 rather than a redirect.
            o.Events.OnRedirectToAccessDenied = context =>
            {
                if (context.Request.Path.StartsWithSegments(Jobs.JobsExtensions.DashboardPath)) context.Response.StatusCode = StatusCodes.Status403Forbidden;
                else context.Response.Redirect(context.RedirectUri);
                return Task.CompletedTask;
            };
            o.Cookie.HttpOnly = true;
        });
        return builder;
    }
}
