using System.Xml.Linq;

namespace ReliefMarket.Web.Hosting;

/// <summary>/sitemap.xml and /robots.txt, with absolute links on the configured public address.</summary>
public static class Sitemap
{
    private static readonly XNamespace Ns = "http://www.sitemaps.org/schemas/sitemap/0.9";

    public static void MapSitemap(this WebApplication app)
    {
        app.MapGet("/sitemap.xml", async (AppDbContext db, SiteLinks links, CancellationToken ct) =>
        {
            var products = await db.Products.AsNoTracking().Where(p => p.IsListed).OrderBy(p => p.Slug).Select(p => p.Slug).ToListAsync(ct);
            var counties = await db.Counties.AsNoTracking().OrderBy(c => c.Code).Select(c => c.Code).ToListAsync(ct);
            var villages = await db.Villages.AsNoTracking().OrderBy(v => v.Code)
                .Select(v => new { County = v.County.Code, v.Code }).ToListAsync(ct);
            IEnumerable<string> paths =
            [
                "/", "/products", "/origins",
                .. products.Select(s => $"/products/{s}"),
                .. counties.Select(c => $"/origins/{c}"),
                .. villages.Select(v => $"/origins/{v.County}/{v.Code}"),
            ];
            var xml = new XElement(Ns + "urlset", paths.Select(p => new XElement(Ns + "url", new XElement(Ns + "loc", links.Absolute(p)))));
            return Results.Text("<?xml version=\"1.0\" encoding=\"UTF-8\"?>" + xml.ToString(SaveOptions.DisableFormatting), "application/xml; charset=utf-8");
        }).CacheOutput(CatalogCache.Policy);

        app.MapGet("/robots.txt", (SiteLinks links) =>
            Results.Text($"User-agent: *\nDisallow: /account/\nDisallow: /admin/\nDisallow: /checkout\nDisallow: /orders\nSitemap: {links.Absolute("/sitemap.xml")}\n",
                "text/plain; charset=utf-8"));
    }
}
