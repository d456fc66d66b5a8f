using System.Globalization;
using System.Security.Claims;
using System.Threading.RateLimiting;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Options;

namespace ReliefMarket.Web.Security;

/// <summary>How many requests one client may make in one window.</summary>
public sealed class RateLimit
{
    public int PermitLimit { get; set; }
    public TimeSpan Window { get; set; } = TimeSpan.FromMinutes(1);
}

public sealed class RateLimitSettings
{
    public const string Section = "RateLimits";

    public RateLimit SignIn { get; set; } = new() { PermitLimit = 10 };
    public RateLimit Register { get; set; } = new() { PermitLimit = 5 };
    public RateLimit ForgotPassword { get; set; } = new() { PermitLimit = 5 };
    public RateLimit Checkout { get; set; } = new() { PermitLimit = 20 };
    public RateLimit Webhook { get; set; } = new() { PermitLimit = 300 };
    /// <summary>Per device: a cabinet sends a batch every few minutes; 60 batches of 500 a minute is a device gone wrong.</summary>
    public RateLimit ChannelSales { get; set; } = new() { PermitLimit = 60 };

    public IEnumerable<RateLimit> All => [SignIn, Register, ForgotPassword, Checkout, Webhook, ChannelSales];
}

/// <summary>
/// Limits on the posts that cost us (password hashing, emails, orders, webhook work) or that guess passwords.
/// Only POSTs are limited: the pages themselves, and the output-cached catalog, are never slowed.
/// </summary>
public static class RateLimits
{
    public const string SignIn = "sign-in", Register = "register", ForgotPassword = "forgot-password", Checkout = "checkout", Webhook = "webhook",
        ChannelSales = "channel-sales";

    /// <summary>Pages and their policy, declared once here rather than as attributes a new page could forget.</summary>
    private static readonly (string Page, string Policy)[] Pages =
        [("/Account/Login", SignIn), ("/Account/Register", Register), ("/Account/Forgot", ForgotPassword),
         // Resending a confirmation costs what a forgotten password costs: an email; it shares that budget.
         ("/Account/Resend", ForgotPassword), ("/Checkout/Index", Checkout)];

    public static void AddRateLimits(this WebApplicationBuilder builder)
    {
        builder.Services.AddOptions<RateLimitSettings>().BindConfiguration(RateLimitSettings.Section)
            .Validate(s => s.All.All(l => l.PermitLimit > 0 && l.Window > TimeSpan.Zero), "RateLimits: every PermitLimit and Window must be positive.")
            .ValidateOnStart();
        builder.Services.Configure<RazorPagesOptions>(o =>
        {
            foreach (var (page, policy) in Pages)
                o.Conventions.AddPageApplicationModelConvention(page, m => m.EndpointMetadata.Add(new EnableRateLimitingAttribute(policy)));
        });
        builder.Services.AddRateLimiter(o =>
        {
            o.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            o.AddPolicy(SignIn, c => ByClient(c, s => s.SignIn));
            o.AddPolicy(Register, c => ByClient(c, s => s.Register));
            o.AddPolicy(ForgotPassword, c => ByClient(c, s => s.ForgotPassword));
            o.AddPolicy(Webhook, c => ByClient(c, s => s.Webhook));
            // A signed-in shopper is limited per account, not per address: carrier-grade NAT puts many shoppers
            // behind one address, and one account spread over many addresses is still one account.
            o.AddPolicy(Checkout, c => ByClient(c, s => s.Checkout, c.User.FindFirstValue(ClaimTypes.NameIdentifier) is { } id ? $"user:{id}" : null));
            // Per device, by the key's public prefix (checked or not: a flood of wrong keys with one prefix is one client too).
            o.AddPolicy(ChannelSales, c => ByClient(c, s => s.ChannelSales,
                Channels.DeviceKey.PrefixOf(c.Request.Headers[Channels.DeviceKey.Header].ToString()) is { } prefix ? $"device:{prefix}" : null));
            o.OnRejected = RejectAsync;
        });
    }

    /// <summary>After authentication (checkout is limited per account) and routing (policies belong to endpoints).</summary>
    public static WebApplication UseRateLimits(this WebApplication app)
    {
        app.UseRateLimiter();
        return app;
    }

    private static RateLimitPartition<string> ByClient(HttpContext context, Func<RateLimitSettings, RateLimit> pick, string? account = null)
    {
        if (!HttpMethods.IsPost(context.Request.Method)) return RateLimitPartition.GetNoLimiter("");
        var limit = pick(context.RequestServices.GetRequiredService<IOptions<RateLimitSettings>>().Value);
        // After the forwarded-headers middleware, so behind a trusted proxy this is the real client.
        var key = account ?? $"ip:{context.Connection.RemoteIpAddress?.ToString() ?? "unknown"}";
        return RateLimitPartition.GetFixedWindowLimiter(key, _ => new FixedWindowRateLimiterOptions
        {
            PermitLimit = limit.PermitLimit, Window = limit.Window, QueueLimit = 0, AutoReplenishment = true,
        });
    }

    /// <summary>
    /// 429 with Retry-After. Pages get the localized error page (status code pages re-execute /Error?code=429
    /// because nothing is written here); anything else, such as the webhook, gets a problem+json body.
    /// </summary>
    private static async ValueTask RejectAsync(OnRejectedContext rejected, CancellationToken ct)
    {
        var http = rejected.HttpContext;
        var retryAfter = rejected.Lease.TryGetMetadata(MetadataName.RetryAfter, out var wait) ? wait : TimeSpan.FromMinutes(1);
        http.Response.Headers.RetryAfter = Math.Max(1, (int)Math.Ceiling(retryAfter.TotalSeconds)).ToString(CultureInfo.InvariantCulture);
        if (http.GetEndpoint()?.Metadata.GetMetadata<PageActionDescriptor>() is not null) return;
        await Results.Problem(statusCode: StatusCodes.Status429TooManyRequests, title: "Too many requests",
            detail: "This client has sent too many requests; try again after the number of seconds in Retry-After.").ExecuteAsync(http);
    }
}
