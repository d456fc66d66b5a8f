using System;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace ReliefMarket.Web.Data.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class Ledger : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "journal_entries",
                columns: table => new
                {
                    id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    cause_kind = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    cause_key = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    order_id = table.Column<Guid>(type: "uuid", nullable: true),
                    posted_at_utc = table.Column<DateTime>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_journal_entries", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "reconciliation_runs",
                columns: table => new
                {
                    id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    started_at_utc = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    first_day = table.Column<DateOnly>(type: "date", nullable: false),
                    last_day = table.Column<DateOnly>(type: "date", nullable: false),
                    debits_fen = table.Column<long>(type: "bigint", nullable: false),
                    credits_fen = table.Column<long>(type: "bigint", nullable: false),
                    clearing_fen = table.Column<long>(type: "bigint", nullable: false),
                    expected_clearing_fen = table.Column<long>(type: "bigint", nullable: false),
                    mismatch_count = table.Column<int>(type: "integer", nullable: false),
                    findings_json = table.Column<string>(type: "text", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_reconciliation_runs", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "journal_lines",
                columns: table => new
                {
                    id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    journal_entry_id = table.Column<long>(type: "bigint", nullable: false),
                    account = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    producer_id = table.Column<int>(type: "integer", nullable: true),
                    debit_fen = table.Column<long>(type: "bigint", nullable: false),
                    credit_fen = table.Column<long>(type: "bigint", nullable: false),
                    posted_at_utc = table.Column<DateTime>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_journal_lines", x => x.id);
                    table.ForeignKey(
                        name: "fk_journal_lines_journal_entries_journal_entry_id",
                        column: x => x.journal_entry_id,
                        principalTable: "journal_entries",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "fk_journal_lines_producers_producer_id",
                        column: x => x.producer_id,
                        principalTable: "producers",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateIndex(
                name: "ix_journal_entries_cause_key",
                table: "journal_entries",
                column: "cause_key",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_journal_entries_cause_kind_order_id",
                table: "journal_entries",
                columns: new[] { "cause_kind", "order_id" });

            migrationBuilder.CreateIndex(
                name: "ix_journal_entries_posted_at_utc",
                table: "journal_entries",
                column: "posted_at_utc");

            migrationBuilder.CreateIndex(
                name: "ix_journal_lines_account_producer_id_posted_at_utc_debit_fen_c~",
                table: "journal_lines",
                columns: new[] { "account", "producer_id", "posted_at_utc", "debit_fen", "credit_fen" });

            migrationBuilder.CreateIndex(
                name: "ix_journal_lines_journal_entry_id",
                table: "journal_lines",
                column: "journal_entry_id");

            migrationBuilder.CreateIndex(
                name: "ix_journal_lines_posted_at_utc_account",
                table: "journal_lines",
                columns: new[] { "posted_at_utc", "account" });

            migrationBuilder.CreateIndex(
                name: "ix_journal_lines_producer_id",
                table: "journal_lines",
                column: "producer_id");

            migrationBuilder.CreateIndex(
                name: "ix_reconciliation_runs_started_at_utc",
                table: "reconciliation_runs",
                column: "started_at_utc");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "journal_lines");

            migrationBuilder.DropTable(
                name: "reconciliation_runs");

            migrationBuilder.DropTable(
                name: "journal_entries");
        }
    }
}
