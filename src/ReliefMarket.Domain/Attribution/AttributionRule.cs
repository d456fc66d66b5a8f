using ReliefMarket.Domain.Ordering;

namespace ReliefMarket.Domain.Attribution;

/// <summary>
/// The attribution rule: a paid line's amount is split between its villages by the snapshotted
/// sourcing shares (largest remainder, so the parts sum exactly to the line); a refund produces the
/// same split of the refunded amount, negated. Shipping fees are not village revenue and are not attributed.
/// </summary>
public static class AttributionRule
{
    public static IReadOnlyList<AttributionEntry> ForPaidOrder(Order order)
    {
        if (order.PaidAtUtc is not { } paidAt) throw new DomainException("Only a paid order is attributed.");
        return order.Lines.SelectMany(line => Split(order, line, line.Amount, AttributionKind.Sale, paidAt)).ToList();
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

    private static List<AttributionEntry> Split(Order order, OrderLine line, Money amount, AttributionKind kind, DateTime atUtc)
    {
        var parts = amount.Allocate(line.Shares.Select(s => (long)s.BasisPoints).ToList());
        return line.Shares.Select((share, i) => new AttributionEntry(order.Id, line.Id, share.VillageId, share.CountyId,
            line.ProducerId, order.Channel, line.CertifiedAtSale, kind, parts[i], atUtc)).ToList();
    }
}
