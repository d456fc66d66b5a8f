using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace ReliefMarket.Web.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class ReportExportsReportIndex : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "ix_attribution_entries_occurred_at_utc_channel_amount_fen",
                table: "attribution_entries");

            migrationBuilder.CreateIndex(
                name: "ix_attribution_entries_report",
                table: "attribution_entries",
                columns: new[] { "occurred_at_utc", "certified_at_sale", "kind", "county_id", "village_id", "producer_id", "channel", "amount_fen", "order_line_id" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "ix_attribution_entries_report",
                table: "attribution_entries");

            migrationBuilder.CreateIndex(
                name: "ix_attribution_entries_occurred_at_utc_channel_amount_fen",
                table: "attribution_entries",
                columns: new[] { "occurred_at_utc", "channel", "amount_fen" });
        }
    }
}
