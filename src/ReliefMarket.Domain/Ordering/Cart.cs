namespace ReliefMarket.Domain.Ordering;

/// <summary>A product in a cart, with the price it had when it was added (to tell the shopper when it changed).</summary>
public sealed class CartLine
{
    private CartLine() { }

    internal CartLine(int productId, int quantity, Money priceWhenAdded)
    {
        ProductId = productId;
        Quantity = quantity;
        PriceWhenAdded = priceWhenAdded;
    }

    public int ProductId { get; private set; }
    public int Quantity { get; internal set; }
    public Money PriceWhenAdded { get; internal set; }
}

/// <summary>
/// A shopping cart: anonymous (identified by a cookie) or a signed-in consumer's. Quantities stay within
/// 1..<see cref="MaxQuantity"/> per line and never above the stock the caller says is available.
/// </summary>
public class Cart
{
    public const int MaxQuantity = 99;
    public const int MaxLines = 50;

    private readonly List<CartLine> _lines = [];

    private Cart() { }

    public Cart(Guid id, string? userId, DateTime nowUtc)
    {
        Id = id;
        UserId = userId;
        UpdatedAtUtc = nowUtc;
    }

    public Guid Id { get; private set; }
    public string? UserId { get; private set; }
    public DateTime UpdatedAtUtc { get; private set; }
    public IReadOnlyList<CartLine> Lines => _lines;

    /// <summary>Adds to a line (or starts one); returns the quantity now in the cart, capped at stock and the per-line limit.</summary>
    public int Add(int productId, int quantity, Money currentPrice, int available, DateTime nowUtc)
    {
        if (quantity is < 1 or > MaxQuantity) throw new DomainException($"Quantity must be between 1 and {MaxQuantity}.");
        if (available <= 0) throw new DomainException("The product is sold out.");
        var line = _lines.SingleOrDefault(l => l.ProductId == productId);
        if (line is null)
        {
            if (_lines.Count >= MaxLines) throw new DomainException($"A cart holds at most {MaxLines} products.");
            line = new CartLine(productId, 0, currentPrice);
            _lines.Add(line);
        }
        line.Quantity = Math.Min(Math.Min(line.Quantity + quantity, MaxQuantity), available);
        line.PriceWhenAdded = currentPrice;
        UpdatedAtUtc = nowUtc;
        return line.Quantity;
    }

    public void SetQuantity(int productId, int quantity, int available, DateTime nowUtc)
    {
        if (quantity is < 1 or > MaxQuantity) throw new DomainException($"Quantity must be between 1 and {MaxQuantity}.");
        var line = _lines.SingleOrDefault(l => l.ProductId == productId) ?? throw new DomainException("The product is not in the cart.");
        line.Quantity = Math.Min(quantity, Math.Max(available, 1));
        UpdatedAtUtc = nowUtc;
    }

    public void Remove(int productId, DateTime nowUtc)
    {
        _lines.RemoveAll(l => l.ProductId == productId);
        UpdatedAtUtc = nowUtc;
    }

    /// <summary>The shopper saw the current prices (at checkout): later changes are measured from these.</summary>
    public void AcknowledgePrices(IReadOnlyDictionary<int, Money> currentPrices)
    {
        foreach (var line in _lines)
            if (currentPrices.TryGetValue(line.ProductId, out var price)) line.PriceWhenAdded = price;
    }

    /// <summary>Moves an anonymous cart's lines into this one (at sign-in), summing quantities within the limits.</summary>
    public void MergeFrom(Cart other, DateTime nowUtc)
    {
        foreach (var line in other.Lines)
        {
            var mine = _lines.SingleOrDefault(l => l.ProductId == line.ProductId);
            if (mine is null)
            {
                if (_lines.Count >= MaxLines) break;
                _lines.Add(new CartLine(line.ProductId, line.Quantity, line.PriceWhenAdded));
            }
            else mine.Quantity = Math.Min(mine.Quantity + line.Quantity, MaxQuantity);
        }
        UpdatedAtUtc = nowUtc;
    }

    public void Clear(DateTime nowUtc)
    {
        _lines.Clear();
        UpdatedAtUtc = nowUtc;
    }
}
