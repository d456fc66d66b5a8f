namespace ReliefMarket.Web.Channels;

/// <summary>
/// A device's sale as accepted: the key (device, the device's own sale id) is unique, so a sale is recorded once however
/// often the device sends it, and the content hash tells a faithful repeat from a different sale reusing an id.
/// Rejected sales are not kept: the device may correct one and send it again under the same id.
/// </summary>
public class DeviceSale
{
    public const int MaxSaleIdLength = 64;

    private DeviceSale() { }

    public DeviceSale(int deviceId, string saleId, string contentHash, Guid orderId, DateTime soldAtUtc, DateTime receivedAtUtc)
    {
        if (string.IsNullOrWhiteSpace(saleId) || saleId.Length > MaxSaleIdLength) throw new DomainException("A sale id must be 1 to 64 characters.");
        (DeviceId, SaleId, ContentHash, OrderId, SoldAtUtc, ReceivedAtUtc) = (deviceId, saleId, contentHash, orderId, soldAtUtc, receivedAtUtc);
    }

    public long Id { get; private set; }
    public int DeviceId { get; private set; }
    public string SaleId { get; private set; } = "";
    /// <summary>SHA-256 (hex) of the sale's canonical JSON, see <see cref="ChannelSaleRequest.ContentHash"/>.</summary>
    public string ContentHash { get; private set; } = "";
    public Guid OrderId { get; private set; }
    public DateTime SoldAtUtc { get; private set; }
    public DateTime ReceivedAtUtc { get; private set; }
    /// <summary>
    /// The device sold more than the producer's stock showed: the sale stands (the eggs are gone) but stock was not
    /// taken for the short lines, and someone should look at the counts.
    /// </summary>
    public bool NeedsReview { get; private set; }

    public void FlagForReview() => NeedsReview = true;
}
