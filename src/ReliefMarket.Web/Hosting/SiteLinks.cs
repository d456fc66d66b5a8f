using Microsoft.Extensions.Options;

namespace ReliefMarket.Web.Hosting;

public sealed class SiteOptions
{
    public const string Section = "Site";

    /// <summary>
    /// The shop's public address (https://shop.example.org): every absolute link — emails, JSON-LD, canonical links,
    /// the sitemap, payment return pages — is built on it, never on the request's Host header, which the client chooses.
    /// Required in Production; elsewhere it defaults to the development address.
    /// </summary>
    public string PublicBaseUrl { get; set; } = "";

    public const string DevelopmentBaseUrl = "http://localhost:5080";
}

/// <summary>Absolute links to the shop, for anything read outside the browser's current page.</summary>
public sealed class SiteLinks(IOptions<SiteOptions> options)
{
    /// <summary>The configured base (Production refuses to start without one), without a trailing slash.</summary>
    public string BaseUrl { get; } = options.Value.PublicBaseUrl.Trim() is { Length: > 0 } configured
        ? configured.TrimEnd('/')
        : SiteOptions.DevelopmentBaseUrl;

    /// <summary>An absolute link for a path such as "/orders/42?returned=1".</summary>
    public string Absolute(string pathAndQuery) => BaseUrl + (pathAndQuery.StartsWith('/') ? pathAndQuery : "/" + pathAndQuery);

    internal static bool IsValid(string configured) =>
        configured.Trim().Length == 0
        || Uri.TryCreate(configured.Trim(), UriKind.Absolute, out var uri)
           && uri.Scheme is "http" or "https" && uri.Query.Length == 0 && uri.Fragment.Length == 0 && uri.UserInfo.Length == 0;
}
