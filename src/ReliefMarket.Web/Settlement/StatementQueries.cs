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

    public IQueryable<Row> Rows(int? producerId) =>
        from s in db.SettlementStatements
        join p in db.SettlementPeriods on s.PeriodId equals p.Id
        join pr in db.Producers on s.ProducerId equals pr.Id
        where producerId == null || s.ProducerId == producerId
        orderby p.StartsAtUtc descending, s.ProducerId
        select new Row(s.Id, s.ProducerId, pr.Name, p.StartsAtUtc, p.EndsAtUtc, s.Status, s.SalesFen, s.RefundsFen, s.FeeFen, s.HeldFen,
            s.CarriedInFen, s.PayableFen, s.PaidAtUtc, s.PaymentReference,
            db.PayoutLines.Any(l => l.StatementId == s.Id && l.Status == PayoutLineStatus.Pending));

    public async Task<Detail?> FindAsync(long id, int? producerId, CancellationToken ct)
    {
        var row = await Rows(producerId).SingleOrDefaultAsync(r => r.Id == id, ct);
        if (row is null) return null;
        var lines = await (from l in db.StatementLines
                           where l.StatementId == id
                           join ol in db.OrderLines on l.OrderLineId equals ol.Id into ols
                           from ol in ols.DefaultIfEmpty()
                           join v in db.Villages on l.VillageId equals v.Id into vs
                           from v in vs.DefaultIfEmpty()
                           join o in db.Orders on l.OrderId equals o.Id into os
                           from o in os.DefaultIfEmpty()
                           orderby l.Kind, l.OccurredAtUtc, l.OrderId, l.OrderLineId, l.VillageId
                           select new Line(l.Kind, l.OrderId, ol == null ? null : ol.ProductName, v == null ? null : v.Name, l.AmountFen,
                               l.OccurredAtUtc, o == null ? null : o.DeliveredAtUtc)).ToListAsync(ct);
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
