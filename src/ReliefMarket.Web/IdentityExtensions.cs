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
                // No lockout on failed passwords: it let anyone lock an owner out. Sign-in throttles instead (decision 0012);
                // an administrator can still lock an account by setting its lockout end.
            })
            .AddEntityFrameworkStores<AppDbContext>()
            .AddDefaultTokenProviders()
            .AddClaimsPrincipalFactory<Access.AppClaimsFactory>()
            .AddPasswordValidator<Accounts.CommonPasswordValidator>();
        builder.Services.AddOptions<Accounts.AccountOptions>().BindConfiguration(Accounts.AccountOptions.Section)
            .Validate(o => o.EmailCooldownMinutes >= 0 && o.SentEmailBodyRetentionHours >= 0 && o.FailedSignInWindowMinutes > 0
                           && o.MaxFailuresPerAccountAndAddress > 0 && o.MaxFailuresPerAddress > 0 && o.SlowdownAfterFailures > 0 && o.MaxSlowdownSeconds >= 0,
                "Accounts: limits must be positive.")
            .ValidateOnStart();
        builder.Services.AddScoped<Accounts.AccountEmails>();
        builder.Services.AddScoped<Accounts.SignInThrottle>();
        builder.Services.AddScoped<Accounts.DummyPassword>();
        builder.Services.ConfigureApplicationCookie(o =>
        {
            o.LoginPath = "/account/login";
            o.LogoutPath = "/account/logout";
            o.AccessDeniedPath = "/account/access-denied";
            o.Cookie.SameSite = SameSiteMode.Lax;
            // Applies when "remember me" is ticked; otherwise the cookie ends with the browser session.
            o.ExpireTimeSpan = TimeSpan.FromDays(14);
            o.SlidingExpiration = true;
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
