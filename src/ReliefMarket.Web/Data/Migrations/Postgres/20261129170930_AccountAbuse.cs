using System;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace ReliefMarket.Web.Data.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class AccountAbuse : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "sign_in_failures",
                columns: table => new
                {
                    id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    account_key = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: false),
                    client_address = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    at_utc = table.Column<DateTime>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_sign_in_failures", x => x.id);
                });

            migrationBuilder.CreateIndex(
                name: "ix_outbox_messages_to_kind_created_at_utc",
                table: "outbox_messages",
                columns: new[] { "to", "kind", "created_at_utc" });

            migrationBuilder.CreateIndex(
                name: "ix_carts_updated_at_utc",
                table: "carts",
                column: "updated_at_utc");

            migrationBuilder.CreateIndex(
                name: "ix_sign_in_failures_account_key_at_utc",
                table: "sign_in_failures",
                columns: new[] { "account_key", "at_utc" });

            migrationBuilder.CreateIndex(
                name: "ix_sign_in_failures_at_utc",
                table: "sign_in_failures",
                column: "at_utc");

            migrationBuilder.CreateIndex(
                name: "ix_sign_in_failures_client_address_at_utc",
                table: "sign_in_failures",
                columns: new[] { "client_address", "at_utc" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "sign_in_failures");

            migrationBuilder.DropIndex(
                name: "ix_outbox_messages_to_kind_created_at_utc",
                table: "outbox_messages");

            migrationBuilder.DropIndex(
                name: "ix_carts_updated_at_utc",
                table: "carts");
        }
    }
}
