using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace ReliefMarket.Web.Data.Migrations.Sqlite
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
                type: "TEXT",
                nullable: false,
                defaultValue: new DateTime(1, 1, 1, 0, 0, 0, 0, DateTimeKind.Unspecified));

            migrationBuilder.AddColumn<bool>(
                name: "held",
                table: "attribution_entries",
                type: "INTEGER",
                nullable: false,
                defaultValue: false);

            migrationBuilder.CreateTable(
                name: "hold_releases",
                columns: table => new
                {
                    id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    order_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    order_line_id = table.Column<long>(type: "INTEGER", nullable: false),
                    village_id = table.Column<int>(type: "INTEGER", nullable: false),
                    producer_id = table.Column<int>(type: "INTEGER", nullable: false),
                    amount_fen = table.Column<long>(type: "INTEGER", nullable: false),
                    delivered_at_utc = table.Column<DateTime>(type: "TEXT", nullable: false),
                    released_at_utc = table.Column<DateTime>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_hold_releases", x => x.id);
                    table.ForeignKey(
                        name: "fk_hold_releases_order_lines_order_line_id",
                        column: x => x.order_line_id,
                        principalTable: "order_lines",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "fk_hold_releases_orders_order_id",
                        column: x => x.order_id,
                        principalTable: "orders",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "fk_hold_releases_producers_producer_id",
                        column: x => x.producer_id,
                        principalTable: "producers",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "fk_hold_releases_villages_village_id",
                        column: x => x.village_id,
                        principalTable: "villages",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                });

            // Entries written before this change were booked when they happened, and held if their order was still to be
            // delivered then; delivered orders release what they held 7 days (the default) after delivery (decision 0027).
            migrationBuilder.Sql("""
                UPDATE attribution_entries SET booked_at_utc = occurred_at_utc, held = (SELECT o.shipping_address_recipient IS NOT NULL AND (o.delivered_at_utc IS NULL OR attribution_entries.occurred_at_utc < o.delivered_at_utc) FROM orders o WHERE o.id = attribution_entries.order_id)
                """);
            migrationBuilder.Sql("""
                INSERT INTO hold_releases (order_id, order_line_id, village_id, producer_id, amount_fen, delivered_at_utc, released_at_utc)
                SELECT a.order_id, a.order_line_id, a.village_id, a.producer_id, SUM(a.amount_fen), o.delivered_at_utc, strftime('%Y-%m-%d %H:%M:%f', o.delivered_at_utc, '+7 days')
                FROM attribution_entries a JOIN orders o ON o.id = a.order_id
                WHERE a.held AND o.delivered_at_utc IS NOT NULL
                GROUP BY a.order_id, a.order_line_id, a.village_id, a.producer_id, o.delivered_at_utc
                HAVING SUM(a.amount_fen) <> 0
                """);

            migrationBuilder.CreateIndex(
                name: "ix_attribution_entries_settlement",
                table: "attribution_entries",
                columns: new[] { "booked_at_utc", "producer_id", "kind", "held", "amount_fen" });

            migrationBuilder.CreateIndex(
                name: "ix_hold_releases_order_id",
                table: "hold_releases",
                column: "order_id");

            migrationBuilder.CreateIndex(
                name: "ix_hold_releases_order_line_id_village_id",
                table: "hold_releases",
                columns: new[] { "order_line_id", "village_id" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_hold_releases_producer_id",
                table: "hold_releases",
                column: "producer_id");

            migrationBuilder.CreateIndex(
                name: "ix_hold_releases_released_at_utc_producer_id_amount_fen",
                table: "hold_releases",
                columns: new[] { "released_at_utc", "producer_id", "amount_fen" });

            migrationBuilder.CreateIndex(
                name: "ix_hold_releases_village_id",
                table: "hold_releases",
                column: "village_id");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "hold_releases");

            migrationBuilder.DropIndex(
                name: "ix_attribution_entries_settlement",
                table: "attribution_entries");

            migrationBuilder.DropColumn(
                name: "booked_at_utc",
                table: "attribution_entries");

            migrationBuilder.DropColumn(
                name: "held",
                table: "attribution_entries");

            migrationBuilder.CreateTable(
                name: "statement_lines",
                columns: table => new
                {
                    id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    amount_fen = table.Column<long>(type: "INTEGER", nullable: false),
                    kind = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    occurred_at_utc = table.Column<DateTime>(type: "TEXT", nullable: true),
                    order_id = table.Column<Guid>(type: "TEXT", nullable: true),
                    order_line_id = table.Column<long>(type: "INTEGER", nullable: true),
                    producer_id = table.Column<int>(type: "INTEGER", nullable: false),
                    statement_id = table.Column<long>(type: "INTEGER", nullable: false),
                    village_id = table.Column<int>(type: "INTEGER", nullable: true)
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
