using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace ReliefMarket.Web.Channels;

/// <summary>POST /api/v1/channel-sales: up to <see cref="ChannelsOptions.MaxSalesPerBatch"/> sales a device has already been paid for.</summary>
public sealed record ChannelSalesRequest(IReadOnlyList<ChannelSaleRequest>? Sales);

/// <param name="SaleId">The device's own id for the sale: sending it again is safe.</param>
/// <param name="OccurredAt">When the sale happened, with its offset.</param>
/// <param name="TotalFen">What the buyer paid, in fen: must equal Σ quantity × unit price.</param>
public sealed record ChannelSaleRequest(string? SaleId, DateTimeOffset OccurredAt, IReadOnlyList<ChannelSaleLineRequest>? Lines, long TotalFen)
{
    private static readonly JsonSerializerOptions Canonical = new() { WriteIndented = false };

    /// <summary>
    /// SHA-256 of the sale in one fixed form (UTC time, fields in one order, no whitespace): two sends of the same sale
    /// hash alike however the device formatted them, and any change to what was sold hashes differently.
    /// </summary>
    public string ContentHash()
    {
        var canonical = JsonSerializer.Serialize(new object[]
        {
            SaleId ?? "", OccurredAt.UtcDateTime.ToString("O"), TotalFen,
            (Lines ?? []).Select(l => new object[] { l.Product ?? "", l.Quantity, l.UnitPriceFen }).ToArray(),
        }, Canonical);
        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(canonical)));
    }
}

/// <param name="Product">The listing's slug.</param>
public sealed record ChannelSaleLineRequest(string? Product, int Quantity, long UnitPriceFen);

[JsonConverter(typeof(JsonStringEnumConverter<SaleOutcome>))]
public enum SaleOutcome { Accepted, Rejected, Conflict }

[JsonConverter(typeof(JsonStringEnumConverter<RejectionReason>))]
public enum RejectionReason { InvalidSale, UnknownProduct, TotalMismatch, PriceOutOfTolerance, TimeInFuture, TooOld, QuantityOutOfRange }

/// <summary>
/// One sale's result, shaped like a problem detail: <paramref name="Status"/> is what a request of this sale alone would
/// have answered (201 accepted, 422 rejected, 409 conflict).
/// </summary>
public sealed record SaleResult(string? SaleId, SaleOutcome Outcome, int Status, Guid? OrderId, bool FlaggedForReview,
    RejectionReason? Reason, string? Detail)
{
    public static SaleResult Accepted(string saleId, Guid orderId, bool flagged) => new(saleId, SaleOutcome.Accepted, 201, orderId, flagged, null, null);
    public static SaleResult Rejected(string? saleId, RejectionReason reason, string detail) => new(saleId, SaleOutcome.Rejected, 422, null, false, reason, detail);
    public static SaleResult Conflict(string saleId) =>
        new(saleId, SaleOutcome.Conflict, 409, null, false, null, "This device already reported a different sale with this id.");
}

public sealed record ChannelSalesResponse(int Accepted, int Rejected, int Conflicts, IReadOnlyList<SaleResult> Results);
