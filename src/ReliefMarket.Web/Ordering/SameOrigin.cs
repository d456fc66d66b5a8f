namespace ReliefMarket.Web.Ordering;

/// <summary>Fetch-metadata and Origin checks: a browser always says where a POST comes from.</summary>
public static class SameOrigin
{
    /// <summary>
    /// Modern browsers say it outright (Sec-Fetch-Site). Otherwise the Origin header must be the shop's configured
    /// public origin: the request's own Host is whatever the client chose to send, so it proves nothing.
    /// </summary>
    public static bool IsSameOrigin(HttpRequest request, string publicBaseUrl)
    {
        var site = request.Headers["Sec-Fetch-Site"].ToString();
        if (site.Length > 0) return site is "same-origin" or "none";
        var origin = request.Headers.Origin.ToString();
        if (origin.Length == 0) return true; // not a browser form post (browsers send Origin on POST)
        return Uri.TryCreate(origin, UriKind.Absolute, out var uri)
               && string.Equals(uri.GetLeftPart(UriPartial.Authority), new Uri(publicBaseUrl).GetLeftPart(UriPartial.Authority), StringComparison.OrdinalIgnoreCase);
    }
}
