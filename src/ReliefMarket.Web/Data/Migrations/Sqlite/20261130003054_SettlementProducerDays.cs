using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace ReliefMarket.Web.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class SettlementProducerDays : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "settlement_days",
                columns: table => new
                {
                    starts_at_utc = table.Column<DateTime>(type: "TEXT", nullable: false),
                    summed_at_utc = table.Column<DateTime>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_settlement_days", x => x.starts_at_utc);
                });

            migrationBuilder.CreateTable(
                name: "producer_days",
                columns: table => new
                {
                    day_starts_at_utc = table.Column<DateTime>(type: "TEXT", nullable: false),
                    producer_id = table.Column<int>(type: "INTEGER", nullable: false),
                    sales_fen = table.Column<long>(type: "INTEGER", nullable: false),
                    refunds_fen = table.Column<long>(type: "INTEGER", nullable: false),
                    held_fen = table.Column<long>(type: "INTEGER", nullable: false),
                    released_fen = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_producer_days", x => new { x.day_starts_at_utc, x.producer_id });
                    table.ForeignKey(
                        name: "fk_producer_days_producers_producer_id",
                        column: x => x.producer_id,
                        principalTable: "producers",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "fk_producer_days_settlement_days_day_starts_at_utc",
                        column: x => x.day_starts_at_utc,
                        principalTable: "settlement_days",
                        principalColumn: "starts_at_utc",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateIndex(
                name: "ix_producer_days_producer_id",
                table: "producer_days",
                column: "producer_id");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "producer_days");

            migrationBuilder.DropTable(
                name: "settlement_days");
        }
    }
}
