using System.Globalization;
using ReliefMarket.Web.Audit;

namespace ReliefMarket.Web.Areas.Admin.Pages.Origins;

/// <summary>
/// Deactivating and deleting villages and producers. A row that past sales (or a producer, or a share) point to is
/// never deleted: the refusal says to deactivate instead. Deactivating takes the listings off the storefront (they
/// are unlisted; relisting is refused while inactive) and keeps every past order line's snapshot. Each change is
/// audited in the same SaveChanges as the change.
/// </summary>
public sealed class AidStructure(AppDbContext db, AuditLog audit)
{
    public enum Deletion { Deleted, NotFound, InUse }

    /// <summary>Sold from (a line's share), attributed to, home of a producer, or named in a producer's sourcing shares.</summary>
    public async Task<bool> VillageInUseAsync(int id, CancellationToken ct) =>
        await db.OrderLines.AnyAsync(l => l.Shares.Any(s => s.VillageId == id), ct)
        || await db.AttributionEntries.AnyAsync(a => a.VillageId == id, ct)
        || await db.Producers.AnyAsync(p => p.VillageId == id || p.SourcingShares.Any(s => s.VillageId == id), ct);

    /// <summary>Sold (an order line), has listings, or has cooperative members.</summary>
    public async Task<bool> ProducerInUseAsync(int id, CancellationToken ct) =>
        await db.OrderLines.AnyAsync(l => l.ProducerId == id, ct)
        || await db.Products.AnyAsync(p => p.ProducerId == id, ct)
        || await db.Users.AnyAsync(u => u.ProducerId == id, ct);

    public async Task<bool> SetVillageActiveAsync(int id, bool active, CancellationToken ct)
    {
        var village = await db.Villages.SingleOrDefaultAsync(v => v.Id == id, ct);
        if (village is null) return false;
        var before = new Dictionary<string, object?> { ["IsActive"] = village.IsActive };
        if (active) village.Activate();
        else
        {
            village.Deactivate();
            await UnlistAsync(db.Products.Where(p => p.Producer.VillageId == id), ct);
        }
        audit.Record(active ? "village.activated" : "village.deactivated", nameof(Village), Key(id), before, new Dictionary<string, object?> { ["IsActive"] = village.IsActive });
        await db.SaveChangesAsync(ct);
        return true;
    }

    public async Task<bool> SetProducerActiveAsync(int id, bool active, CancellationToken ct)
    {
        var producer = await db.Producers.SingleOrDefaultAsync(p => p.Id == id, ct);
        if (producer is null) return false;
        var before = new Dictionary<string, object?> { ["IsActive"] = producer.IsActive };
        if (active) producer.Activate();
        else
        {
            producer.Deactivate();
            await UnlistAsync(db.Products.Where(p => p.ProducerId == id), ct);
        }
        audit.Record(active ? "producer.activated" : "producer.deactivated", nameof(Producer), Key(id), before, new Dictionary<string, object?> { ["IsActive"] = producer.IsActive });
        await db.SaveChangesAsync(ct);
        return true;
    }

    public async Task<Deletion> DeleteVillageAsync(int id, CancellationToken ct)
    {
        var village = await db.Villages.SingleOrDefaultAsync(v => v.Id == id, ct);
        if (village is null) return Deletion.NotFound;
        if (await VillageInUseAsync(id, ct)) return Deletion.InUse;
        db.Villages.Remove(village);
        audit.Record("village.deleted", nameof(Village), Key(id), new Dictionary<string, object?> { ["Code"] = village.Code, ["Name"] = village.Name.Zh }, null);
        await db.SaveChangesAsync(ct);
        return Deletion.Deleted;
    }

    public async Task<Deletion> DeleteProducerAsync(int id, CancellationToken ct)
    {
        var producer = await db.Producers.SingleOrDefaultAsync(p => p.Id == id, ct);
        if (producer is null) return Deletion.NotFound;
        if (await ProducerInUseAsync(id, ct)) return Deletion.InUse;
        db.Producers.Remove(producer);
        audit.Record("producer.deleted", nameof(Producer), Key(id), new Dictionary<string, object?> { ["Code"] = producer.Code, ["Name"] = producer.Name.Zh }, null);
        await db.SaveChangesAsync(ct);
        return Deletion.Deleted;
    }

    private static async Task UnlistAsync(IQueryable<Product> products, CancellationToken ct)
    {
        foreach (var product in await products.Where(p => p.IsListed).ToListAsync(ct)) product.Unlist();
    }

    public static string Key(int id) => id.ToString(CultureInfo.InvariantCulture);
}
