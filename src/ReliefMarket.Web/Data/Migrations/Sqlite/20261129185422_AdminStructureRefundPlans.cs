using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace ReliefMarket.Web.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class AdminStructureRefundPlans : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "refund_plans",
                columns: table => new
                {
                    key = table.Column<string>(type: "TEXT", maxLength: 255, nullable: false),
                    order_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    amount_fen = table.Column<long>(type: "INTEGER", nullable: false),
                    created_at_utc = table.Column<DateTime>(type: "TEXT", nullable: false),
                    applied_at_utc = table.Column<DateTime>(type: "TEXT", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_refund_plans", x => x.key);
                    table.ForeignKey(
                        name: "fk_refund_plans_orders_order_id",
                        column: x => x.order_id,
                        principalTable: "orders",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "refund_plan_lines",
                columns: table => new
                {
                    order_line_id = table.Column<long>(type: "INTEGER", nullable: false),
                    refund_plan_key = table.Column<string>(type: "TEXT", nullable: false),
                    quantity = table.Column<int>(type: "INTEGER", nullable: false),
                    amount_fen = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_refund_plan_lines", x => new { x.refund_plan_key, x.order_line_id });
                    table.ForeignKey(
                        name: "fk_refund_plan_lines_order_lines_order_line_id",
                        column: x => x.order_line_id,
                        principalTable: "order_lines",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "fk_refund_plan_lines_refund_plans_refund_plan_key",
                        column: x => x.refund_plan_key,
                        principalTable: "refund_plans",
                        principalColumn: "key",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "ix_refund_plan_lines_order_line_id",
                table: "refund_plan_lines",
                column: "order_line_id");

            migrationBuilder.CreateIndex(
                name: "ix_refund_plans_order_id_applied_at_utc",
                table: "refund_plans",
                columns: new[] { "order_id", "applied_at_utc" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "refund_plan_lines");

            migrationBuilder.DropTable(
                name: "refund_plans");
        }
    }
}
