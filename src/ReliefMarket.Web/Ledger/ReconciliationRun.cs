using System.Text.Json;

namespace ReliefMarket.Web.Ledger;

public enum ReconciliationCheck { LedgerBalances, PayableOnDay, PayableInTotal, Clearing, SummedDay }

/// <summary>One disagreement: what the other side says (expected) against what the ledger says (actual), in fen.</summary>
public sealed record ReconciliationFinding(ReconciliationCheck Check, DateOnly? Day, int? ProducerId, long ExpectedFen, long ActualFen);

/// <summary>One run of the reconciliation job: what it checked, the totals it saw, and every finding. Never updated.</summary>
public class ReconciliationRun
{
    private ReconciliationRun() { }

    public ReconciliationRun(DateTime startedAtUtc, DateOnly firstDay, DateOnly lastDay, long debitsFen, long creditsFen,
        long clearingFen, long expectedClearingFen, IReadOnlyList<ReconciliationFinding> findings)
    {
        StartedAtUtc = startedAtUtc;
        FirstDay = firstDay;
        LastDay = lastDay;
        DebitsFen = debitsFen;
        CreditsFen = creditsFen;
        ClearingFen = clearingFen;
        ExpectedClearingFen = expectedClearingFen;
        MismatchCount = findings.Count;
        FindingsJson = JsonSerializer.Serialize(findings);
    }

    public long Id { get; private set; }
    public DateTime StartedAtUtc { get; private set; }
    /// <summary>The China-time days whose producer movements were compared one by one.</summary>
    public DateOnly FirstDay { get; private set; }
    public DateOnly LastDay { get; private set; }
    public long DebitsFen { get; private set; }
    public long CreditsFen { get; private set; }
    public long ClearingFen { get; private set; }
    public long ExpectedClearingFen { get; private set; }
    public int MismatchCount { get; private set; }
    public string FindingsJson { get; private set; } = "[]";

    public bool Balanced => MismatchCount == 0;

    public IReadOnlyList<ReconciliationFinding> Findings() =>
        JsonSerializer.Deserialize<List<ReconciliationFinding>>(FindingsJson) ?? [];
}
