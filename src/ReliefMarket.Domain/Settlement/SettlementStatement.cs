namespace ReliefMarket.Domain.Settlement;

/// <summary>Closed (computed) → Approved (an administrator checked it against the ledger) → Paid (the payout is confirmed).</summary>
public enum StatementStatus { Closed, Approved, Paid }

/// <summary>
/// What one producer is owed for one period, and why: the sum of its <see cref="StatementLine"/>s. A payable of zero or
/// less has nothing to pay: it stays Closed and is carried into the producer's next statement. The settlement job writes
/// statements in set-based SQL that mirrors <see cref="FromLines"/>; this type guards the lifecycle after that.
/// </summary>
public class SettlementStatement
{
    private SettlementStatement() { }

    public long Id { get; private set; }
    public int PeriodId { get; private set; }
    public int ProducerId { get; private set; }
    public StatementStatus Status { get; private set; }
    /// <summary>Sales in the period (≥ 0).</summary>
    public long SalesFen { get; private set; }
    /// <summary>Refunds in the period, of this period's sales or earlier ones (≤ 0).</summary>
    public long RefundsFen { get; private set; }
    /// <summary>The platform's fee (≥ 0), deducted.</summary>
    public long FeeFen { get; private set; }
    /// <summary>Net change in held-back money: negative when more was held than released.</summary>
    public long HeldFen { get; private set; }
    /// <summary>The previous statement's balance of zero or less.</summary>
    public long CarriedInFen { get; private set; }
    /// <summary>Sales + refunds − fee + held + carried in: the sum of the lines.</summary>
    public long PayableFen { get; private set; }
    /// <summary>The payable when it is zero or less (carried into the next statement); otherwise zero.</summary>
    public long CarriedOutFen { get; private set; }
    public DateTime? ApprovedAtUtc { get; private set; }
    public string? ApprovedBy { get; private set; }
    public DateTime? PaidAtUtc { get; private set; }
    public string? PaymentReference { get; private set; }

    public bool HasSomethingToPay => PayableFen > 0;
    public Money Payable => new(PayableFen);
    public Money ToPay => new(Math.Max(PayableFen, 0));

    /// <summary>A closed statement from its lines: every total is a sum of lines, so Σ lines = payable by construction.</summary>
    public static SettlementStatement FromLines(int periodId, int producerId, IReadOnlyCollection<StatementLine> lines)
    {
        if (lines.Any(l => l.ProducerId != producerId)) throw new DomainException("A statement's lines belong to its producer.");
        long Sum(StatementLineKind k) => lines.Where(l => l.Kind == k).Sum(l => l.AmountFen);
        var statement = new SettlementStatement
        {
            PeriodId = periodId,
            ProducerId = producerId,
            Status = StatementStatus.Closed,
            SalesFen = Sum(StatementLineKind.Sale),
            RefundsFen = Sum(StatementLineKind.Refund),
            FeeFen = -Sum(StatementLineKind.Fee),
            HeldFen = Sum(StatementLineKind.Hold) + Sum(StatementLineKind.Release),
            CarriedInFen = Sum(StatementLineKind.Carried),
        };
        statement.PayableFen = checked(statement.SalesFen + statement.RefundsFen - statement.FeeFen + statement.HeldFen + statement.CarriedInFen);
        statement.CarriedOutFen = Math.Min(statement.PayableFen, 0);
        return statement;
    }

    /// <summary>The platform fee on a period's net sales, rounded down (in the producer's favour); none on a net refund.</summary>
    public static Money Fee(long salesFen, long refundsFen, int basisPoints) =>
        new(Math.Max(0, checked((salesFen + refundsFen) * basisPoints) / 10_000));

    public void Approve(string approvedBy, DateTime atUtc)
    {
        Require(Status == StatementStatus.Closed, "approve");
        if (!HasSomethingToPay) throw new DomainException("A statement with nothing to pay is carried forward, not approved.");
        if (string.IsNullOrWhiteSpace(approvedBy)) throw new DomainException("Approval needs the approver.");
        Status = StatementStatus.Approved;
        ApprovedBy = approvedBy;
        ApprovedAtUtc = atUtc;
    }

    /// <summary>The payout is confirmed. Safe to repeat with the same reference; another reference throws.</summary>
    public bool MarkPaid(string paymentReference, DateTime atUtc)
    {
        if (string.IsNullOrWhiteSpace(paymentReference)) throw new DomainException("A payment reference is required.");
        if (Status == StatementStatus.Paid)
        {
            if (PaymentReference == paymentReference) return false;
            throw new DomainException($"Statement {Id} was already paid with another reference.");
        }
        Require(Status == StatementStatus.Approved, "mark paid");
        Status = StatementStatus.Paid;
        PaymentReference = paymentReference;
        PaidAtUtc = atUtc;
        return true;
    }

    private void Require(bool allowed, string action)
    {
        if (!allowed) throw new DomainException($"Cannot {action} a statement that is {Status}.");
    }
}
