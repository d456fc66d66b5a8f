using Microsoft.Extensions.Options;
using SixLabors.ImageSharp;
using SixLabors.ImageSharp.Formats.Jpeg;
using SixLabors.ImageSharp.Formats.Png;
using SixLabors.ImageSharp.Formats.Webp;
using SixLabors.ImageSharp.Processing;

namespace ReliefMarket.Web.Listings;

public enum PhotoRefusal { None, TooBig, NotAnImage, TooManyPixels }

/// <summary>A stored photo: the full image (long side at most <see cref="PhotoStore.MaxSide"/>) and its thumbnail, both WebP.</summary>
public sealed record StoredPhoto(string FileName, string ThumbnailName, int Width, int Height);

public sealed record PhotoResult(StoredPhoto? Photo, PhotoRefusal Refusal);

/// <summary>
/// Turns an upload into photos the shop can serve: the content (never the name) decides what it is, only JPEG,
/// PNG and WebP decoders exist in this configuration, the header's dimensions are checked before decoding, and
/// every photo is re-encoded (oriented, metadata such as GPS removed, resized) so nothing the uploader wrote
/// reaches a buyer's browser.
/// </summary>
public sealed class PhotoStore
{
    public const int MaxSide = 2000;
    public const int ThumbnailSide = 400;
    public const string ThumbnailSuffix = "-400";

    private static readonly Configuration Formats = new(new JpegConfigurationModule(), new PngConfigurationModule(), new WebpConfigurationModule());
    private static readonly WebpEncoder Encoder = new() { FileFormat = WebpFileFormatType.Lossy, Quality = 80 };

    private readonly PhotoOptions _options;
    private readonly SemaphoreSlim _encoders;

    public PhotoStore(IOptions<PhotoOptions> options, IWebHostEnvironment env) : this(options.Value, env.ContentRootPath) { }

    /// <summary>Outside the host (bench/upload): the options and the folder relative paths start from.</summary>
    public PhotoStore(PhotoOptions options, string contentRoot)
    {
        _options = options;
        Folder = ListingsExtensions.Resolve(_options.Folder, contentRoot);
        _encoders = new SemaphoreSlim(_options.MaxConcurrentEncodes);
    }

    public string Folder { get; }

    /// <summary>"0f3c…9a.webp" or "0f3c…9a-400.webp": generated names only, so a request can never name another path.</summary>
    public static bool IsPhotoName(string name) =>
        name.Length is 37 or 41 && name.EndsWith(".webp", StringComparison.Ordinal)
        && name[..32].All(char.IsAsciiHexDigitLower) && (name.Length == 37 || name[32..36] == ThumbnailSuffix);

    /// <summary>The thumbnail's name for a photo's name (the pair is generated together).</summary>
    public static string ThumbnailOf(string fileName) => fileName[..^".webp".Length] + ThumbnailSuffix + ".webp";

    public string PathOf(string name) => IsPhotoName(name) ? Path.Combine(Folder, name) : throw new ArgumentException("Not a photo name.", nameof(name));

    public async Task<PhotoResult> SaveAsync(Stream upload, long length, CancellationToken ct)
    {
        if (length > PhotoOptions.MaxFileBytes) return new(null, PhotoRefusal.TooBig);
        var bytes = await ReadAtMostAsync(upload, PhotoOptions.MaxFileBytes, ct);
        if (bytes is null) return new(null, PhotoRefusal.TooBig);
        var check = Check(bytes, _options.MaxMegapixels);
        if (check != PhotoRefusal.None) return new(null, check);

        await _encoders.WaitAsync(ct);
        try
        {
            return new(await EncodeAsync(bytes, ct), PhotoRefusal.None);
        }
        catch (Exception e) when (e is UnknownImageFormatException or InvalidImageContentException or ImageFormatException)
        {
            return new(null, PhotoRefusal.NotAnImage);
        }
        finally { _encoders.Release(); }
    }

    /// <summary>What the content is, from its header alone: no pixels are decoded here.</summary>
    public static PhotoRefusal Check(byte[] bytes, int maxMegapixels)
    {
        try
        {
            var info = Image.Identify(Formats, bytes, out var format);
            if (info is null || format is null || info.Width <= 0 || info.Height <= 0) return PhotoRefusal.NotAnImage;
            return (long)info.Width * info.Height > maxMegapixels * 1_000_000L ? PhotoRefusal.TooManyPixels : PhotoRefusal.None;
        }
        catch (Exception e) when (e is UnknownImageFormatException or InvalidImageContentException or ImageFormatException)
        {
            return PhotoRefusal.NotAnImage;
        }
    }

    public void Delete(string fileName, string thumbnailName)
    {
        foreach (var name in new[] { fileName, thumbnailName })
            if (IsPhotoName(name)) File.Delete(Path.Combine(Folder, name));
    }

    private async Task<StoredPhoto> EncodeAsync(byte[] bytes, CancellationToken ct)
    {
        using var image = Image.Load(Formats, bytes);
        image.Mutate(x => x.AutoOrient());
        Strip(image);
        FitWithin(image, MaxSide);
        var id = Guid.NewGuid().ToString("N");
        var photo = new StoredPhoto($"{id}.webp", ThumbnailOf($"{id}.webp"), image.Width, image.Height);
        try
        {
            await image.SaveAsync(Path.Combine(Folder, photo.FileName), Encoder, ct);
            FitWithin(image, ThumbnailSide);
            await image.SaveAsync(Path.Combine(Folder, photo.ThumbnailName), Encoder, ct);
        }
        catch
        {
            Delete(photo.FileName, photo.ThumbnailName);
            throw;
        }
        return photo;
    }

    // Camera EXIF carries GPS coordinates (a cooperative's or a family's home) and the phone's serial; none of it is needed.
    private static void Strip(Image image)
    {
        image.Metadata.ExifProfile = null;
        image.Metadata.XmpProfile = null;
        image.Metadata.IptcProfile = null;
        foreach (var frame in image.Frames)
        {
            frame.Metadata.ExifProfile = null;
            frame.Metadata.XmpProfile = null;
            frame.Metadata.IptcProfile = null;
        }
    }

    private static void FitWithin(Image image, int side)
    {
        if (image.Width <= side && image.Height <= side) return;
        image.Mutate(x => x.Resize(new ResizeOptions { Mode = ResizeMode.Max, Size = new Size(side, side) }));
    }

    /// <summary>The upload's bytes, or null when it holds more than <paramref name="limit"/> (a lying length).</summary>
    internal static async Task<byte[]?> ReadAtMostAsync(Stream upload, long limit, CancellationToken ct)
    {
        using var buffer = new MemoryStream();
        var chunk = new byte[81920];
        int read;
        while ((read = await upload.ReadAsync(chunk, ct)) > 0)
        {
            if (buffer.Length + read > limit) return null;
            buffer.Write(chunk, 0, read);
        }
        return buffer.ToArray();
    }
}
