using Microsoft.Extensions.Options;

namespace ReliefMarket.Web.Channels;

/// <summary>
/// Records a device's batch of sales. Each sale stands alone: checked, then written in one transaction of its own
/// (the claim on (device, sale id), the paid order with its lines, attribution, ledger entry, stock), so a batch
/// that fails half way leaves whole sales behind and nothing half-written. No shipment and no email: the buyer
/// already walked away with the goods.
/// </summary>
public sealed class ChannelSales(AppDbContext db, Ordering.Stock stock, TimeProvider clock, IOptions<ChannelsOptions> options)
{
    public async Task<IReadOnlyList<SaleResult>> RecordAsync(Device device, IReadOnlyList<ChannelSaleRequest> sales, CancellationToken ct)
    {
        var catalog = await OfflineSale.CatalogAsync(db, sales.SelectMany(s => s.Lines ?? []).Select(l => l.Product).OfType<string>(), ct);
        var results = new List<SaleResult>(sales.Count);
        var stockMoved = false;
        foreach (var sale in sales)
        {
            var (result, moved) = await RecordOneAsync(device, sale, catalog, ct);
            results.Add(result);
            stockMoved |= moved;
        }
        if (stockMoved) await stock.StockChangedAsync(ct);
        return results;
    }

    private async Task<(SaleResult Result, bool StockMoved)> RecordOneAsync(Device device, ChannelSaleRequest sale, OfflineSale.Catalog catalog, CancellationToken ct)
    {
        var hash = sale.ContentHash();
        if (sale.SaleId is { Length: > 0 and <= DeviceSale.MaxSaleIdLength } saleId && await EarlierAsync(device.Id, saleId, hash, ct) is { } earlier)
            return (earlier, false);

        var now = clock.GetUtcNow().UtcDateTime;
        var check = SaleCheck.Check(sale, catalog.BySlug, options.Value, now);
        if (check is SaleCheck.Invalid invalid) return (SaleResult.Rejected(sale.SaleId, invalid.Reason, invalid.Detail), false);
        var lines = ((SaleCheck.Valid)check).Lines;
        try
        {
            return await db.RetryAsync(t => WriteAsync(device, sale, hash, lines, catalog, now, t), ct);
        }
        catch (DomainException e)
        {
            // A listing the shop could not sell either (e.g. its producer's village shares are incomplete).
            db.ChangeTracker.Clear();
            return (SaleResult.Rejected(sale.SaleId, RejectionReason.InvalidSale, e.Message), false);
        }
    }

    private async Task<(SaleResult, bool)> WriteAsync(Device device, ChannelSaleRequest sale, string hash,
        IReadOnlyList<(Product Product, int Quantity, Money UnitPrice)> lines, OfflineSale.Catalog catalog, DateTime now, CancellationToken ct)
    {
        var saleId = sale.SaleId!;
        var soldAt = sale.OccurredAt.UtcDateTime;
        var order = OfflineSale.PaidOrder(device.Channel, lines, catalog, soldAt, $"device:{device.Id}:{saleId}");
        var record = new DeviceSale(device.Id, saleId, hash, order.Id, soldAt, now);

        await using var tx = await db.Database.BeginTransactionAsync(ct);
        // Claim (device, sale id) first: a concurrent copy of this sale waits here on the unique key and then finds it
        // taken, before it touches any stock row.
        db.Orders.Add(order);
        db.DeviceSales.Add(record);
        try { await db.SaveChangesAsync(ct); }
        catch (DbUpdateException e) when (!Concurrency.IsRetryable(e))
        {
            await tx.RollbackAsync(ct);
            db.ChangeTracker.Clear();
            if (await EarlierAsync(device.Id, saleId, hash, ct) is not { } earlier) throw;
            return (earlier, false);
        }

        OfflineSale.Post(db, order, now);
        var moved = false;
        if (device.DrawsOnStock)
            // In product id order, like every stock change, so two sales of the same products cannot deadlock.
            foreach (var line in order.Lines.OrderBy(l => l.ProductId))
            {
                if (await stock.TryTakeSoldAsync(line.ProductId, line.Quantity, ct)) moved = true;
                else record.FlagForReview();
            }
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        db.ChangeTracker.Clear();
        return (SaleResult.Accepted(saleId, order.Id, record.NeedsReview), moved);
    }

    /// <summary>The result this sale id already has on this device: the original for the same content, a conflict for another.</summary>
    private async Task<SaleResult?> EarlierAsync(int deviceId, string saleId, string hash, CancellationToken ct)
    {
        var earlier = await db.DeviceSales.AsNoTracking().Where(s => s.DeviceId == deviceId && s.SaleId == saleId)
            .Select(s => new { s.ContentHash, s.OrderId, s.NeedsReview }).SingleOrDefaultAsync(ct);
        if (earlier is null) return null;
        return earlier.ContentHash == hash ? SaleResult.Accepted(saleId, earlier.OrderId, earlier.NeedsReview) : SaleResult.Conflict(saleId);
    }
}
