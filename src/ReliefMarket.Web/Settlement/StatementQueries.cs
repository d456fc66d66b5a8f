using ReliefMarket.Domain.Ledger;
using ReliefMarket.Domain.Settlement;

namespace ReliefMarket.Web.Settlement;

/// <summary>
/// Statements as pages, emails and CSV show them. Every lookup takes the asking member's producer (null for staff), so a
/// cooperative asking for another producer's statement gets nothing, which the page answers with 404.
/// </summary>
public sealed class StatementQueries(AppDbContext db)
{
    public sealed record Row(long Id, int ProducerId, LocalizedText Producer, DateTime StartsAtUtc, DateTime EndsAtUtc, StatementStatus Status,
        long SalesFen, long RefundsFen, long FeeFen, long HeldFen, long CarriedInFen, long PayableFen, DateTime? PaidAtUtc, string? PaymentReference, bool InBatch);

    public sealed record Line(StatementLineKind Kind, Guid? OrderId, LocalizedText? Product, LocalizedText? Village, long AmountFen,
        DateTime? OccurredAtUtc, DateTime? DeliveredAtUtc);

    /// <summary>A statement, its lines, and what the ledger says the producer's sales and refunds were in the same period.</summary>
    public sealed record Detail(Row Statement, IReadOnlyList<Line> Lines, long LedgerMovementsFen, int HoldDays)
    {
        public long StatementMovementsFen => Statement.SalesFen + Statement.RefundsFen;
        public long DifferenceFen => StatementMovementsFen - LedgerMovementsFen;
        public long LinesFen => Lines.Sum(l => l.AmountFen);
    }

    /// <summary>Fen as yuan with two decimals ("-12.50"), in integer arithmetic, for spreadsheets and bank files.</summary>
    public static string Yuan(long fen) =>
        string.Create(System.Globalization.CultureInfo.InvariantCulture, $"{(fen < 0 ? "-" : "")}{Math.Abs(fen) / 100}.{Math.Abs(fen) % 100:00}");

    public IQueryable<Row> Rows(int? producerId, long? id = null, StatementStatus? status = null) =>
        from s in db.SettlementStatements
        join p in db.SettlementPeriods on s.PeriodId equals p.Id
        join pr in db.Producers on s.ProducerId equals pr.Id
        where (producerId == null || s.ProducerId == producerId) && (id == null || s.Id == id) && (status == null || s.Status == status)
        orderby p.StartsAtUtc descending, s.ProducerId
        select new Row(s.Id, s.ProducerId, pr.Name, p.StartsAtUtc, p.EndsAtUtc, s.Status, s.SalesFen, s.RefundsFen, s.FeeFen, s.HeldFen,
            s.CarriedInFen, s.PayableFen, s.PaidAtUtc, s.PaymentReference,
            db.PayoutLines.Any(l => l.StatementId == s.Id && l.Status == PayoutLineStatus.Pending));

    private sealed record RawLine(string Kind, Guid OrderId, long OrderLineId, int VillageId, long AmountFen, DateTime? OccurredAtUtc);

    /// <summary>
    /// Every amount behind a statement, read from its period's bookings (<see cref="StatementSql.Lines"/>), then its
    /// carried balance and fee: their sum is the statement's payable.
    /// </summary>
    public async Task<IReadOnlyList<StatementLine>> LinesAsync(SettlementStatement statement, CancellationToken ct)
    {
        var period = await db.SettlementPeriods.AsNoTracking().SingleAsync(p => p.Id == statement.PeriodId, ct);
        object[] args = [period.StartsAtUtc, period.EndsAtUtc, statement.ProducerId];
        var raw = await db.Database.SqlQueryRaw<RawLine>(StatementSql.Lines, args).ToListAsync(ct);
        var lines = raw.Select(l => new StatementLine(statement.ProducerId, Enum.Parse<StatementLineKind>(l.Kind), new Money(l.AmountFen),
                l.OrderId, l.OrderLineId, l.VillageId, l.OccurredAtUtc))
            .OrderBy(l => l.Kind).ThenBy(l => l.OccurredAtUtc).ThenBy(l => l.OrderId).ThenBy(l => l.OrderLineId).ThenBy(l => l.VillageId)
            .ToList();
        if (statement.CarriedInFen != 0) lines.Add(new StatementLine(statement.ProducerId, StatementLineKind.Carried, new Money(statement.CarriedInFen)));
        if (statement.FeeFen != 0) lines.Add(new StatementLine(statement.ProducerId, StatementLineKind.Fee, new Money(-statement.FeeFen)));
        return lines;
    }

    public async Task<Detail?> FindAsync(long id, int? producerId, CancellationToken ct)
    {
        var row = await Rows(producerId, id).SingleOrDefaultAsync(ct);
        if (row is null) return null;
        var raw = await LinesAsync(await db.SettlementStatements.AsNoTracking().SingleAsync(s => s.Id == id, ct), ct);
        var lineIds = raw.Where(l => l.OrderLineId != null).Select(l => l.OrderLineId!.Value).Distinct().ToList();
        var products = await db.OrderLines.Where(l => lineIds.Contains(l.Id)).Select(l => new { l.Id, l.ProductName }).ToDictionaryAsync(l => l.Id, l => l.ProductName, ct);
        var villageIds = raw.Where(l => l.VillageId != null).Select(l => l.VillageId!.Value).Distinct().ToList();
        var villages = await db.Villages.Where(v => villageIds.Contains(v.Id)).Select(v => new { v.Id, v.Name }).ToDictionaryAsync(v => v.Id, v => v.Name, ct);
        var orderIds = raw.Where(l => l.Kind is StatementLineKind.Hold or StatementLineKind.Release).Select(l => l.OrderId!.Value).Distinct().ToList();
        var delivered = await db.Orders.Where(o => orderIds.Contains(o.Id)).Select(o => new { o.Id, o.DeliveredAtUtc }).ToDictionaryAsync(o => o.Id, o => o.DeliveredAtUtc, ct);
        var lines = raw.Select(l => new Line(l.Kind, l.OrderId, l.OrderLineId is { } ol ? products.GetValueOrDefault(ol) : null,
            l.VillageId is { } v ? villages.GetValueOrDefault(v) : null, l.AmountFen, l.OccurredAtUtc,
            l.OrderId is { } o ? delivered.GetValueOrDefault(o) : null)).ToList();
        var period = await db.SettlementPeriods.AsNoTracking().SingleAsync(p => p.StartsAtUtc == row.StartsAtUtc, ct);
        var ledger = await (from l in db.JournalLines
                            join e in db.JournalEntries on l.JournalEntryId equals e.Id
                            where l.Account == Account.ProducerPayable && l.ProducerId == row.ProducerId
                                  && l.PostedAtUtc >= row.StartsAtUtc && l.PostedAtUtc < row.EndsAtUtc
                                  && (e.CauseKind == CauseKind.OrderPaid || e.CauseKind == CauseKind.Refund)
                            select l.CreditFen - l.DebitFen).SumAsync(ct);
        return new Detail(row, lines, ledger, period.HoldDays);
    }
}
