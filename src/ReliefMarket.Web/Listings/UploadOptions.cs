namespace ReliefMarket.Web.Listings;

public sealed class PhotoOptions
{
    public const string Section = "Photos";
    public const long MaxFileBytes = 8 * 1024 * 1024;

    /// <summary>Where re-encoded photos are written; relative paths are under the content root (never under the web root).</summary>
    public string Folder { get; set; } = ".data/photos";
    /// <summary>Larger images are refused from their header, before any pixel is decoded (the decompression-bomb defence).</summary>
    public int MaxMegapixels { get; set; } = 40;
    /// <summary>Re-encodes running at once; more uploads wait, so memory stays bounded whatever arrives together.</summary>
    public int MaxConcurrentEncodes { get; set; } = 2;
    /// <summary>Where certification evidence is kept (downloaded by administrators, never served inline).</summary>
    public string EvidenceFolder { get; set; } = ".data/evidence";
}

public static class ListingsExtensions
{
    public static WebApplicationBuilder AddListings(this WebApplicationBuilder builder)
    {
        builder.Services.AddOptions<PhotoOptions>().BindConfiguration(PhotoOptions.Section)
            .Validate(o => o.MaxMegapixels is > 0 and <= 100 && o.MaxConcurrentEncodes > 0 && o.Folder.Length > 0 && o.EvidenceFolder.Length > 0,
                "Photos: MaxMegapixels 1–100, MaxConcurrentEncodes ≥ 1, folders set.")
            .ValidateOnStart();
        builder.Services.AddSingleton<PhotoStore>();
        builder.Services.AddSingleton<EvidenceStore>();
        builder.Services.AddScoped<ListingStock>();
        builder.Services.AddScoped<Access.Invitations>();
        builder.Services.AddScoped<Access.StaffInvitations>();
        return builder;
    }

    internal static string Resolve(string folder, string contentRoot)
    {
        var path = Path.IsPathRooted(folder) ? folder : Path.GetFullPath(Path.Combine(contentRoot, folder));
        Directory.CreateDirectory(path);
        return path;
    }
}
