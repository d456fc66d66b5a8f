using Microsoft.Net.Http.Headers;

namespace ReliefMarket.Web.Listings;

/// <summary>
/// /photos/{name}: re-encoded listing photos. A name is generated once and never reused, so a response can be cached
/// for a year as immutable; names other than generated ones answer 404 and never reach the file system.
/// </summary>
public static class PhotoEndpoint
{
    public static void MapPhotos(this WebApplication app) =>
        app.MapGet("/photos/{name}", (string name, PhotoStore store, HttpContext http) =>
        {
            if (!PhotoStore.IsPhotoName(name)) return Results.NotFound();
            var path = store.PathOf(name);
            if (!File.Exists(path)) return Results.NotFound();
            http.Response.Headers[HeaderNames.CacheControl] = "public, max-age=31536000, immutable";
            http.Response.Headers[HeaderNames.XContentTypeOptions] = "nosniff";
            return Results.File(path, "image/webp");
        });
}
