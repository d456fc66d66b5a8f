namespace ReliefMarket.Web.Settlement;

/// <summary>
/// What is behind every statement, in one place for the job that sums it and the pages that list it (decision 0027).
/// A period's movements are the attribution entries booked in it (sales and refunds), a hold (negative) of those of
/// orders with a delivery address not delivered by the release cutoff (period end − hold days), and a release
/// (positive) of what earlier periods booked for orders delivered since the previous period's cutoff. Entries never
/// change once booked and an order is delivered once, at the time it happens, so the same SQL gives the same lines
/// whenever it is read.
/// </summary>
internal static class StatementSql
{
    /// <summary>
    /// Rows (producer_id, kind, order_id, order_line_id, village_id, amount_fen, occurred_at_utc), kind being 'Sale',
    /// 'Refund' or 'Hold'. Arguments: {0} period start, {1} period end, {2} its release cutoff, {3} the previous
    /// period's release cutoff.
    /// </summary>
    public const string Movements = """
        SELECT a.producer_id, a.kind, a.order_id, a.order_line_id, a.village_id, a.amount_fen, a.occurred_at_utc
        FROM attribution_entries a
        WHERE a.booked_at_utc >= {0} AND a.booked_at_utc < {1}
        UNION ALL
        SELECT a.producer_id, 'Hold', a.order_id, a.order_line_id, a.village_id, -a.amount_fen, NULL
        FROM attribution_entries a JOIN orders o ON o.id = a.order_id
        WHERE a.booked_at_utc >= {0} AND a.booked_at_utc < {1} AND o.shipping_address_recipient IS NOT NULL
          AND (o.delivered_at_utc IS NULL OR o.delivered_at_utc > {2})
        UNION ALL
        SELECT a.producer_id, 'Hold', a.order_id, a.order_line_id, a.village_id, a.amount_fen, NULL
        FROM orders o JOIN attribution_entries a ON a.order_id = o.id
        WHERE o.delivered_at_utc > {3} AND o.delivered_at_utc <= {2} AND o.shipping_address_recipient IS NOT NULL
          AND a.booked_at_utc < {0}
        """;

    /// <summary>The arguments of <see cref="Movements"/> for a period, given the period before it (null for the first).</summary>
    public static object[] Arguments(Domain.Settlement.SettlementPeriod period, Domain.Settlement.SettlementPeriod? previous) =>
        [period.StartsAtUtc, period.EndsAtUtc, period.ReleaseCutoffUtc, previous?.ReleaseCutoffUtc ?? period.StartsAtUtc.AddDays(-period.HoldDays)];

    /// <summary>
    /// One batch of statements for a period: per producer with movements and no statement yet, in producer order, the
    /// sums of its movements, the fee on net sales (rounded down), the balance carried from its previous statement, and
    /// the payable (carried out when zero or less), as <see cref="Domain.Settlement.SettlementStatement.FromLines"/>
    /// computes them. Arguments {0}–{3} as <see cref="Movements"/>, {4} the period id.
    /// </summary>
    public static string InsertStatements(int feeBasisPoints, int producersPerBatch) => $$"""
        INSERT INTO settlement_statements (period_id, producer_id, status, sales_fen, refunds_fen, fee_fen, held_fen, carried_in_fen, payable_fen, carried_out_fen)
        SELECT {4}, t.producer_id, 'Closed', t.sales, t.refunds, t.fee, t.held, t.carried, t.payable, CASE WHEN t.payable < 0 THEN t.payable ELSE 0 END
        FROM (
          SELECT f.*, f.sales + f.refunds - f.fee + f.held + f.carried AS payable
          FROM (
            SELECT g.producer_id, g.sales, g.refunds, g.held,
              CASE WHEN g.sales + g.refunds > 0 THEN (g.sales + g.refunds) * {{feeBasisPoints}} / 10000 ELSE 0 END AS fee,
              COALESCE((SELECT q.carried_out_fen FROM settlement_statements q
                        WHERE q.producer_id = g.producer_id AND q.period_id < {4} ORDER BY q.period_id DESC LIMIT 1), 0) AS carried
            FROM (
              SELECT m.producer_id,
                CAST(SUM(CASE WHEN m.kind = 'Sale' THEN m.amount_fen ELSE 0 END) AS BIGINT) AS sales,
                CAST(SUM(CASE WHEN m.kind = 'Refund' THEN m.amount_fen ELSE 0 END) AS BIGINT) AS refunds,
                CAST(SUM(CASE WHEN m.kind = 'Hold' THEN m.amount_fen ELSE 0 END) AS BIGINT) AS held
              FROM ({{Movements}}) m
              GROUP BY m.producer_id
            ) g
            WHERE NOT EXISTS (SELECT 1 FROM settlement_statements s WHERE s.period_id = {4} AND s.producer_id = g.producer_id)
            ORDER BY g.producer_id
            LIMIT {{producersPerBatch}}
          ) f
        ) t
        """;

    /// <summary>
    /// One producer's movements in a period, itemised by kind, order line and village (a hold and a release of the same
    /// line never fall in one period). Arguments {0}–{3} as <see cref="Movements"/>, {4} the producer id.
    /// </summary>
    public const string Lines = $"""
        SELECT m.kind AS "Kind", m.order_id AS "OrderId", m.order_line_id AS "OrderLineId", m.village_id AS "VillageId",
          CAST(SUM(m.amount_fen) AS BIGINT) AS "AmountFen", MIN(m.occurred_at_utc) AS "OccurredAtUtc"
        FROM ({Movements}) m
        WHERE m.producer_id = {"{4}"}
        GROUP BY m.kind, m.order_id, m.order_line_id, m.village_id
        HAVING SUM(m.amount_fen) <> 0
        """;
}
