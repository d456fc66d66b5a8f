namespace ReliefMarket.Web.Channels.Imports;

/// <summary>
/// Commits a large import in the background. What to do is in the database (the import, queued, with its file), so a
/// lost queue loses nothing a retry cannot redo; running it twice commits once (see <see cref="SalesImports.CommitAsync"/>).
/// </summary>
public sealed class ImportSalesJob(AppDbContext db, SalesImports imports)
{
    public async Task RunAsync(Guid importId, CancellationToken ct)
    {
        var status = await db.SalesImports.Where(i => i.Id == importId).Select(i => (ImportStatus?)i.Status).SingleOrDefaultAsync(ct);
        if (status != ImportStatus.Queued) return;
        await imports.CommitAsync(importId, ct);
    }
}
