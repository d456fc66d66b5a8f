namespace ReliefMarket.Web.Listings;

/// <summary>
/// Whether a producer may have listings on the storefront: it and its village are active. Administrators deactivate
/// (instead of deleting) what past sales point to; deactivating unlists, and this keeps it unlisted.
/// </summary>
public static class ActiveProducers
{
    public static Task<bool> CanListAsync(this AppDbContext db, int producerId, CancellationToken ct) =>
        db.Producers.AnyAsync(p => p.Id == producerId && p.IsActive && p.Village.IsActive, ct);
}
