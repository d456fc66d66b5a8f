namespace ReliefMarket.Web.Channels;

/// <summary>The rules a reported sale must pass before it is recorded; each failure names its reason.</summary>
public static class SaleCheck
{
    public abstract record Outcome;
    public sealed record Valid(IReadOnlyList<(Product Product, int Quantity, Money UnitPrice)> Lines) : Outcome;
    public sealed record Invalid(RejectionReason Reason, string Detail) : Outcome;

    public static Outcome Check(ChannelSaleRequest sale, IReadOnlyDictionary<string, Product> productsBySlug, ChannelsOptions rules, DateTime nowUtc)
    {
        if (string.IsNullOrWhiteSpace(sale.SaleId) || sale.SaleId.Length > DeviceSale.MaxSaleIdLength)
            return new Invalid(RejectionReason.InvalidSale, $"saleId must be 1 to {DeviceSale.MaxSaleIdLength} characters.");
        if (sale.Lines is not { Count: > 0 } lines || lines.Count > rules.MaxLinesPerSale)
            return new Invalid(RejectionReason.InvalidSale, $"A sale has 1 to {rules.MaxLinesPerSale} lines.");
        var at = sale.OccurredAt.UtcDateTime;
        if (at > nowUtc + rules.MaxClockSkew) return new Invalid(RejectionReason.TimeInFuture, "occurredAt is in the future.");
        if (at < nowUtc - rules.MaxAge) return new Invalid(RejectionReason.TooOld, $"occurredAt is more than {rules.MaxAge.TotalDays:0} days ago.");

        var valid = new List<(Product, int, Money)>();
        long sum = 0;
        foreach (var line in lines)
        {
            if (line.Product is null || !productsBySlug.TryGetValue(line.Product, out var product))
                return new Invalid(RejectionReason.UnknownProduct, $"No product '{line.Product}'.");
            if (line.Quantity < 1 || line.Quantity > rules.MaxQuantityPerLine)
                return new Invalid(RejectionReason.QuantityOutOfRange, $"quantity must be 1 to {rules.MaxQuantityPerLine}.");
            var listed = product.Price.Fen;
            // In whole basis points, in integers (prices are capped at Money.MaxInput, so nothing overflows): 10 000 × |difference| against tolerance × price.
            if (line.UnitPriceFen <= 0 || line.UnitPriceFen > Money.MaxInput.Fen
                || Math.Abs(line.UnitPriceFen - listed) * 10_000 > listed * rules.PriceToleranceBasisPoints)
                return new Invalid(RejectionReason.PriceOutOfTolerance,
                    $"unitPriceFen {line.UnitPriceFen} for '{line.Product}' is more than {rules.PriceToleranceBasisPoints / 100m:0.##}% from the listing's {listed}.");
            sum += line.UnitPriceFen * line.Quantity;
            valid.Add((product, line.Quantity, new Money(line.UnitPriceFen)));
        }
        if (sum != sale.TotalFen) return new Invalid(RejectionReason.TotalMismatch, $"totalFen {sale.TotalFen} is not the lines' sum {sum}.");
        return new Valid(valid);
    }
}
