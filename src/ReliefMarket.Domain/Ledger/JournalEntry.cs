namespace ReliefMarket.Domain.Ledger;

/// <summary>
/// One balanced posting: its debits equal its credits to the fen, or it cannot be constructed. Entries are
/// append-only: a mistake is corrected by a new entry, never by changing or deleting this one.
/// </summary>
public class JournalEntry
{
    private readonly List<JournalLine> _lines = [];

    private JournalEntry() { }

    public JournalEntry(CauseReference cause, DateTime postedAtUtc, IEnumerable<JournalLine> lines)
    {
        ArgumentNullException.ThrowIfNull(cause);
        if (string.IsNullOrWhiteSpace(cause.Key) || cause.Key.Length > CauseReference.MaxKeyLength)
            throw new DomainException("A journal entry needs a cause key of at most 200 characters.");
        if (postedAtUtc.Kind != DateTimeKind.Utc) throw new DomainException("A journal entry's time must be UTC.");
        _lines.AddRange(lines);
        if (_lines.Count < 2) throw new DomainException("A journal entry needs at least one debit and one credit.");
        long debits = 0, credits = 0;
        foreach (var line in _lines)
        {
            debits = checked(debits + line.DebitFen);
            credits = checked(credits + line.CreditFen);
        }
        if (debits != credits)
            throw new DomainException($"Journal entry {cause.Key} does not balance: debits {new Money(debits)}, credits {new Money(credits)}.");
        foreach (var line in _lines) line.PostedAtUtc = postedAtUtc;
        CauseKind = cause.Kind;
        CauseKey = cause.Key;
        OrderId = cause.OrderId;
        PostedAtUtc = postedAtUtc;
    }

    public long Id { get; private set; }
    public CauseKind CauseKind { get; private set; }
    public string CauseKey { get; private set; } = "";
    public Guid? OrderId { get; private set; }
    public DateTime PostedAtUtc { get; private set; }
    public IReadOnlyList<JournalLine> Lines => _lines;

    public Money Total => new(_lines.Sum(l => l.DebitFen));
}

/// <summary>
/// A debit or a credit of a positive amount to one account; producer payable lines name their producer and no
/// other line does. Debit and credit are two columns (one of them zero) so the database sums each directly.
/// </summary>
public class JournalLine
{
    private JournalLine() { }

    private JournalLine(Account account, int? producerId, long debitFen, long creditFen)
    {
        if (debitFen < 0 || creditFen < 0 || (debitFen == 0) == (creditFen == 0))
            throw new DomainException("A journal line is either a debit or a credit of a positive amount.");
        if ((account == Account.ProducerPayable) != producerId.HasValue)
            throw new DomainException("Producer payable lines, and only they, name a producer.");
        Account = account;
        ProducerId = producerId;
        DebitFen = debitFen;
        CreditFen = creditFen;
    }

    public static JournalLine Debit(Account account, Money amount, int? producerId = null) => new(account, producerId, amount.Fen, 0);
    public static JournalLine Credit(Account account, Money amount, int? producerId = null) => new(account, producerId, 0, amount.Fen);

    public long Id { get; private set; }
    public long JournalEntryId { get; private set; }
    public Account Account { get; private set; }
    public int? ProducerId { get; private set; }
    public long DebitFen { get; private set; }
    public long CreditFen { get; private set; }
    /// <summary>The entry's time, copied onto each line so trial balances filter by date without a join.</summary>
    public DateTime PostedAtUtc { get; internal set; }
}
