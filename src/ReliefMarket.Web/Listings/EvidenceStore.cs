using System.Text;
using Microsoft.Extensions.Options;

namespace ReliefMarket.Web.Listings;

public enum EvidenceRefusal { None, TooBig, NotPdfOrImage }

/// <summary>
/// Keeps supporting documents for certification under generated names. A file is accepted by its content — a PDF
/// (starts with "%PDF-") or an image ImageSharp recognises — whatever it is called; it is stored as sent, since it is
/// only ever downloaded by an administrator as an attachment, never shown inline.
/// </summary>
public sealed class EvidenceStore(IOptions<PhotoOptions> options, IWebHostEnvironment env)
{
    private static readonly byte[] PdfMagic = Encoding.ASCII.GetBytes("%PDF-");

    public string Folder { get; } = ListingsExtensions.Resolve(options.Value.EvidenceFolder, env.ContentRootPath);

    public static (EvidenceRefusal Refusal, string? ContentType) Check(byte[] bytes, int maxMegapixels)
    {
        if (bytes.AsSpan().StartsWith(PdfMagic)) return (EvidenceRefusal.None, "application/pdf");
        return PhotoStore.Check(bytes, maxMegapixels) == PhotoRefusal.None
            ? (EvidenceRefusal.None, "image/" + SixLabors.ImageSharp.Image.DetectFormat(bytes)!.Name.ToLowerInvariant())
            : (EvidenceRefusal.NotPdfOrImage, null);
    }

    /// <summary>Reads and checks every file before any is written, so a bad one leaves nothing behind.</summary>
    public async Task<(EvidenceRefusal Refusal, IReadOnlyList<(byte[] Bytes, string ContentType)> Files)> ReadAllAsync(
        IEnumerable<IFormFile> files, CancellationToken ct)
    {
        var read = new List<(byte[], string)>();
        foreach (var file in files)
        {
            if (file.Length > PhotoOptions.MaxFileBytes) return (EvidenceRefusal.TooBig, []);
            await using var stream = file.OpenReadStream();
            var bytes = await PhotoStore.ReadAtMostAsync(stream, PhotoOptions.MaxFileBytes, ct);
            if (bytes is null) return (EvidenceRefusal.TooBig, []);
            var (refusal, type) = Check(bytes, options.Value.MaxMegapixels);
            if (refusal != EvidenceRefusal.None) return (refusal, []);
            read.Add((bytes, type!));
        }
        return (EvidenceRefusal.None, read);
    }

    public async Task<EvidenceFile> WriteAsync(byte[] bytes, string contentType, CancellationToken ct)
    {
        // The extension follows the checked content, never the uploaded name.
        var name = Guid.NewGuid().ToString("N") + contentType switch
        {
            "application/pdf" => ".pdf",
            "image/jpeg" => ".jpg",
            "image/png" => ".png",
            _ => ".webp",
        };
        await File.WriteAllBytesAsync(Path.Combine(Folder, name), bytes, ct);
        return new EvidenceFile(name, contentType, bytes.LongLength);
    }

    public void Delete(EvidenceFile file) => File.Delete(Path.Combine(Folder, file.StoredName));
}
