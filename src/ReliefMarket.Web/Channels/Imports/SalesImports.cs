using System.Security.Cryptography;
using Microsoft.Extensions.Options;

namespace ReliefMarket.Web.Channels.Imports;

/// <summary>
/// Upload, check and commit of a file of sales. The commit writes every valid row as an offline sale
/// (<see cref="OfflineSale"/>, like a device's sale) in one transaction with the import's audit entry: all of them or,
/// on any failure, none. Small files commit in the request; large ones in <see cref="ImportSalesJob"/>.
/// </summary>
public sealed class SalesImports(AppDbContext db, Audit.AuditLog audit, TimeProvider clock, ImportProgress progress,
    IOptions<ChannelsOptions> channelRules, IOptions<ImportsOptions> options)
{
    public abstract record Upload;
    public sealed record Refused(string Key) : Upload;
    /// <summary>Checked and kept for its preview (a second upload of a file not yet committed finds the same import).</summary>
    public sealed record Uploaded(Guid Id) : Upload;

    public sealed record Checked(int Rows, IReadOnlyList<ValidRow> Valid, IReadOnlyList<CellError> Errors);

    public enum Commit { Committed, Queued, AlreadyCommitted, NothingValid, Failed, NotFound }

    public ImportsOptions Options => options.Value;

    public async Task<Upload> UploadAsync(string fileName, byte[] content, Channel channel, DateOnly salesDate, string? userId, CancellationToken ct)
    {
        if (content.Length > Options.MaxFileBytes) return new Refused("Imports.Refused.TooLarge");
        if (ImportFile.FormatOf(fileName) is not { } format) return new Refused("Imports.Refused.Type");
        if (!SalesImport.Channels.Contains(channel)) return new Refused("Imports.Refused.Channel");
        var today = ChinaTime.Today(clock);
        if (salesDate > today || salesDate < today.AddDays(-(int)channelRules.Value.MaxAge.TotalDays)) return new Refused("Imports.Refused.Date");

        var hash = Convert.ToHexStringLower(SHA256.HashData(content));
        var existing = await db.SalesImports.SingleOrDefaultAsync(i => i.ContentHash == hash, ct);
        if (existing is { Status: ImportStatus.Committed or ImportStatus.Queued }) return new Refused("Imports.Refused.Duplicate");

        if (ImportFile.Read(content, format, Options.MaxRows) is ImportFile.Refused refused) return new Refused(refused.Key);
        var result = await CheckAsync(content, format, salesDate, ct);
        var import = existing;
        if (import is null)
        {
            import = new SalesImport(Path.GetFileName(fileName), hash, content, format, channel, salesDate, result.Rows, result.Valid.Count, userId, Now);
            db.SalesImports.Add(import);
        }
        else import.Previewed(channel, salesDate, result.Rows, result.Valid.Count);
        try { await db.SaveChangesAsync(ct); }
        catch (DbUpdateException) when (existing is null)
        {
            // The same file uploaded twice at once: the other upload's import is the one.
            db.ChangeTracker.Clear();
            return new Refused("Imports.Refused.Duplicate");
        }
        return new Uploaded(import.Id);
    }

    /// <summary>The stored file read and checked against today's catalogue and rules.</summary>
    public Task<Checked> CheckAsync(SalesImport import, CancellationToken ct) => CheckAsync(import.Content, import.Format, import.SalesDate, ct);

    private async Task<Checked> CheckAsync(byte[] content, ImportFormat format, DateOnly salesDate, CancellationToken ct)
    {
        // A committed import has given its file up: nothing left to check.
        if (ImportFile.Read(content, format, Options.MaxRows) is not ImportFile.Rows rows) return new Checked(0, [], []);
        var catalog = await OfflineSale.CatalogAsync(db, rows.Items.Select(r => r.Product), ct);
        var (valid, errors) = ImportCheck.Check(rows.Items, salesDate, catalog, channelRules.Value, Now);
        return new Checked(rows.Items.Count, valid, errors);
    }

    /// <summary>From the page: in the request when small, else queued for <see cref="ImportSalesJob"/>.</summary>
    public async Task<Commit> CommitOrQueueAsync(Guid id, Func<Guid, string> enqueue, CancellationToken ct)
    {
        var import = await db.SalesImports.SingleOrDefaultAsync(i => i.Id == id, ct);
        if (import is null) return Commit.NotFound;
        if (import.Status is ImportStatus.Committed or ImportStatus.Queued) return Commit.AlreadyCommitted;
        if (import.ValidRows < Options.BackgroundFromRows) return await CommitAsync(id, ct);
        import.Queue();
        await db.SaveChangesAsync(ct);
        enqueue(id);
        return Commit.Queued;
    }

    /// <summary>
    /// Writes every valid row, the import's status and its audit entry in one transaction. Safe to call twice (a double
    /// click, a job retried): the first statement claims the import, and a second caller finds it claimed.
    /// </summary>
    public async Task<Commit> CommitAsync(Guid id, CancellationToken ct)
    {
        var import = await db.SalesImports.AsNoTracking().SingleOrDefaultAsync(i => i.Id == id, ct);
        if (import is null) return Commit.NotFound;
        if (import.IsCommitted) return Commit.AlreadyCommitted;
        var rows = await CheckAsync(import, ct);
        if (rows.Valid.Count == 0) return await FailAsync(id, "no valid rows", Commit.NothingValid, ct);
        var catalog = await OfflineSale.CatalogAsync(db, rows.Valid.SelectMany(r => r.Lines).Select(l => l.Product.Slug), ct);
        try
        {
            return await db.RetryAsync(t => WriteAsync(id, rows.Valid, catalog, t), ct);
        }
        catch (Exception e) when (e is DomainException or DbUpdateException)
        {
            db.ChangeTracker.Clear();
            return await FailAsync(id, e.GetBaseException().Message, Commit.Failed, ct);
        }
    }

    private async Task<Commit> WriteAsync(Guid id, IReadOnlyList<ValidRow> valid, OfflineSale.Catalog catalog, CancellationToken ct)
    {
        db.ChangeTracker.Clear();
        var now = Now;
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        // The claim: SQLite's transaction already holds the one write lock; on PostgreSQL a lock on the import's id held
        // to the end of the transaction. A concurrent commit of the same import waits here and then finds it committed.
        // Not a lock on the import's row, so the job can write its progress there through another connection.
        if (db.Database.IsNpgsql())
            await db.Database.ExecuteSqlInterpolatedAsync($"SELECT pg_advisory_xact_lock({AdvisoryLockClass}, {BitConverter.ToInt32(id.ToByteArray())})", ct);
        var import = await db.SalesImports.AsNoTracking().SingleAsync(i => i.Id == id, ct);
        if (import.CommittedAtUtc is not null) return Commit.AlreadyCommitted;

        long fen = 0;
        var written = 0;
        foreach (var chunk in valid.Chunk(Options.ChunkRows))
        {
            var orders = chunk.Select(row => OfflineSale.PaidOrder(import.Channel, row.Lines, catalog, row.SoldAtUtc, $"import:{id:N}:{row.Number}:{row.Receipt}")).ToList();
            db.Orders.AddRange(orders);
            // The lines get their ids here; attribution entries refer to them.
            await db.SaveChangesAsync(ct);
            foreach (var order in orders)
            {
                OfflineSale.Post(db, order, now);
                fen += order.Total.Fen;
            }
            await db.SaveChangesAsync(ct);
            db.ChangeTracker.Clear();
            await progress.ReportAsync(id, written += chunk.Length, valid.Count, ct);
        }

        var tracked = await db.SalesImports.SingleAsync(i => i.Id == id, ct);
        tracked.MarkCommitted(written, fen, now);
        audit.Record("sales-import.commit", "SalesImport", id.ToString(), null, new Dictionary<string, object?>
        {
            ["FileName"] = tracked.FileName, ["Channel"] = tracked.Channel, ["SalesDate"] = tracked.SalesDate.ToString("yyyy-MM-dd"),
            ["Rows"] = written, ["Total"] = new Money(fen), ["ContentHash"] = tracked.ContentHash, ["UploadedBy"] = tracked.UploadedBy,
        });
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        db.ChangeTracker.Clear();
        return Commit.Committed;
    }

    private async Task<Commit> FailAsync(Guid id, string reason, Commit outcome, CancellationToken ct)
    {
        var import = await db.SalesImports.SingleAsync(i => i.Id == id, ct);
        if (import.IsCommitted) return Commit.AlreadyCommitted;
        import.Fail(reason);
        await db.SaveChangesAsync(ct);
        return outcome;
    }

    /// <summary>
    /// The first key of the advisory locks claiming imports; the second is the first four bytes of the import's id (the
    /// same on every node). Two imports sharing them only wait for each other.
    /// </summary>
    private const int AdvisoryLockClass = 22;

    private DateTime Now => clock.GetUtcNow().UtcDateTime;
}
