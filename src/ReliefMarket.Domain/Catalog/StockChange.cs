namespace ReliefMarket.Domain.Catalog;

public enum StockChangeReason
{
    /// <summary>Counted the store and set the figure.</summary>
    Count,
    Harvest,
    Damaged,
    SoldElsewhere,
    Returned,
    Other,
}

/// <summary>
/// One change of a listing's stock by a member: what moved, why, who and when. Sales do not write here: stock is
/// taken when an order is placed (and given back when it is cancelled), so the figure a member sees already leaves
/// out the units of paid orders still waiting to ship.
/// </summary>
public class StockChange
{
    private StockChange() { }

    public StockChange(int productId, int delta, int stockAfter, StockChangeReason reason, string? note, string userId, DateTime atUtc)
    {
        if (delta == 0) throw new DomainException("A stock change must move stock.");
        if (stockAfter is < 0 or > Product.MaxStock) throw new DomainException("Stock cannot go below zero.");
        ProductId = productId;
        Delta = delta;
        StockAfter = stockAfter;
        Reason = reason;
        Note = string.IsNullOrWhiteSpace(note) ? null : note.Trim();
        UserId = userId;
        AtUtc = atUtc;
    }

    public long Id { get; private set; }
    public int ProductId { get; private set; }
    public int Delta { get; private set; }
    public int StockAfter { get; private set; }
    public StockChangeReason Reason { get; private set; }
    public string? Note { get; private set; }
    public string UserId { get; private set; } = "";
    public DateTime AtUtc { get; private set; }
}
