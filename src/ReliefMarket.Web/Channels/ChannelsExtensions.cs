using Scalar.AspNetCore;

namespace ReliefMarket.Web.Channels;

public static class ChannelsExtensions
{
    /// <summary>The interactive API reference (Scalar): /api/reference/v1.</summary>
    public const string ApiReferencePath = "/api/reference";

    public static WebApplicationBuilder AddChannels(this WebApplicationBuilder builder)
    {
        builder.Services.AddOptions<ChannelsOptions>().BindConfiguration(ChannelsOptions.Section)
            .Validate(o => o.PriceToleranceBasisPoints is >= 0 and <= 10_000 && o.MaxSalesPerBatch > 0 && o.MaxLinesPerSale > 0
                           && o.MaxQuantityPerLine is > 0 and <= OrderLine.MaxQuantity && o.MaxBodyBytes > 0
                           && o.MaxClockSkew >= TimeSpan.Zero && o.MaxAge > TimeSpan.Zero,
                "Channels: tolerance 0–10000 basis points, positive limits, quantity at most an order line's.")
            .ValidateOnStart();
        builder.Services.AddScoped<ChannelSales>();
        builder.Services.AddOptions<Imports.ImportsOptions>().BindConfiguration(Imports.ImportsOptions.Section)
            .Validate(o => o.MaxFileBytes > 0 && o.MaxRows > 0 && o.BackgroundFromRows > 0 && o.ChunkRows > 0, "Imports: positive limits.")
            .ValidateOnStart();
        builder.Services.AddScoped<Imports.SalesImports>();
        builder.Services.AddScoped<Imports.ImportSalesJob>();
        builder.Services.AddSingleton<Imports.ImportProgress>();
        builder.Services.AddOpenApi();
        return builder;
    }

    /// <summary>
    /// The device API, versioned in its path; its OpenAPI document at /openapi/v1.json (public, like the API it
    /// describes); the interactive reference for staff only, because it needs inline script (see SecurityHeaders).
    /// </summary>
    public static void MapChannels(this WebApplication app)
    {
        var v1 = app.MapGroup("/api/v1").WithTags("Channel sales");
        v1.MapChannelSales();
        app.MapOpenApi();
        // No web fonts: the policy allows fonts from this site only.
        app.MapScalarApiReference(ApiReferencePath, o => o.WithTitle("ReliefMarket API").DisableDefaultFonts())
            .RequireAuthorization(Areas.Admin.AdminArea.StaffPolicy);
    }
}
