using ReliefMarket.Domain.Ordering;

namespace ReliefMarket.Domain.Attribution;

/// <summary>
/// The attribution rule: a paid line's amount is split between its villages by the snapshotted
/// sourcing shares (largest remainder, so the parts sum exactly to the line); a refund produces the
/// same split of the refunded amount, negated. Shipping fees are not village revenue and are not attributed.
/// </summary>
public static class AttributionRule
{
    /// <param name="bookedAtUtc">When the sale reaches the books, if later than it was paid (a sale reported afterwards).</param>
    public static IReadOnlyList<AttributionEntry> ForPaidOrder(Order order, DateTime? bookedAtUtc = null)
    {
        if (order.PaidAtUtc is not { } paidAt) throw new DomainException("Only a paid order is attributed.");
        var sales = order.Lines.SelectMany(line => Split(order, line, line.Amount, AttributionKind.Sale, paidAt, bookedAtUtc)).ToList();
        AttributionEntry.MarkOrderCounts(sales);
        return sales;
    }

    /// <summary>Negating entries for <paramref name="refunded"/> of one line (all of it for a full refund).</summary>
    public static IReadOnlyList<AttributionEntry> ForRefund(Order order, OrderLine line, Money refunded, DateTime atUtc)
    {
        if (order.PaidAtUtc is null) throw new DomainException("Only a paid order can be refunded.");
        if (!order.Lines.Contains(line)) throw new DomainException("The line is not part of this order.");
        if (refunded.Fen <= 0 || refunded > line.Amount) throw new DomainException("A line refund must be between ¥0.01 and the line amount.");
        return Split(order, line, -refunded, AttributionKind.Refund, atUtc);
    }

    /// <summary>
    /// Negating entries for a refund of <paramref name="refunded"/> against a whole order (as payment providers
    /// report refunds): the amount is spread over the lines and the shipping fee in proportion to what each cost,
    /// and each line's part is split between its villages. The shipping part is not attributed.
    /// </summary>
    public static IReadOnlyList<AttributionEntry> ForOrderRefund(Order order, Money refunded, DateTime atUtc)
    {
        if (refunded.Fen <= 0 || refunded > order.Total) throw new DomainException("A refund must be between ¥0.01 and the order total.");
        var weights = order.Lines.Select(l => l.Amount.Fen).Append(order.ShippingFee.Fen).ToList();
        var parts = refunded.Allocate(weights);
        return order.Lines.Select((line, i) => (line, part: parts[i]))
            .Where(x => x.part.Fen > 0)
            .SelectMany(x => ForRefund(order, x.line, x.part, atUtc))
            .ToList();
    }

    /// <summary>What each line has had refunded so far, from the order's earlier refund entries (line id → amount).</summary>
    public static Dictionary<long, Money> RefundedByLine(IEnumerable<AttributionEntry> earlierRefunds) =>
        earlierRefunds.Where(e => e.Kind == AttributionKind.Refund).GroupBy(e => e.OrderLineId)
            .ToDictionary(g => g.Key, g => new Money(-g.Sum(e => e.AmountFen)));

    /// <summary>Whether each chosen part fits in what its line still has to refund after <paramref name="earlierRefunds"/>.</summary>
    public static bool LinesCanRefund(Order order, IReadOnlyCollection<(OrderLine Line, Money Amount)> parts, IEnumerable<AttributionEntry> earlierRefunds)
    {
        var refunded = RefundedByLine(earlierRefunds);
        return parts.Count > 0 && parts.All(p => order.Lines.Contains(p.Line) && p.Amount.Fen > 0)
            && parts.GroupBy(p => p.Line).All(g => Money.Sum(g.Select(p => p.Amount)) <= g.Key.Amount - refunded.GetValueOrDefault(g.Key.Id));
    }

    /// <summary>Negating entries for a refund of chosen lines (an administrator's line refund): each part goes to its own line's villages.</summary>
    public static IReadOnlyList<AttributionEntry> ForLineRefunds(Order order, IReadOnlyCollection<(OrderLine Line, Money Amount)> parts,
        IEnumerable<AttributionEntry> earlierRefunds, DateTime atUtc)
    {
        if (!LinesCanRefund(order, parts, earlierRefunds)) throw new DomainException("A line refund must be more than zero and fit what remains of its line.");
        return parts.SelectMany(p => ForRefund(order, p.Line, p.Amount, atUtc)).ToList();
    }

    /// <summary>
    /// Negating entries for a refund against what is left of the order (a provider's refund, or an amount an
    /// administrator typed): spread over what each line and the shipping fee still have to refund, so that earlier
    /// line refunds are not taken twice. Call it before <see cref="Order.RecordRefund"/> records this refund.
    /// </summary>
    public static IReadOnlyList<AttributionEntry> ForRemainingRefund(Order order, Money refunded, IEnumerable<AttributionEntry> earlierRefunds, DateTime atUtc)
    {
        var byLine = RefundedByLine(earlierRefunds);
        var linesRefunded = Money.Sum(byLine.Values);
        var shippingRefunded = new Money(Math.Clamp((order.Refunded - linesRefunded).Fen, 0, order.ShippingFee.Fen));
        var weights = order.Lines.Select(l => Math.Max(0, (l.Amount - byLine.GetValueOrDefault(l.Id)).Fen))
            .Append((order.ShippingFee - shippingRefunded).Fen).ToList();
        if (refunded.Fen <= 0 || refunded.Fen > weights.Sum()) throw new DomainException("A refund must be between ¥0.01 and what remains of the order.");
        var parts = refunded.Allocate(weights);
        return order.Lines.Select((line, i) => (line, part: parts[i]))
            .Where(x => x.part.Fen > 0)
            .SelectMany(x => ForRefund(order, x.line, x.part, atUtc))
            .ToList();
    }

    /// <summary>Money of an order still to be delivered is held back from the producers until it is (decision 0027).</summary>
    public static bool HeldUntilDelivery(Order order) => order.ShippingAddress is not null && order.DeliveredAtUtc is null;

    private static List<AttributionEntry> Split(Order order, OrderLine line, Money amount, AttributionKind kind, DateTime atUtc, DateTime? bookedAtUtc = null)
    {
        var weights = line.Shares.Select(s => (long)s.BasisPoints).ToList();
        var parts = amount.Allocate(weights);
        // The line's units split by the same shares and the same largest-remainder rule as its money.
        var units = kind == AttributionKind.Sale ? new Money(line.Quantity).Allocate(weights) : new Money[weights.Count];
        return line.Shares.Select((share, i) => new AttributionEntry(order.Id, line.Id, share.VillageId, share.CountyId,
            line.ProducerId, order.Channel, line.CertifiedAtSale, kind, parts[i], atUtc, bookedAtUtc, HeldUntilDelivery(order),
            units: (int)units[i].Fen)).ToList();
    }
}
