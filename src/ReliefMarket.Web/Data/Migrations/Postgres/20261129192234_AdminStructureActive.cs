using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace ReliefMarket.Web.Data.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class AdminStructureActive : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<bool>(
                name: "is_active",
                table: "villages",
                type: "boolean",
                nullable: false,
                defaultValue: true); // every existing village and producer stays active

            migrationBuilder.AddColumn<bool>(
                name: "is_active",
                table: "producers",
                type: "boolean",
                nullable: false,
                defaultValue: true); // every existing village and producer stays active
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "is_active",
                table: "villages");

            migrationBuilder.DropColumn(
                name: "is_active",
                table: "producers");
        }
    }
}
