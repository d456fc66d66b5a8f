using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace ReliefMarket.Web.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class ReportExports : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "report_exports",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "TEXT", nullable: false),
                    requested_by = table.Column<string>(type: "TEXT", maxLength: 450, nullable: false),
                    producer_scope = table.Column<int>(type: "INTEGER", nullable: true),
                    parameters = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: false),
                    format = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    culture = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    requested_at_utc = table.Column<DateTime>(type: "TEXT", nullable: false),
                    attempts = table.Column<int>(type: "INTEGER", nullable: false),
                    next_attempt_at_utc = table.Column<DateTime>(type: "TEXT", nullable: false),
                    last_error = table.Column<string>(type: "TEXT", maxLength: 500, nullable: true),
                    ready_at_utc = table.Column<DateTime>(type: "TEXT", nullable: true),
                    expires_at_utc = table.Column<DateTime>(type: "TEXT", nullable: true),
                    file_name = table.Column<string>(type: "TEXT", maxLength: 200, nullable: true),
                    content = table.Column<byte[]>(type: "BLOB", nullable: true),
                    token_hash = table.Column<string>(type: "TEXT", maxLength: 64, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_report_exports", x => x.id);
                    table.ForeignKey(
                        name: "fk_report_exports_asp_net_users_requested_by",
                        column: x => x.requested_by,
                        principalTable: "asp_net_users",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "ix_report_exports_ready_at_utc_next_attempt_at_utc",
                table: "report_exports",
                columns: new[] { "ready_at_utc", "next_attempt_at_utc" });

            migrationBuilder.CreateIndex(
                name: "ix_report_exports_requested_by",
                table: "report_exports",
                column: "requested_by");

            migrationBuilder.CreateIndex(
                name: "ix_report_exports_token_hash",
                table: "report_exports",
                column: "token_hash",
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "report_exports");
        }
    }
}
