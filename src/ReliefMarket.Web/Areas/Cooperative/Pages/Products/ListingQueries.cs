using ReliefMarket.Web.Access;

namespace ReliefMarket.Web.Areas.Cooperative.Pages.Products;

/// <summary>The member's own listings: every lookup here is scoped to their producer, so another producer's id is simply not found.</summary>
public static class ListingQueries
{
    public static IQueryable<Product> Mine(this AppDbContext db, System.Security.Claims.ClaimsPrincipal user)
    {
        var producerId = user.ProducerId() ?? -1;
        return db.Products.Where(p => p.ProducerId == producerId);
    }

    public static Task<Product?> FindMineAsync(this AppDbContext db, System.Security.Claims.ClaimsPrincipal user, int id, CancellationToken ct) =>
        db.Mine(user).SingleOrDefaultAsync(p => p.Id == id, ct);

    /// <summary>The producer's sourcing villages with their shares, read-only on the listing forms.</summary>
    public static async Task<IReadOnlyList<(LocalizedText Village, int BasisPoints)>> SharesAsync(this AppDbContext db, int producerId, CancellationToken ct)
    {
        var shares = await db.Producers.AsNoTracking().Where(p => p.Id == producerId).SelectMany(p => p.SourcingShares).ToListAsync(ct);
        var ids = shares.Select(s => s.VillageId).ToList();
        var names = await db.Villages.AsNoTracking().Where(v => ids.Contains(v.Id)).ToDictionaryAsync(v => v.Id, v => v.Name, ct);
        return shares.Select(s => (names[s.VillageId], s.BasisPoints)).ToList();
    }
}
