using System;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace ReliefMarket.Web.Data.Migrations.Postgres
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
                type: "character varying(64)",
                maxLength: 64,
                nullable: true);

            migrationBuilder.CreateTable(
                name: "payout_batches",
                columns: table => new
                {
                    id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    method = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    status = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    created_by = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: false),
                    created_at_utc = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    paid_at_utc = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    bank_reference = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_payout_batches", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "settlement_periods",
                columns: table => new
                {
                    id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    starts_at_utc = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    ends_at_utc = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    length = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    fee_basis_points = table.Column<int>(type: "integer", nullable: false),
                    hold_days = table.Column<int>(type: "integer", nullable: false),
                    closed_at_utc = table.Column<DateTime>(type: "timestamp with time zone", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_settlement_periods", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "settlement_statements",
                columns: table => new
                {
                    id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    period_id = table.Column<int>(type: "integer", nullable: false),
                    producer_id = table.Column<int>(type: "integer", nullable: false),
                    status = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    sales_fen = table.Column<long>(type: "bigint", nullable: false),
                    refunds_fen = table.Column<long>(type: "bigint", nullable: false),
                    fee_fen = table.Column<long>(type: "bigint", nullable: false),
                    held_fen = table.Column<long>(type: "bigint", nullable: false),
                    carried_in_fen = table.Column<long>(type: "bigint", nullable: false),
                    payable_fen = table.Column<long>(type: "bigint", nullable: false),
                    carried_out_fen = table.Column<long>(type: "bigint", nullable: false),
                    approved_at_utc = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    approved_by = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: true),
                    paid_at_utc = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    payment_reference = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true)
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
                    id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    payout_batch_id = table.Column<int>(type: "integer", nullable: false),
                    statement_id = table.Column<long>(type: "bigint", nullable: false),
                    producer_id = table.Column<int>(type: "integer", nullable: false),
                    amount_fen = table.Column<long>(type: "bigint", nullable: false),
                    account_name = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    bank = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    account_number = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    reference = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    status = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    failure_reason = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: true),
                    paid_reference = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true),
                    resolved_at_utc = table.Column<DateTime>(type: "timestamp with time zone", nullable: true)
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
                    id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    statement_id = table.Column<long>(type: "bigint", nullable: false),
                    producer_id = table.Column<int>(type: "integer", nullable: false),
                    kind = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    amount_fen = table.Column<long>(type: "bigint", nullable: false),
                    order_id = table.Column<Guid>(type: "uuid", nullable: true),
                    order_line_id = table.Column<long>(type: "bigint", nullable: true),
                    village_id = table.Column<int>(type: "integer", nullable: true),
                    occurred_at_utc = table.Column<DateTime>(type: "timestamp with time zone", nullable: true)
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
