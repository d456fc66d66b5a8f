using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace ReliefMarket.Web.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class ProducerBankAccounts : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "bank_account_account_name",
                table: "producers",
                type: "TEXT",
                maxLength: 100,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "bank_account_account_number",
                table: "producers",
                type: "TEXT",
                maxLength: 30,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "bank_account_bank",
                table: "producers",
                type: "TEXT",
                maxLength: 100,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "bank_account_branch",
                table: "producers",
                type: "TEXT",
                maxLength: 100,
                nullable: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "bank_account_account_name",
                table: "producers");

            migrationBuilder.DropColumn(
                name: "bank_account_account_number",
                table: "producers");

            migrationBuilder.DropColumn(
                name: "bank_account_bank",
                table: "producers");

            migrationBuilder.DropColumn(
                name: "bank_account_branch",
                table: "producers");
        }
    }
}
