using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.OutputCaching;
using Microsoft.AspNetCore.Mvc.RazorPages;
using ReliefMarket.Web.Listings;

namespace ReliefMarket.Web.Areas.Cooperative.Pages.Products;

/// <summary>
/// /coop/products/photos/{id}: up to six photos, one upload at a time (a phone's camera sends one). The body is
/// capped before it is read; filters only work on the page class, hence the limits here rather than on the handler.
/// </summary>
[RequestSizeLimit(PhotoOptions.MaxFileBytes + FormOverhead)]
[RequestFormLimits(MultipartBodyLengthLimit = PhotoOptions.MaxFileBytes + FormOverhead)]
[UploadTooLarge(PhotoOptions.MaxFileBytes + FormOverhead)]
public class PhotosModel(AppDbContext db, PhotoStore store, IOutputCacheStore cache, TimeProvider clock) : PageModel
{
    public const long FormOverhead = 64 * 1024;

    public int Id { get; private set; }
    public LocalizedText Name { get; private set; } = null!;
    public IReadOnlyList<ProductPhoto> Photos { get; private set; } = [];
    public string? ErrorKey { get; private set; }

    public async Task<IActionResult> OnGetAsync(int id, bool tooLarge, CancellationToken ct)
    {
        if (!await LoadAsync(id, ct)) return NotFound();
        return tooLarge ? Refuse("Coop.Photos.Refused." + PhotoRefusal.TooBig) : Page();
    }

    public async Task<IActionResult> OnPostUploadAsync(int id, IFormFile? photo, CancellationToken ct)
    {
        if (!await LoadAsync(id, ct)) return NotFound();
        if (photo is null || photo.Length == 0) return Refuse("Coop.Photos.Choose");
        if (Photos.Count >= ProductPhoto.MaxPerListing) return Refuse("Coop.Photos.Full");
        await using var stream = photo.OpenReadStream();
        var result = await store.SaveAsync(stream, photo.Length, ct);
        if (result.Photo is not { } saved) return Refuse("Coop.Photos.Refused." + result.Refusal);
        try
        {
            db.ProductPhotos.Add(new ProductPhoto(id, saved.FileName, saved.ThumbnailName, saved.Width, saved.Height, Photos.Count, clock.GetUtcNow().UtcDateTime));
            await db.SaveChangesAsync(ct);
        }
        catch
        {
            // No row, no file: a photo that could not be recorded is not left on disk.
            store.Delete(saved.FileName, saved.ThumbnailName);
            throw;
        }
        await CatalogChangedAsync(ct);
        return RedirectToPage(new { id });
    }

    public Task<IActionResult> OnPostCoverAsync(int id, int photoId, CancellationToken ct) =>
        ArrangeAsync(id, photoId, (list, photo) => { list.Remove(photo); list.Insert(0, photo); }, ct);

    public Task<IActionResult> OnPostUpAsync(int id, int photoId, CancellationToken ct) =>
        ArrangeAsync(id, photoId, (list, photo) =>
        {
            var at = list.IndexOf(photo);
            if (at > 0) (list[at - 1], list[at]) = (list[at], list[at - 1]);
        }, ct);

    public Task<IActionResult> OnPostDeleteAsync(int id, int photoId, CancellationToken ct) =>
        ArrangeAsync(id, photoId, (list, photo) =>
        {
            list.Remove(photo);
            db.ProductPhotos.Remove(photo);
        }, ct, deleted: true);

    private async Task<IActionResult> ArrangeAsync(int id, int photoId, Action<List<ProductPhoto>, ProductPhoto> change, CancellationToken ct, bool deleted = false)
    {
        if (!await LoadAsync(id, ct, tracked: true)) return NotFound();
        var list = Photos.ToList();
        if (list.SingleOrDefault(p => p.Id == photoId) is not { } photo) return NotFound();
        change(list, photo);
        // Positions are unique per listing only by convention (no unique index), so renumbering in one save is safe.
        ProductPhoto.Arrange(list);
        await db.SaveChangesAsync(ct);
        if (deleted) store.Delete(photo.FileName, photo.ThumbnailName);
        await CatalogChangedAsync(ct);
        return RedirectToPage(new { id });
    }

    // Photos are not among the types the save interceptor watches; the storefront shows them, so evict explicitly.
    private Task CatalogChangedAsync(CancellationToken ct) => CatalogCache.ChangedAsync(db, cache, ct);

    private async Task<bool> LoadAsync(int id, CancellationToken ct, bool tracked = false)
    {
        var product = await db.FindMineAsync(User, id, ct);
        if (product is null) return false;
        Id = id;
        Name = product.Name;
        var photos = db.ProductPhotos.Where(p => p.ProductId == id).OrderBy(p => p.Position);
        Photos = await (tracked ? photos : photos.AsNoTracking()).ToListAsync(ct);
        return true;
    }

    private PageResult Refuse(string key)
    {
        ErrorKey = key;
        return Page();
    }
}
