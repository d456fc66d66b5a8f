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
/// One load of <typeparamref name="T"/> shared by every request until it is invalidated, or until <c>isFresh</c> says
/// it is too old. A load that began before an invalidation may finish after it: it is kept under the version it began
/// with, so the next request after the change loads again. A failed load is not kept.
/// </summary>
public abstract class CatalogCopy<T> : ICatalogCopy
{
    private (Task<T> Load, long Version)? _current;
    private long _version;

    public void Invalidate() => Interlocked.Increment(ref _version);

    protected Task<T> GetAsync(Func<T, bool> isFresh, Func<Task<T>> load)
    {
        var version = Interlocked.Read(ref _version);
        if (_current is { } c && c.Version == version && !c.Load.IsFaulted && !c.Load.IsCanceled
            && !(c.Load.IsCompletedSuccessfully && !isFresh(c.Load.Result)))
            return c.Load;
        var loading = load();
        _current = (loading, version);
        return loading;
    }
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
