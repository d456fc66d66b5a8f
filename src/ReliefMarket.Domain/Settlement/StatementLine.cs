namespace ReliefMarket.Domain.Settlement;

/// <summary>What a statement line is. Signs: sales and releases add to the payable; refunds, holds and the fee take from it.</summary>
public enum StatementLineKind
{
    /// <summary>A village's part of an order line sold in the period.</summary>
    Sale,
    /// <summary>A village's part of a refund in the period (negative), whenever the order was sold.</summary>
    Refund,
    /// <summary>Held back (negative): a sale or refund of an order not delivered yet when it was booked.</summary>
    Hold,
    /// <summary>Released (positive) in the period in which the hold-back days after the order's delivery run out.</summary>
    Release,
    /// <summary>The platform's fee on the period's net sales (negative).</summary>
    Fee,
    /// <summary>A balance of zero or less carried from the producer's previous statement.</summary>
    Carried,
}

/// <summary>
/// One amount behind a statement, in fen, with the order line and village it is attributed to (sales, refunds and holds).
/// Lines are not stored: they are read from the period's attribution entries, which never change once booked
/// (Web/Settlement/StatementSql.cs, decision 0027). The statement's payable is their sum.
/// </summary>
public class StatementLine
{
    private StatementLine() { }

    public StatementLine(int producerId, StatementLineKind kind, Money amount, Guid? orderId = null, long? orderLineId = null,
        int? villageId = null, DateTime? occurredAtUtc = null)
    {
        var itemised = kind is StatementLineKind.Sale or StatementLineKind.Refund or StatementLineKind.Hold or StatementLineKind.Release;
        if (itemised != (orderId is not null && orderLineId is not null && villageId is not null))
            throw new DomainException("Sales, refunds and holds name their order line and village; the fee and carried balance do not.");
        if (kind == StatementLineKind.Sale && amount.Fen < 0 || kind is StatementLineKind.Refund or StatementLineKind.Fee && amount.Fen > 0)
            throw new DomainException($"A {kind} line has the wrong sign: {amount}.");
        ProducerId = producerId;
        Kind = kind;
        AmountFen = amount.Fen;
        OrderId = orderId;
        OrderLineId = orderLineId;
        VillageId = villageId;
        OccurredAtUtc = occurredAtUtc;
    }

    public int ProducerId { get; private set; }
    public StatementLineKind Kind { get; private set; }
    public long AmountFen { get; private set; }
    public Guid? OrderId { get; private set; }
    public long? OrderLineId { get; private set; }
    public int? VillageId { get; private set; }
    /// <summary>When the sale or refund happened (the first, if several in the period); empty for holds, fee and carried balance.</summary>
    public DateTime? OccurredAtUtc { get; private set; }

    public Money Amount => new(AmountFen);
}
