using System.Globalization;
using System.Text.Encodings.Web;
using System.Text.Unicode;
using Microsoft.Extensions.WebEncoders;
using Microsoft.AspNetCore.Localization;

namespace ReliefMarket.Web.Localization;

public static class LocalizationExtensions
{
    public const string Chinese = "zh-CN";
    public const string English = "en";
    public static readonly string[] Cultures = [Chinese, English];

    public static WebApplicationBuilder AddLocalizedRazorPages(this WebApplicationBuilder builder)
    {
        builder.Services.AddLocalization(o => o.ResourcesPath = "Resources");
        builder.Services.Configure<RequestLocalizationOptions>(o =>
        {
            o.SetDefaultCulture(Chinese).AddSupportedCultures(Cultures).AddSupportedUICultures(Cultures);
            o.FallBackToParentCultures = true;
            o.FallBackToParentUICultures = true;
            // The cookie (set by the language switch) wins over the browser's Accept-Language; no query-string provider.
            o.RequestCultureProviders = [new CookieRequestCultureProvider(), new AcceptLanguageHeaderRequestCultureProvider()];
        });
        builder.Services.AddRazorPages().AddViewLocalization()
            .AddDataAnnotationsLocalization(o => o.DataAnnotationLocalizerProvider = (_, factory) => factory.Create(typeof(SharedResource)));
        // Razor encodes everything outside Basic Latin by default; Chinese pages would be all &#x...; escapes.
        builder.Services.Configure<WebEncoderOptions>(o => o.TextEncoderSettings = new TextEncoderSettings(UnicodeRanges.All));
        return builder;
    }

    public static bool IsEnglish => CultureInfo.CurrentUICulture.TwoLetterISOLanguageName == "en";
}
