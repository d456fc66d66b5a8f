using System;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace ReliefMarket.Web.Data.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class SettlementBookedEntries : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "statement_lines");

            migrationBuilder.AddColumn<DateTime>(
                name: "booked_at_utc",
                table: "attribution_entries",
                type: "timestamp with time zone",
                nullable: false,
                defaultValue: new DateTime(1, 1, 1, 0, 0, 0, 0, DateTimeKind.Unspecified));

            // Entries written before this change were booked when they happened (decision 0027).
            migrationBuilder.Sql("UPDATE attribution_entries SET booked_at_utc = occurred_at_utc");

            migrationBuilder.CreateIndex(
                name: "ix_attribution_entries_settlement",
                table: "attribution_entries",
                columns: new[] { "booked_at_utc", "producer_id", "channel", "kind", "amount_fen", "order_id" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "ix_attribution_entries_settlement",
                table: "attribution_entries");

            migrationBuilder.DropColumn(
                name: "booked_at_utc",
                table: "attribution_entries");

            migrationBuilder.CreateTable(
                name: "statement_lines",
                columns: table => new
                {
                    id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    amount_fen = table.Column<long>(type: "bigint", nullable: false),
                    kind = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    occurred_at_utc = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    order_id = table.Column<Guid>(type: "uuid", nullable: true),
                    order_line_id = table.Column<long>(type: "bigint", nullable: true),
                    producer_id = table.Column<int>(type: "integer", nullable: false),
                    statement_id = table.Column<long>(type: "bigint", nullable: false),
                    village_id = table.Column<int>(type: "integer", nullable: true)
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
                name: "ix_statement_lines_order_id_kind",
                table: "statement_lines",
                columns: new[] { "order_id", "kind" });

            migrationBuilder.CreateIndex(
                name: "ix_statement_lines_producer_id_kind_order_id",
                table: "statement_lines",
                columns: new[] { "producer_id", "kind", "order_id" });

            migrationBuilder.CreateIndex(
                name: "ix_statement_lines_statement_id",
                table: "statement_lines",
                column: "statement_id");
        }
    }
}
