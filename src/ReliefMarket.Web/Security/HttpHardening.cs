using System.Net;
using Microsoft.AspNetCore.CookiePolicy;
using Microsoft.AspNetCore.HttpOverrides;

namespace ReliefMarket.Web.Security;

/// <summary>Proxies the shop trusts: only these may say which client and scheme a request came from.</summary>
public sealed class ForwardedHeadersSettings
{
    public const string Section = "ForwardedHeaders";

    /// <summary>IP addresses of reverse proxies, e.g. 10.0.0.5.</summary>
    public string[] KnownProxies { get; set; } = [];
    /// <summary>Networks of reverse proxies in CIDR notation, e.g. 10.0.0.0/24.</summary>
    public string[] KnownNetworks { get; set; } = [];
}

public static class HttpHardening
{
    /// <summary>Trusted proxies, HSTS, cookie policy and rate limits; the pipeline half is <see cref="UseHttpHardening"/>.</summary>
    public static WebApplicationBuilder AddHttpHardening(this WebApplicationBuilder builder)
    {
        var proxies = builder.Configuration.GetSection(ForwardedHeadersSettings.Section).Get<ForwardedHeadersSettings>() ?? new();
        // Parsed now, so that a mistyped address stops the start-up with its name rather than the first request.
        var addresses = proxies.KnownProxies.Select(a => IPAddress.TryParse(a, out var ip) ? ip
            : throw new InvalidOperationException($"ForwardedHeaders:KnownProxies: '{a}' is not an IP address.")).ToList();
        var networks = proxies.KnownNetworks.Select(n => System.Net.IPNetwork.TryParse(n, out var network) ? network
            : throw new InvalidOperationException($"ForwardedHeaders:KnownNetworks: '{n}' is not a network in CIDR notation.")).ToList();
        builder.Services.Configure<ForwardedHeadersOptions>(o =>
        {
            // Host is not taken from a proxy: absolute links come from configuration, never from the request.
            o.ForwardedHeaders = ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto;
            // The framework trusts loopback by default; trust exactly what the operator lists, nothing else.
            o.KnownProxies.Clear();
            o.KnownIPNetworks.Clear();
            foreach (var address in addresses) o.KnownProxies.Add(address);
            foreach (var network in networks) o.KnownIPNetworks.Add(network);
        });
        // A year (the framework default is 30 days). Subdomains are not included: they may not all be on https.
        builder.Services.AddHsts(o => o.MaxAge = TimeSpan.FromDays(365));
        builder.AddRateLimits();
        return builder;
    }

    /// <summary>Must come first: everything after it (HSTS, cookies, rate limits, logs) needs the real scheme and client.</summary>
    public static WebApplication UseHttpHardening(this WebApplication app)
    {
        app.UseForwardedHeaders();
        app.UseMiddleware<SecurityHeaders>();
        // Auth, antiforgery, culture and cart cookies are all written through Response.Cookies, so this covers them.
        // Production is https end to end (at least to the proxy), so every cookie is Secure even if a request
        // arrives over http; elsewhere a cookie is Secure when its request was https.
        app.UseCookiePolicy(new CookiePolicyOptions
        {
            Secure = app.Environment.IsProduction() ? CookieSecurePolicy.Always : CookieSecurePolicy.SameAsRequest,
            HttpOnly = HttpOnlyPolicy.Always,
            MinimumSameSitePolicy = SameSiteMode.Lax,
        });
        return app;
    }
}
