using ReliefMarket.Domain.Settlement;

namespace ReliefMarket.Web.Settlement;

/// <summary>
/// What is behind every statement, in one place for the job that sums it and the pages that list it (decision 0027).
/// A period's movements are the attribution entries booked in it (sales and refunds), a hold (negative) of those booked
/// while their order was undelivered (<c>held</c>), and the hold releases that fall in it (positive, written when an
/// order is delivered). Entries and releases never change once written and always fall in an open period, so the same
/// SQL gives the same lines whenever it is read. The job sums them once per producer and China day as each day ends
/// (<see cref="InsertProducerDays"/>), and closes a period from its days (<see cref="InsertStatements"/>, decision 0032).
/// </summary>
internal static class StatementSql
{
    /// <summary>
    /// Rows (producer_id, kind, order_id, order_line_id, village_id, amount_fen, occurred_at_utc), kind being 'Sale',
    /// 'Refund', 'Hold' or 'Release'. Arguments: {0} period start, {1} period end.
    /// </summary>
    public const string Movements = """
        SELECT a.producer_id, a.kind, a.order_id, a.order_line_id, a.village_id, a.amount_fen, a.occurred_at_utc
        FROM attribution_entries a
        WHERE a.booked_at_utc >= {0} AND a.booked_at_utc < {1}
        UNION ALL
        SELECT a.producer_id, 'Hold', a.order_id, a.order_line_id, a.village_id, -a.amount_fen, NULL
        FROM attribution_entries a
        WHERE a.booked_at_utc >= {0} AND a.booked_at_utc < {1} AND a.held
        UNION ALL
        SELECT r.producer_id, 'Release', r.order_id, r.order_line_id, r.village_id, r.amount_fen, NULL
        FROM hold_releases r
        WHERE r.released_at_utc >= {0} AND r.released_at_utc < {1}
        """;

    /// <summary>
    /// The periods being closed (oldest first) from parameters {0}–{3} for the first period (id, starts at, ends at,
    /// fee in basis points), {4}–{7} for the second, and so on: a derived table of them (id, fee_bp), and the period id
    /// of a producer day <c>d</c> (a CASE over the periods, NULL outside them) with the day range they cover. Closing
    /// reads each day once, in the order of the days' key, whatever the planner knows of the table.
    /// </summary>
    public static (string Table, string PeriodOfDay, string DayRange, object[] Args) Periods(IReadOnlyList<SettlementPeriod> periods)
    {
        var table = string.Join(" UNION ALL ", periods.Select((_, i) => $"SELECT {{{4 * i}}} AS id, {{{4 * i + 3}}} AS fee_bp"));
        var periodOfDay = "CASE " + string.Join(" ", periods.Select((_, i) =>
            $"WHEN d.day_starts_at_utc >= {{{4 * i + 1}}} AND d.day_starts_at_utc < {{{4 * i + 2}}} THEN {{{4 * i}}}")) + " END";
        var dayRange = $"d.day_starts_at_utc >= {{1}} AND d.day_starts_at_utc < {{{4 * (periods.Count - 1) + 2}}}";
        var args = periods.SelectMany(p => (object[])[p.Id, p.StartsAtUtc, p.EndsAtUtc, p.FeeBasisPoints]).ToArray();
        return (table, periodOfDay, dayRange, args);
    }

    /// <summary>
    /// A derived table of China days, one row each (starts_at, ends_at), from parameters {0}–{1} for the first day, and so on.
    /// </summary>
    public static (string Sql, object[] Args) Days(IReadOnlyList<DateTime> days)
    {
        var sql = string.Join(" UNION ALL ", days.Select((_, i) => $"SELECT {{{2 * i}}} AS starts_at, {{{2 * i + 1}}} AS ends_at"));
        return (sql, days.SelectMany(d => (object[])[d, d.AddDays(1)]).ToArray());
    }

    /// <summary>The rows of the summed <paramref name="days"/> (a <see cref="Days"/> table), summed at {<paramref name="summedAt"/>}.</summary>
    public static string InsertDays(string days, string summedAt) =>
        $"INSERT INTO settlement_days (starts_at_utc, summed_at_utc) SELECT d.starts_at, {summedAt} FROM ({days}) d";

    /// <summary>
    /// Each producer's movements on each of the <paramref name="days"/> (a <see cref="Days"/> table), the rule of
    /// <see cref="Movements"/> summed: sales, refunds and holds of the bookings of the day (one pass over
    /// ix_attribution_entries_settlement) and the releases that fall in it (one over the releases' covering index).
    /// </summary>
    public static string InsertProducerDays(string days) => $"""
        INSERT INTO producer_days (day_starts_at_utc, producer_id, sales_fen, refunds_fen, held_fen, released_fen)
        SELECT m.day, m.producer_id, CAST(SUM(m.sale) AS BIGINT), CAST(SUM(m.refund) AS BIGINT), CAST(SUM(m.held) AS BIGINT),
          CAST(SUM(m.released) AS BIGINT)
        FROM (
          SELECT d.starts_at AS day, a.producer_id,
            SUM(CASE WHEN a.kind = 'Sale' THEN a.amount_fen ELSE 0 END) AS sale,
            SUM(CASE WHEN a.kind = 'Refund' THEN a.amount_fen ELSE 0 END) AS refund,
            SUM(CASE WHEN a.held THEN -a.amount_fen ELSE 0 END) AS held, 0 AS released
          FROM ({days}) d
          JOIN attribution_entries a ON a.booked_at_utc >= d.starts_at AND a.booked_at_utc < d.ends_at
          GROUP BY d.starts_at, a.producer_id
          UNION ALL
          SELECT d.starts_at, r.producer_id, 0, 0, 0, SUM(r.amount_fen)
          FROM ({days}) d
          JOIN hold_releases r ON r.released_at_utc >= d.starts_at AND r.released_at_utc < d.ends_at
          GROUP BY d.starts_at, r.producer_id
        ) m
        GROUP BY m.day, m.producer_id
        """;

    /// <summary>
    /// The statements of every period being closed for the producers with ids from {lo} to {hi}, as
    /// <see cref="SettlementStatement.FromLines"/> computes them, from the sums of the periods' days (<see cref="InsertProducerDays"/>):
    /// sales, refunds, holds less releases, the fee on net sales (rounded down), and the payable with nothing carried in.
    /// A statement that exists already is skipped (the unique key; <c>WHERE TRUE</c> is SQLite's way to parse an upsert
    /// from a SELECT). Balances carried in are added afterwards, period by period (<see cref="Carry"/>).
    /// </summary>
    public static string InsertStatements((string Table, string PeriodOfDay, string DayRange, object[] Args) periods, string lo, string hi) => $"""
        INSERT INTO settlement_statements (period_id, producer_id, status, sales_fen, refunds_fen, fee_fen, held_fen, carried_in_fen, payable_fen, carried_out_fen)
        SELECT g.period_id, g.producer_id, 'Closed', g.sales, g.refunds, g.fee, g.held, 0, g.sales + g.refunds - g.fee + g.held,
          CASE WHEN g.sales + g.refunds - g.fee + g.held < 0 THEN g.sales + g.refunds - g.fee + g.held ELSE 0 END
        FROM (
          SELECT s.period_id, s.producer_id, s.sales, s.refunds, s.held,
            CASE WHEN s.sales + s.refunds > 0 THEN (s.sales + s.refunds) * s.fee_bp / 10000 ELSE 0 END AS fee
          FROM (
            SELECT p.id AS period_id, p.fee_bp, t.producer_id, t.sales, t.refunds, t.held
            FROM (
              SELECT {periods.PeriodOfDay} AS period_id, d.producer_id, CAST(SUM(d.sales_fen) AS BIGINT) AS sales,
                CAST(SUM(d.refunds_fen) AS BIGINT) AS refunds, CAST(SUM(d.held_fen + d.released_fen) AS BIGINT) AS held
              FROM producer_days d
              WHERE {periods.DayRange} AND d.producer_id >= {lo} AND d.producer_id <= {hi}
              GROUP BY 1, d.producer_id
            ) t
            JOIN ({periods.Table}) p ON p.id = t.period_id
          ) s
        ) g
        WHERE TRUE
        ON CONFLICT (producer_id, period_id) DO NOTHING
        """;

    /// <summary>
    /// The balance carried from each statement's previous one, for one period's closed statements of producers {1} to
    /// {2} ({0} is the period id): the payable and the balance carried out change only where something is carried in.
    /// Run period by period, oldest first.
    /// </summary>
    public const string Carry = """
        UPDATE settlement_statements
        SET carried_in_fen = c.carried,
            payable_fen = sales_fen + refunds_fen - fee_fen + held_fen + c.carried,
            carried_out_fen = CASE WHEN sales_fen + refunds_fen - fee_fen + held_fen + c.carried < 0
                                   THEN sales_fen + refunds_fen - fee_fen + held_fen + c.carried ELSE 0 END
        FROM (
          SELECT s.id, COALESCE((SELECT q.carried_out_fen FROM settlement_statements q
                                 WHERE q.producer_id = s.producer_id AND q.period_id < {0}
                                 ORDER BY q.period_id DESC LIMIT 1), 0) AS carried
          FROM settlement_statements s
          WHERE s.period_id = {0} AND s.producer_id >= {1} AND s.producer_id <= {2} AND s.status = 'Closed'
        ) c
        WHERE settlement_statements.id = c.id AND c.carried <> 0
        """;

    /// <summary>
    /// One producer's movements in a period, itemised by kind, order line and village. Arguments {0} and {1} as
    /// <see cref="Movements"/>, {2} the producer id.
    /// </summary>
    public const string Lines = $"""
        SELECT m.kind AS "Kind", m.order_id AS "OrderId", m.order_line_id AS "OrderLineId", m.village_id AS "VillageId",
          CAST(SUM(m.amount_fen) AS BIGINT) AS "AmountFen", MIN(m.occurred_at_utc) AS "OccurredAtUtc"
        FROM ({Movements}) m
        WHERE m.producer_id = {"{2}"}
        GROUP BY m.kind, m.order_id, m.order_line_id, m.village_id
        HAVING SUM(m.amount_fen) <> 0
        """;
}
