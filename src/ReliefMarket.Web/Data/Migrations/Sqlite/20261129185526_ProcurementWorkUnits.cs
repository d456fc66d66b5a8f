using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace ReliefMarket.Web.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class ProcurementWorkUnits : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<int>(
                name: "work_unit_id",
                table: "asp_net_users",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.CreateTable(
                name: "work_units",
                columns: table => new
                {
                    id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    name = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    kind = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    delivery_address_recipient = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    delivery_address_mobile = table.Column<string>(type: "TEXT", maxLength: 11, nullable: false),
                    delivery_address_province = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    delivery_address_city = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    delivery_address_district = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    delivery_address_street = table.Column<string>(type: "TEXT", maxLength: 120, nullable: false),
                    invoice_title = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    invoice_taxpayer_id = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    annual_budget_fen = table.Column<long>(type: "INTEGER", nullable: false),
                    target_basis_points = table.Column<int>(type: "INTEGER", nullable: false),
                    created_at_utc = table.Column<DateTime>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_work_units", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "procurement_orders",
                columns: table => new
                {
                    order_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    work_unit_id = table.Column<int>(type: "INTEGER", nullable: false),
                    buyer_id = table.Column<string>(type: "TEXT", maxLength: 450, nullable: false),
                    invoice_title = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    invoice_taxpayer_id = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    transfer_reference = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    requested_at_utc = table.Column<DateTime>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_procurement_orders", x => x.order_id);
                    table.ForeignKey(
                        name: "fk_procurement_orders_asp_net_users_buyer_id",
                        column: x => x.buyer_id,
                        principalTable: "asp_net_users",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "fk_procurement_orders_orders_order_id",
                        column: x => x.order_id,
                        principalTable: "orders",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "fk_procurement_orders_work_units_work_unit_id",
                        column: x => x.work_unit_id,
                        principalTable: "work_units",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "work_unit_invitations",
                columns: table => new
                {
                    id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    email = table.Column<string>(type: "TEXT", maxLength: 256, nullable: false),
                    work_unit_id = table.Column<int>(type: "INTEGER", nullable: false),
                    token_hash = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    created_at_utc = table.Column<DateTime>(type: "TEXT", nullable: false),
                    expires_at_utc = table.Column<DateTime>(type: "TEXT", nullable: false),
                    used_at_utc = table.Column<DateTime>(type: "TEXT", nullable: true),
                    used_by_user_id = table.Column<string>(type: "TEXT", maxLength: 450, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_work_unit_invitations", x => x.id);
                    table.ForeignKey(
                        name: "fk_work_unit_invitations_work_units_work_unit_id",
                        column: x => x.work_unit_id,
                        principalTable: "work_units",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "ix_asp_net_users_work_unit_id",
                table: "asp_net_users",
                column: "work_unit_id");

            migrationBuilder.CreateIndex(
                name: "ix_procurement_orders_buyer_id",
                table: "procurement_orders",
                column: "buyer_id");

            migrationBuilder.CreateIndex(
                name: "ix_procurement_orders_transfer_reference",
                table: "procurement_orders",
                column: "transfer_reference",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_procurement_orders_work_unit_id_requested_at_utc",
                table: "procurement_orders",
                columns: new[] { "work_unit_id", "requested_at_utc" });

            migrationBuilder.CreateIndex(
                name: "ix_work_unit_invitations_token_hash",
                table: "work_unit_invitations",
                column: "token_hash",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_work_unit_invitations_work_unit_id",
                table: "work_unit_invitations",
                column: "work_unit_id");

            migrationBuilder.CreateIndex(
                name: "ix_work_units_name",
                table: "work_units",
                column: "name",
                unique: true);

            migrationBuilder.AddForeignKey(
                name: "fk_asp_net_users_work_units_work_unit_id",
                table: "asp_net_users",
                column: "work_unit_id",
                principalTable: "work_units",
                principalColumn: "id",
                onDelete: ReferentialAction.Restrict);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropForeignKey(
                name: "fk_asp_net_users_work_units_work_unit_id",
                table: "asp_net_users");

            migrationBuilder.DropTable(
                name: "procurement_orders");

            migrationBuilder.DropTable(
                name: "work_unit_invitations");

            migrationBuilder.DropTable(
                name: "work_units");

            migrationBuilder.DropIndex(
                name: "ix_asp_net_users_work_unit_id",
                table: "asp_net_users");

            migrationBuilder.DropColumn(
                name: "work_unit_id",
                table: "asp_net_users");
        }
    }
}
