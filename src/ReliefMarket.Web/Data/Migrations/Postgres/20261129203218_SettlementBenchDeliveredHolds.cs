using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace ReliefMarket.Web.Data.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class SettlementBenchDeliveredHolds : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateIndex(
                name: "ix_statement_lines_order_id_kind",
                table: "statement_lines",
                columns: new[] { "order_id", "kind" });

            migrationBuilder.CreateIndex(
                name: "ix_orders_delivered_at_utc",
                table: "orders",
                column: "delivered_at_utc");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "ix_statement_lines_order_id_kind",
                table: "statement_lines");

            migrationBuilder.DropIndex(
                name: "ix_orders_delivered_at_utc",
                table: "orders");
        }
    }
}
