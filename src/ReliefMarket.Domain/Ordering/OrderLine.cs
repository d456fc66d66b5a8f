using ReliefMarket.Domain.Catalog;

namespace ReliefMarket.Domain.Ordering;

/// <summary>A village's share of a line, copied from the producer's sourcing shares when the order was placed.</summary>
public sealed record LineShare(int VillageId, int CountyId, int BasisPoints);

/// <summary>
/// One product in an order. Everything money or attribution depends on is a snapshot taken when the
/// order was placed: later edits to the product, its price or its producer's shares never move past money.
/// </summary>
public class OrderLine
{
    public const int MaxQuantity = 9_999;

    private readonly List<LineShare> _shares = [];

    private OrderLine() { }

    private OrderLine(int productId, LocalizedText productName, LocalizedText unit, Money unitPrice, int quantity,
        int producerId, LocalizedText producerName, bool certifiedAtSale, IEnumerable<LineShare> shares)
    {
        if (quantity is <= 0 or > MaxQuantity) throw new DomainException($"Quantity must be between 1 and {MaxQuantity}.");
        if (unitPrice.Fen <= 0) throw new DomainException("A unit price must be more than zero.");
        ProductId = productId;
        ProductName = productName;
        Unit = unit;
        UnitPrice = unitPrice;
        Quantity = quantity;
        ProducerId = producerId;
        ProducerName = producerName;
        CertifiedAtSale = certifiedAtSale;
        _shares.AddRange(shares);
        if (_shares.Count == 0 || _shares.Sum(s => (long)s.BasisPoints) != Producer.WholeInBasisPoints || _shares.Any(s => s.BasisPoints <= 0))
            throw new DomainException("A line's village shares must be positive and sum to exactly 100%.");
    }

    /// <summary>Copies the product and its producer's sourcing shares as they are now.</summary>
    /// <param name="countyOfVillage">The county each sourcing village belongs to.</param>
    /// <param name="chinaDate">Today in China time: decides whether the sale counts as certified.</param>
    public static OrderLine Snapshot(Product product, Producer producer, IReadOnlyDictionary<int, int> countyOfVillage,
        int quantity, DateOnly chinaDate) => SnapshotAt(product, producer, countyOfVillage, quantity, product.Price, chinaDate);

    /// <summary>
    /// A sale made away from the shop (a vending cabinet, a till): everything is copied from the listing except the unit
    /// price, which is what the buyer actually paid there. Whether that price is close enough to the listing is the
    /// caller's rule, not the line's.
    /// </summary>
    public static OrderLine AtReportedPrice(Product product, Producer producer, IReadOnlyDictionary<int, int> countyOfVillage,
        int quantity, Money unitPrice, DateOnly chinaDateOfSale) =>
        SnapshotAt(product, producer, countyOfVillage, quantity, unitPrice, chinaDateOfSale);

    private static OrderLine SnapshotAt(Product product, Producer producer, IReadOnlyDictionary<int, int> countyOfVillage,
        int quantity, Money unitPrice, DateOnly chinaDate)
    {
        if (product.ProducerId != producer.Id) throw new DomainException("The producer does not make this product.");
        var shares = producer.SourcingShares.Select(s => new LineShare(s.VillageId,
            countyOfVillage.TryGetValue(s.VillageId, out var county)
                ? county
                : throw new DomainException($"Village {s.VillageId} has no known county."), s.BasisPoints));
        return new OrderLine(product.Id, product.Name, product.Unit, unitPrice, quantity, producer.Id, producer.Name,
            product.IsCertifiedOn(chinaDate), shares);
    }

    public long Id { get; private set; }
    public Guid OrderId { get; private set; }
    public int ProductId { get; private set; }
    public LocalizedText ProductName { get; private set; } = null!;
    public LocalizedText Unit { get; private set; } = null!;
    public Money UnitPrice { get; private set; }
    public int Quantity { get; private set; }
    public int ProducerId { get; private set; }
    public LocalizedText ProducerName { get; private set; } = null!;
    /// <summary>The listing was certified on the day of sale: the line's revenue is aid-attributed.</summary>
    public bool CertifiedAtSale { get; private set; }
    public IReadOnlyList<LineShare> Shares => _shares;

    public Money Amount => UnitPrice * Quantity;
}
