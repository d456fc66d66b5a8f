using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace ReliefMarket.Web.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class ChannelImports : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "sales_imports",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "TEXT", nullable: false),
                    file_name = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    content_hash = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    content = table.Column<byte[]>(type: "BLOB", nullable: false),
                    format = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    channel = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    sales_date = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    rows = table.Column<int>(type: "INTEGER", nullable: false),
                    valid_rows = table.Column<int>(type: "INTEGER", nullable: false),
                    status = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    uploaded_by = table.Column<string>(type: "TEXT", maxLength: 450, nullable: true),
                    uploaded_at_utc = table.Column<DateTime>(type: "TEXT", nullable: false),
                    committed_rows = table.Column<int>(type: "INTEGER", nullable: false),
                    committed_fen = table.Column<long>(type: "INTEGER", nullable: false),
                    committed_at_utc = table.Column<DateTime>(type: "TEXT", nullable: true),
                    failure = table.Column<string>(type: "TEXT", maxLength: 500, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_sales_imports", x => x.id);
                });

            migrationBuilder.CreateIndex(
                name: "ix_sales_imports_content_hash",
                table: "sales_imports",
                column: "content_hash",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_sales_imports_uploaded_at_utc",
                table: "sales_imports",
                column: "uploaded_at_utc");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "sales_imports");
        }
    }
}
