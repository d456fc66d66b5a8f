namespace ReliefMarket.Web.Ordering;

/// <summary>Fetch-metadata and Origin checks: a browser always says where a POST comes from.</summary>
public static class SameOrigin
{
    public static bool IsSameOrigin(HttpRequest request)
    {
        var site = request.Headers["Sec-Fetch-Site"].ToString();
        if (site.Length > 0) return site is "same-origin" or "none";
        var origin = request.Headers.Origin.ToString();
        if (origin.Length == 0) return true; // not a browser form post (browsers send Origin on POST)
        return Uri.TryCreate(origin, UriKind.Absolute, out var uri)
               && string.Equals(uri.Authority, request.Host.Value, StringComparison.OrdinalIgnoreCase);
    }
}
