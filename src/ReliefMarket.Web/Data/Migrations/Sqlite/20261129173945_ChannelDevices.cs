using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace ReliefMarket.Web.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class ChannelDevices : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "devices",
                columns: table => new
                {
                    id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    name = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    location = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    channel = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    draws_on_stock = table.Column<bool>(type: "INTEGER", nullable: false),
                    key_prefix = table.Column<string>(type: "TEXT", maxLength: 10, nullable: false),
                    key_hash = table.Column<byte[]>(type: "BLOB", maxLength: 32, nullable: false),
                    created_at_utc = table.Column<DateTime>(type: "TEXT", nullable: false),
                    key_issued_at_utc = table.Column<DateTime>(type: "TEXT", nullable: false),
                    revoked_at_utc = table.Column<DateTime>(type: "TEXT", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_devices", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "device_sales",
                columns: table => new
                {
                    id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    device_id = table.Column<int>(type: "INTEGER", nullable: false),
                    sale_id = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    content_hash = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    order_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    sold_at_utc = table.Column<DateTime>(type: "TEXT", nullable: false),
                    received_at_utc = table.Column<DateTime>(type: "TEXT", nullable: false),
                    needs_review = table.Column<bool>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_device_sales", x => x.id);
                    table.ForeignKey(
                        name: "fk_device_sales_devices_device_id",
                        column: x => x.device_id,
                        principalTable: "devices",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "fk_device_sales_orders_order_id",
                        column: x => x.order_id,
                        principalTable: "orders",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateIndex(
                name: "ix_device_sales_device_id_sale_id",
                table: "device_sales",
                columns: new[] { "device_id", "sale_id" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_device_sales_needs_review_device_id",
                table: "device_sales",
                columns: new[] { "needs_review", "device_id" });

            migrationBuilder.CreateIndex(
                name: "ix_device_sales_order_id",
                table: "device_sales",
                column: "order_id",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_devices_key_prefix",
                table: "devices",
                column: "key_prefix",
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "device_sales");

            migrationBuilder.DropTable(
                name: "devices");
        }
    }
}
