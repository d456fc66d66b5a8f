using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace ReliefMarket.Web.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class SettlementStatements : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "stripe_account_id",
                table: "producers",
                type: "TEXT",
                maxLength: 64,
                nullable: true);

            migrationBuilder.CreateTable(
                name: "payout_batches",
                columns: table => new
                {
                    id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    method = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    status = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    created_by = table.Column<string>(type: "TEXT", maxLength: 256, nullable: false),
                    created_at_utc = table.Column<DateTime>(type: "TEXT", nullable: false),
                    paid_at_utc = table.Column<DateTime>(type: "TEXT", nullable: true),
                    bank_reference = table.Column<string>(type: "TEXT", maxLength: 200, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_payout_batches", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "settlement_periods",
                columns: table => new
                {
                    id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    starts_at_utc = table.Column<DateTime>(type: "TEXT", nullable: false),
                    ends_at_utc = table.Column<DateTime>(type: "TEXT", nullable: false),
                    length = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    fee_basis_points = table.Column<int>(type: "INTEGER", nullable: false),
                    hold_days = table.Column<int>(type: "INTEGER", nullable: false),
                    closed_at_utc = table.Column<DateTime>(type: "TEXT", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_settlement_periods", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "settlement_statements",
                columns: table => new
                {
                    id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    period_id = table.Column<int>(type: "INTEGER", nullable: false),
                    producer_id = table.Column<int>(type: "INTEGER", nullable: false),
                    status = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    sales_fen = table.Column<long>(type: "INTEGER", nullable: false),
                    refunds_fen = table.Column<long>(type: "INTEGER", nullable: false),
                    fee_fen = table.Column<long>(type: "INTEGER", nullable: false),
                    held_fen = table.Column<long>(type: "INTEGER", nullable: false),
                    carried_in_fen = table.Column<long>(type: "INTEGER", nullable: false),
                    payable_fen = table.Column<long>(type: "INTEGER", nullable: false),
                    carried_out_fen = table.Column<long>(type: "INTEGER", nullable: false),
                    approved_at_utc = table.Column<DateTime>(type: "TEXT", nullable: true),
                    approved_by = table.Column<string>(type: "TEXT", maxLength: 256, nullable: true),
                    paid_at_utc = table.Column<DateTime>(type: "TEXT", nullable: true),
                    payment_reference = table.Column<string>(type: "TEXT", maxLength: 200, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_settlement_statements", x => x.id);
                    table.ForeignKey(
                        name: "fk_settlement_statements_producers_producer_id",
                        column: x => x.producer_id,
                        principalTable: "producers",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "fk_settlement_statements_settlement_periods_period_id",
                        column: x => x.period_id,
                        principalTable: "settlement_periods",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "payout_lines",
                columns: table => new
                {
                    id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    payout_batch_id = table.Column<int>(type: "INTEGER", nullable: false),
                    statement_id = table.Column<long>(type: "INTEGER", nullable: false),
                    producer_id = table.Column<int>(type: "INTEGER", nullable: false),
                    amount_fen = table.Column<long>(type: "INTEGER", nullable: false),
                    account_name = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    bank = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    account_number = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    reference = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    status = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    failure_reason = table.Column<string>(type: "TEXT", maxLength: 500, nullable: true),
                    paid_reference = table.Column<string>(type: "TEXT", maxLength: 200, nullable: true),
                    resolved_at_utc = table.Column<DateTime>(type: "TEXT", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_payout_lines", x => x.id);
                    table.ForeignKey(
                        name: "fk_payout_lines_payout_batches_payout_batch_id",
                        column: x => x.payout_batch_id,
                        principalTable: "payout_batches",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "fk_payout_lines_settlement_statements_statement_id",
                        column: x => x.statement_id,
                        principalTable: "settlement_statements",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "statement_lines",
                columns: table => new
                {
                    id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    statement_id = table.Column<long>(type: "INTEGER", nullable: false),
                    producer_id = table.Column<int>(type: "INTEGER", nullable: false),
                    kind = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    amount_fen = table.Column<long>(type: "INTEGER", nullable: false),
                    order_id = table.Column<Guid>(type: "TEXT", nullable: true),
                    order_line_id = table.Column<long>(type: "INTEGER", nullable: true),
                    village_id = table.Column<int>(type: "INTEGER", nullable: true),
                    occurred_at_utc = table.Column<DateTime>(type: "TEXT", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_statement_lines", x => x.id);
                    table.ForeignKey(
                        name: "fk_statement_lines_settlement_statements_statement_id",
                        column: x => x.statement_id,
                        principalTable: "settlement_statements",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateIndex(
                name: "ix_payout_lines_payout_batch_id",
                table: "payout_lines",
                column: "payout_batch_id");

            migrationBuilder.CreateIndex(
                name: "ix_payout_lines_statement_id",
                table: "payout_lines",
                column: "statement_id",
                unique: true,
                filter: "status = 'Pending'");

            migrationBuilder.CreateIndex(
                name: "ix_settlement_periods_starts_at_utc",
                table: "settlement_periods",
                column: "starts_at_utc",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_settlement_statements_period_id_status",
                table: "settlement_statements",
                columns: new[] { "period_id", "status" });

            migrationBuilder.CreateIndex(
                name: "ix_settlement_statements_producer_id_period_id",
                table: "settlement_statements",
                columns: new[] { "producer_id", "period_id" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_statement_lines_producer_id_kind_order_id",
                table: "statement_lines",
                columns: new[] { "producer_id", "kind", "order_id" });

            migrationBuilder.CreateIndex(
                name: "ix_statement_lines_statement_id",
                table: "statement_lines",
                column: "statement_id");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "payout_lines");

            migrationBuilder.DropTable(
                name: "statement_lines");

            migrationBuilder.DropTable(
                name: "payout_batches");

            migrationBuilder.DropTable(
                name: "settlement_statements");

            migrationBuilder.DropTable(
                name: "settlement_periods");

            migrationBuilder.DropColumn(
                name: "stripe_account_id",
                table: "producers");
        }
    }
}
