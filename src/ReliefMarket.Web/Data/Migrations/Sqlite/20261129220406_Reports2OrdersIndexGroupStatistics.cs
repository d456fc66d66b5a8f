using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace ReliefMarket.Web.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class Reports2OrdersIndexGroupStatistics : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "ix_attribution_entries_report",
                table: "attribution_entries");

            migrationBuilder.CreateIndex(
                name: "ix_attribution_entries_report",
                table: "attribution_entries",
                columns: new[] { "occurred_at_utc", "certified_at_sale", "kind", "county_id", "village_id", "producer_id", "channel", "china_date", "amount_fen", "units", "order_line_id" });

            migrationBuilder.CreateIndex(
                name: "ix_attribution_entries_report_orders",
                table: "attribution_entries",
                columns: new[] { "occurred_at_utc", "order_id", "certified_at_sale", "kind" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "ix_attribution_entries_report",
                table: "attribution_entries");

            migrationBuilder.DropIndex(
                name: "ix_attribution_entries_report_orders",
                table: "attribution_entries");

            migrationBuilder.CreateIndex(
                name: "ix_attribution_entries_report",
                table: "attribution_entries",
                columns: new[] { "occurred_at_utc", "order_id", "certified_at_sale", "kind", "county_id", "village_id", "producer_id", "channel", "china_date", "amount_fen", "units", "order_line_id" });
        }
    }
}
