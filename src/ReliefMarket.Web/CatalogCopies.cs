using Microsoft.AspNetCore.OutputCaching;

namespace ReliefMarket.Web;

/// <summary>
/// Data held in memory that is stale whenever the catalog pages are (the catalog behind /products, the names a report
/// shows): registered as an <see cref="ICatalogCopy"/>, it is dropped on the same signal that evicts the pages.
/// </summary>
public interface ICatalogCopy
{
    void Invalidate();
}

/// <summary>
/// The output cache store, which also drops every <see cref="ICatalogCopy"/> whenever the whole catalog is evicted (here
/// or, through NOTIFY, on another node).
/// </summary>
internal sealed class CatalogCopiesStore(IOutputCacheStore inner, IEnumerable<ICatalogCopy> copies) : IOutputCacheStore
{
    public ValueTask EvictByTagAsync(string tag, CancellationToken ct)
    {
        if (tag == CatalogCache.Tag)
            foreach (var copy in copies) copy.Invalidate();
        return inner.EvictByTagAsync(tag, ct);
    }

    public ValueTask<byte[]?> GetAsync(string key, CancellationToken ct) => inner.GetAsync(key, ct);

    public ValueTask SetAsync(string key, byte[] value, string[]? tags, TimeSpan validFor, CancellationToken ct) =>
        inner.SetAsync(key, value, tags, validFor, ct);
}
