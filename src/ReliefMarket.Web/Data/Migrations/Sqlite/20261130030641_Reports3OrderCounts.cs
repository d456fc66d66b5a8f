using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace ReliefMarket.Web.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class Reports3OrderCounts : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "ix_attribution_entries_report",
                table: "attribution_entries");

            migrationBuilder.AddColumn<bool>(
                name: "counts_aid_order",
                table: "attribution_entries",
                type: "INTEGER",
                nullable: false,
                defaultValue: false);

            migrationBuilder.AddColumn<bool>(
                name: "counts_order",
                table: "attribution_entries",
                type: "INTEGER",
                nullable: false,
                defaultValue: false);

            // Entries written before these columns: each order's first sale entry counts it, and its first certified one
            // counts it in the aid-attributed view, as AttributionRule.ForPaidOrder marks them from now on.
            migrationBuilder.Sql("UPDATE attribution_entries SET counts_order = TRUE WHERE id IN " +
                "(SELECT MIN(id) FROM attribution_entries WHERE kind = 'Sale' GROUP BY order_id)");
            migrationBuilder.Sql("UPDATE attribution_entries SET counts_aid_order = TRUE WHERE id IN " +
                "(SELECT MIN(id) FROM attribution_entries WHERE kind = 'Sale' AND certified_at_sale GROUP BY order_id)");

            migrationBuilder.CreateIndex(
                name: "ix_attribution_entries_report",
                table: "attribution_entries",
                columns: new[] { "occurred_at_utc", "certified_at_sale", "kind", "county_id", "village_id", "producer_id", "channel", "china_date", "amount_fen", "units", "order_line_id", "counts_order", "counts_aid_order" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "ix_attribution_entries_report",
                table: "attribution_entries");

            migrationBuilder.DropColumn(
                name: "counts_aid_order",
                table: "attribution_entries");

            migrationBuilder.DropColumn(
                name: "counts_order",
                table: "attribution_entries");

            migrationBuilder.CreateIndex(
                name: "ix_attribution_entries_report",
                table: "attribution_entries",
                columns: new[] { "occurred_at_utc", "certified_at_sale", "kind", "county_id", "village_id", "producer_id", "channel", "china_date", "amount_fen", "units", "order_line_id" });
        }
    }
}
