using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace ReliefMarket.Web.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class Reports2EntryUnitsChinaDate : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "ix_attribution_entries_report",
                table: "attribution_entries");

            migrationBuilder.AddColumn<int>(
                name: "china_date",
                table: "attribution_entries",
                type: "INTEGER",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.AddColumn<int>(
                name: "units",
                table: "attribution_entries",
                type: "INTEGER",
                nullable: false,
                defaultValue: 0);

            // Existing entries: the China-time date of their time, and each sale entry's part of its line's units, split in
            // proportion to the entries' amounts (which the shares split) by largest remainder, ties to the earlier entry.
            migrationBuilder.Sql("""
                WITH sale AS (
                    SELECT e.id, e.order_line_id, e.amount_fen, l.quantity AS q, SUM(e.amount_fen) OVER (PARTITION BY e.order_line_id) AS total
                    FROM attribution_entries e JOIN order_lines l ON l.id = e.order_line_id
                    WHERE e.kind = 'Sale'),
                base AS (
                    SELECT id, order_line_id, q, q * amount_fen / total AS units, q * amount_fen % total AS remainder
                    FROM sale WHERE total > 0),
                split AS (
                    SELECT id, units + CASE WHEN ROW_NUMBER() OVER (PARTITION BY order_line_id ORDER BY remainder DESC, id)
                        <= q - SUM(units) OVER (PARTITION BY order_line_id) THEN 1 ELSE 0 END AS units
                    FROM base),
                backfill AS (
                    SELECT e.id, CAST(strftime('%Y%m%d', e.occurred_at_utc, '+8 hours') AS INTEGER) AS china_date, COALESCE(split.units, 0) AS units
                    FROM attribution_entries e LEFT JOIN split ON split.id = e.id)
                UPDATE attribution_entries SET china_date = backfill.china_date, units = backfill.units
                FROM backfill WHERE attribution_entries.id = backfill.id;
                """);

            migrationBuilder.CreateIndex(
                name: "ix_attribution_entries_report",
                table: "attribution_entries",
                columns: new[] { "occurred_at_utc", "order_id", "certified_at_sale", "kind", "county_id", "village_id", "producer_id", "channel", "china_date", "amount_fen", "units", "order_line_id" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "ix_attribution_entries_report",
                table: "attribution_entries");

            migrationBuilder.DropColumn(
                name: "china_date",
                table: "attribution_entries");

            migrationBuilder.DropColumn(
                name: "units",
                table: "attribution_entries");

            migrationBuilder.CreateIndex(
                name: "ix_attribution_entries_report",
                table: "attribution_entries",
                columns: new[] { "occurred_at_utc", "certified_at_sale", "kind", "county_id", "village_id", "producer_id", "channel", "amount_fen", "order_line_id" });
        }
    }
}
