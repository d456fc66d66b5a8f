using System.IO.Compression;
using Microsoft.AspNetCore.ResponseCompression;
using Microsoft.Extensions.Options;

namespace ReliefMarket.Web.Hosting;

/// <summary>
/// Brotli or gzip for pages (static files are already served precompressed by MapStaticAssets), but only pages
/// that hold no secret: compressing a secret next to text the attacker chooses (a search term) leaks the secret
/// through the compressed length (BREACH). So a page is compressed only when the request is anonymous (no name,
/// address or order on it) and the response carries no antiforgery token, which ASP.NET Core marks
/// <c>Cache-Control: no-store</c> (sign-in, cart and every form page). See docs/decisions/0025.
/// </summary>
public static class PageCompression
{
    public static WebApplicationBuilder AddPageCompression(this WebApplicationBuilder builder)
    {
        builder.Services.AddResponseCompression(o =>
        {
            o.EnableForHttps = true; // safe here only because of the rule in SecretFreeOnly
            o.Providers.Add<BrotliCompressionProvider>();
            o.Providers.Add<GzipCompressionProvider>();
            o.MimeTypes = ["text/html", "application/xml", "text/plain"];
        });
        // Brotli's "optimal" is quality 4: a 12 KB page in well under a millisecond, a quarter of its size.
        builder.Services.Configure<BrotliCompressionProviderOptions>(o => o.Level = CompressionLevel.Optimal);
        builder.Services.Configure<GzipCompressionProviderOptions>(o => o.Level = CompressionLevel.Optimal);
        builder.Services.AddSingleton<IResponseCompressionProvider, SecretFreeOnly>();
        return builder;
    }

    /// <summary>Decides at the first byte of the body, when the page has been rendered and its headers are known.</summary>
    private sealed class SecretFreeOnly(IServiceProvider services, IOptions<ResponseCompressionOptions> options)
        : ResponseCompressionProvider(services, options)
    {
        public override bool ShouldCompressResponse(HttpContext context) =>
            context.User.Identity?.IsAuthenticated != true
            && !context.Response.Headers.CacheControl.ToString().Contains("no-store", StringComparison.OrdinalIgnoreCase)
            && base.ShouldCompressResponse(context);
    }
}
