namespace ReliefMarket.Domain.Settlement;

public enum PayoutMethod { BankTransfer, StripeConnect }
public enum PayoutBatchStatus { Open, Paid, Closed }
public enum PayoutLineStatus { Pending, Paid, Failed }

/// <summary>
/// Approved statements sent out together: for bank transfer, one CSV an administrator uploads to the bank, then marks
/// paid with the bank's reference; a line the bank refused is marked failed with a reason and its statement can go
/// into a later batch. A statement is in at most one pending line at a time (a unique index says so too).
/// </summary>
public class PayoutBatch
{
    private readonly List<PayoutLine> _lines = [];

    private PayoutBatch() { }

    public PayoutBatch(PayoutMethod method, string createdBy, DateTime createdAtUtc, IEnumerable<PayoutLine> lines)
    {
        _lines.AddRange(lines);
        if (_lines.Count == 0) throw new DomainException("A payout batch needs at least one statement.");
        if (_lines.Select(l => l.StatementId).Distinct().Count() != _lines.Count) throw new DomainException("A statement appears once in a batch.");
        Method = method;
        CreatedBy = createdBy;
        CreatedAtUtc = createdAtUtc;
        Status = PayoutBatchStatus.Open;
    }

    public int Id { get; private set; }
    public PayoutMethod Method { get; private set; }
    public PayoutBatchStatus Status { get; private set; }
    public string CreatedBy { get; private set; } = "";
    public DateTime CreatedAtUtc { get; private set; }
    public DateTime? PaidAtUtc { get; private set; }
    public string? BankReference { get; private set; }
    public IReadOnlyList<PayoutLine> Lines => _lines;

    public Money Total => new(_lines.Where(l => l.Status != PayoutLineStatus.Failed).Sum(l => l.AmountFen));

    /// <summary>Every line still pending is paid, under the bank's reference for the whole transfer; returns them.</summary>
    public IReadOnlyList<PayoutLine> MarkPaid(string bankReference, DateTime atUtc)
    {
        if (string.IsNullOrWhiteSpace(bankReference)) throw new DomainException("The bank's reference is required.");
        if (Status != PayoutBatchStatus.Open) throw new DomainException($"Cannot mark paid a batch that is {Status}.");
        var paid = _lines.Where(l => l.Status == PayoutLineStatus.Pending).ToList();
        foreach (var line in paid) line.Paid(bankReference.Trim(), atUtc);
        Status = PayoutBatchStatus.Paid;
        BankReference = bankReference.Trim();
        PaidAtUtc = atUtc;
        return paid;
    }

    /// <summary>One line confirmed on its own (a Stripe transfer); the batch is paid when nothing is left pending.</summary>
    public PayoutLine MarkLinePaid(long lineId, string reference, DateTime atUtc)
    {
        if (Status != PayoutBatchStatus.Open) throw new DomainException($"Cannot change a batch that is {Status}.");
        var line = _lines.SingleOrDefault(l => l.Id == lineId) ?? throw new DomainException($"Line {lineId} is not in batch {Id}.");
        line.Paid(reference, atUtc);
        if (_lines.All(l => l.Status != PayoutLineStatus.Pending))
        {
            Status = PayoutBatchStatus.Paid;
            PaidAtUtc = atUtc;
        }
        return line;
    }

    /// <summary>The bank refused one line: it will not be paid in this batch; the batch closes when nothing is left pending.</summary>
    public PayoutLine MarkLineFailed(long lineId, string reason, DateTime atUtc)
    {
        if (Status != PayoutBatchStatus.Open) throw new DomainException($"Cannot change a batch that is {Status}.");
        var line = _lines.SingleOrDefault(l => l.Id == lineId) ?? throw new DomainException($"Line {lineId} is not in batch {Id}.");
        line.Fail(reason, atUtc);
        if (_lines.All(l => l.Status == PayoutLineStatus.Failed)) Status = PayoutBatchStatus.Closed;
        return line;
    }
}

/// <summary>One statement's payout: the amount and the account it goes to, copied when the batch is made.</summary>
public class PayoutLine
{
    public const int MaxReasonLength = 500;

    private PayoutLine() { }

    public PayoutLine(long statementId, int producerId, Money amount, string accountName, string bank, string accountNumber, string reference)
    {
        if (amount.Fen <= 0) throw new DomainException("A payout is more than zero.");
        StatementId = statementId;
        ProducerId = producerId;
        AmountFen = amount.Fen;
        AccountName = accountName;
        Bank = bank;
        AccountNumber = accountNumber;
        Reference = reference;
        Status = PayoutLineStatus.Pending;
    }

    /// <summary>Our reference on the transfer, as the producer's bank statement shows it.</summary>
    public static string ReferenceFor(long statementId) => $"RM-S{statementId}";

    public long Id { get; private set; }
    public int PayoutBatchId { get; private set; }
    public long StatementId { get; private set; }
    public int ProducerId { get; private set; }
    public long AmountFen { get; private set; }
    public string AccountName { get; private set; } = "";
    public string Bank { get; private set; } = "";
    /// <summary>For bank transfer, the account number; for Stripe Connect, the connected account id.</summary>
    public string AccountNumber { get; private set; } = "";
    public string Reference { get; private set; } = "";
    public PayoutLineStatus Status { get; private set; }
    public string? FailureReason { get; private set; }
    /// <summary>The bank's reference for the batch, or the Stripe transfer id.</summary>
    public string? PaidReference { get; private set; }
    public DateTime? ResolvedAtUtc { get; private set; }

    public Money Amount => new(AmountFen);

    /// <summary>The ledger key of this line's payout: one per line, so a failed line's retry in a new batch posts anew.</summary>
    public string LedgerKey => $"{StatementId}:{Id}";

    internal void Paid(string reference, DateTime atUtc)
    {
        if (Status != PayoutLineStatus.Pending) throw new DomainException($"Cannot pay a payout line that is {Status}.");
        Status = PayoutLineStatus.Paid;
        PaidReference = reference;
        ResolvedAtUtc = atUtc;
    }

    internal void Fail(string reason, DateTime atUtc)
    {
        if (Status != PayoutLineStatus.Pending) throw new DomainException($"Cannot fail a payout line that is {Status}.");
        if (string.IsNullOrWhiteSpace(reason)) throw new DomainException("A failed payout needs a reason.");
        if (reason.Trim().Length > MaxReasonLength) throw new DomainException("The reason is at most 500 characters.");
        Status = PayoutLineStatus.Failed;
        FailureReason = reason.Trim();
        ResolvedAtUtc = atUtc;
    }
}
