using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Options;
using ReliefMarket.Web.Payments;

namespace ReliefMarket.Web.Security;

/// <summary>
/// Browser-side defences on every response (pages, static files, errors): a Content-Security-Policy with no
/// inline script or style, no framing, no MIME sniffing, a short referrer and no powerful browser features.
/// </summary>
public sealed class SecurityHeaders(RequestDelegate next, IOptions<StripeOptions> stripe)
{
    private const string ScriptSelf = "script-src 'self'";

    private readonly string _policy = string.Join("; ",
        "default-src 'self'", ScriptSelf, "style-src 'self'", "img-src 'self' data:", "font-src 'self'", "connect-src 'self'",
        // Chrome applies form-action to the redirect that follows the checkout POST, so Stripe's page must be allowed.
        stripe.Value.Enabled ? "form-action 'self' https://checkout.stripe.com" : "form-action 'self'",
        "frame-ancestors 'none'", "base-uri 'self'", "object-src 'none'");

    // Hangfire's dashboard and Scalar's API reference are third-party HTML with inline scripts and styles that we cannot
    // change. Both are for staff only (role policies), so they get the same policy with inline code allowed rather than none.
    private const string DashboardPolicy = "default-src 'self'; script-src 'self' 'unsafe-inline'; style-src 'self' 'unsafe-inline'; "
        + "img-src 'self' data:; font-src 'self'; connect-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'self'; object-src 'none'";

    private static readonly KeyValuePair<string, string>[] Others =
    [
        new("X-Content-Type-Options", "nosniff"),
        new("X-Frame-Options", "DENY"),
        new("Referrer-Policy", "strict-origin-when-cross-origin"),
        // Stripe Checkout is a redirect to Stripe's own page, so the shop itself needs no Payment Request API either.
        new("Permissions-Policy", "camera=(), microphone=(), geolocation=(), payment=(), usb=()"),
    ];

    public Task InvokeAsync(HttpContext context)
    {
        var path = context.Request.Path;
        var policy = path.StartsWithSegments(Jobs.JobsExtensions.DashboardPath) || path.StartsWithSegments(Channels.ChannelsExtensions.ApiReferencePath)
            ? DashboardPolicy : _policy;
        // Set now, so that the output cache stores them (with any script hash a page adds) alongside the page...
        Apply(context.Response.Headers, policy, overwrite: true);
        // ...and again at the start of the response, because the exception handler clears headers before the error page.
        context.Response.OnStarting(() =>
        {
            Apply(context.Response.Headers, policy, overwrite: false);
            return Task.CompletedTask;
        });
        return next(context);
    }

    private static void Apply(IHeaderDictionary headers, string policy, bool overwrite)
    {
        if (overwrite || !headers.ContainsKey("Content-Security-Policy")) headers.ContentSecurityPolicy = policy;
        foreach (var (name, value) in Others)
            if (overwrite || !headers.ContainsKey(name)) headers[name] = value;
    }

    /// <summary>
    /// Allows one inline script by its SHA-256 hash. Used for JSON-LD data blocks, which browsers do not run; the
    /// hash keeps them within the policy without 'unsafe-inline', and a hash (unlike a nonce) survives the output cache.
    /// </summary>
    public static void AllowInlineScript(HttpResponse response, string script)
    {
        var hash = $"'sha256-{Convert.ToBase64String(SHA256.HashData(Encoding.UTF8.GetBytes(script)))}'";
        var policy = response.Headers.ContentSecurityPolicy.ToString();
        if (policy.Contains(ScriptSelf) && !policy.Contains(hash))
            response.Headers.ContentSecurityPolicy = policy.Replace(ScriptSelf, $"{ScriptSelf} {hash}");
    }
}
