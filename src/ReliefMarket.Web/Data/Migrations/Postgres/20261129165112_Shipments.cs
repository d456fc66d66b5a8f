using System;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace ReliefMarket.Web.Data.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class Shipments : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "shipments",
                columns: table => new
                {
                    id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    order_id = table.Column<Guid>(type: "uuid", nullable: false),
                    producer_id = table.Column<int>(type: "integer", nullable: false),
                    status = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    created_at_utc = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    carrier = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: true),
                    tracking_number = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: true),
                    shipped_at_utc = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    delivered_at_utc = table.Column<DateTime>(type: "timestamp with time zone", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_shipments", x => x.id);
                    table.ForeignKey(
                        name: "fk_shipments_orders_order_id",
                        column: x => x.order_id,
                        principalTable: "orders",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "fk_shipments_producers_producer_id",
                        column: x => x.producer_id,
                        principalTable: "producers",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateIndex(
                name: "ix_shipments_order_id_producer_id",
                table: "shipments",
                columns: new[] { "order_id", "producer_id" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_shipments_producer_id_status_created_at_utc",
                table: "shipments",
                columns: new[] { "producer_id", "status", "created_at_utc" });
            // Backfill: every order paid before shipments existed gets one shipment per producer, carrying over the
            // order-level carrier and tracking number (and shipped / delivered times) before those columns go.
            // Plain SQL that both SQLite and PostgreSQL accept; a migration runs once, so no job has to guard it.
            migrationBuilder.Sql(@"
INSERT INTO shipments (order_id, producer_id, status, created_at_utc, carrier, tracking_number, shipped_at_utc, delivered_at_utc)
SELECT o.id, l.producer_id,
       CASE WHEN o.delivered_at_utc IS NOT NULL THEN 'Delivered' WHEN o.shipped_at_utc IS NOT NULL THEN 'Shipped' ELSE 'ToPack' END,
       o.paid_at_utc, substr(o.carrier, 1, 32), substr(o.tracking_number, 1, 40), o.shipped_at_utc, o.delivered_at_utc
FROM orders o
JOIN (SELECT DISTINCT order_id, producer_id FROM order_lines) l ON l.order_id = o.id
WHERE o.paid_at_utc IS NOT NULL;");

            migrationBuilder.DropColumn(
                name: "carrier",
                table: "orders");

            migrationBuilder.DropColumn(
                name: "tracking_number",
                table: "orders");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "shipments");

            migrationBuilder.AddColumn<string>(
                name: "carrier",
                table: "orders",
                type: "character varying(64)",
                maxLength: 64,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "tracking_number",
                table: "orders",
                type: "character varying(64)",
                maxLength: 64,
                nullable: true);
        }
    }
}
