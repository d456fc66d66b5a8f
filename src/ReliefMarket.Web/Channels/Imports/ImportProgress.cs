using System.Collections.Concurrent;

namespace ReliefMarket.Web.Channels.Imports;

/// <summary>
/// Rows written so far by a running commit. In memory on purpose: the commit is one transaction, so nothing it writes
/// is visible to another connection (SQLite would not even let another writer in) until it ends. On a second node the
/// page shows "queued" until the import is committed.
/// </summary>
public sealed class ImportProgress
{
    private readonly ConcurrentDictionary<Guid, int> _written = new();

    public void Report(Guid importId, int rows) => _written[importId] = rows;
    public int? Of(Guid importId) => _written.TryGetValue(importId, out var rows) ? rows : null;
    public void Done(Guid importId) => _written.TryRemove(importId, out _);
}
