namespace ReliefMarket.Domain.Catalog;

/// <summary>
/// A photo of a listing, stored re-encoded under a generated name (never the uploader's file name). Position 0 is
/// the cover; the others follow in order.
/// </summary>
public class ProductPhoto
{
    public const int MaxPerListing = 6;

    private ProductPhoto() { }

    public ProductPhoto(int productId, string fileName, string thumbnailName, int width, int height, int position, DateTime uploadedAtUtc)
    {
        if (position is < 0 or >= MaxPerListing) throw new DomainException($"A listing has at most {MaxPerListing} photos.");
        ProductId = productId;
        FileName = fileName;
        ThumbnailName = thumbnailName;
        Width = width;
        Height = height;
        Position = position;
        UploadedAtUtc = uploadedAtUtc;
    }

    public int Id { get; private set; }
    public int ProductId { get; private set; }
    public string FileName { get; private set; } = "";
    public string ThumbnailName { get; private set; } = "";
    public int Width { get; private set; }
    public int Height { get; private set; }
    public int Position { get; private set; }
    public DateTime UploadedAtUtc { get; private set; }

    /// <summary>Renumbers a listing's photos 0..n-1 in the given order: the first becomes the cover.</summary>
    public static void Arrange(IReadOnlyList<ProductPhoto> inOrder)
    {
        for (var i = 0; i < inOrder.Count; i++) inOrder[i].Position = i;
    }
}
