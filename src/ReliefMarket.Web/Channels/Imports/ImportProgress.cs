using System.Data.Common;

namespace ReliefMarket.Web.Channels.Imports;

/// <summary>
/// Writes how far a running commit is onto the import's row, through a DbContext (and connection) of its own: the
/// commit is one transaction, and nothing it writes is visible to another connection until it ends, so progress kept
/// there (or in one node's memory) would show nothing to a page served by another node.
/// The commit does not lock the import's row (it claims the import with a transaction-scoped advisory lock, see
/// <see cref="SalesImports"/>), so this short update never waits on it. On SQLite it writes nothing: one writer at a
/// time means a second connection cannot write before the commit ends, and a SQLite shop is a single node anyway.
/// </summary>
public sealed class ImportProgress(IServiceScopeFactory scopes, ILogger<ImportProgress> log)
{
    public async Task ReportAsync(Guid importId, int written, int toWrite, CancellationToken ct)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        if (!db.Database.IsNpgsql()) return;
        try
        {
            await db.SalesImports.Where(i => i.Id == importId && i.CommittedAtUtc == null)
                .ExecuteUpdateAsync(s => s.SetProperty(i => i.RowsWritten, written).SetProperty(i => i.RowsToWrite, toWrite), ct);
        }
        catch (Exception e) when (e is DbException or DbUpdateException or TimeoutException)
        {
            // Progress is for the page only: losing one report must not fail the import.
            log.LogWarning(e, "Progress of import {ImportId} not recorded", importId);
        }
    }
}
