using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace ReliefMarket.Web.Data.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class Reports2NoCountyIndex : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "ix_attribution_entries_county_id_occurred_at_utc_channel_amoun~",
                table: "attribution_entries");

            migrationBuilder.CreateIndex(
                name: "ix_attribution_entries_county_id",
                table: "attribution_entries",
                column: "county_id");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "ix_attribution_entries_county_id",
                table: "attribution_entries");

            migrationBuilder.CreateIndex(
                name: "ix_attribution_entries_county_id_occurred_at_utc_channel_amoun~",
                table: "attribution_entries",
                columns: new[] { "county_id", "occurred_at_utc", "channel", "amount_fen" });
        }
    }
}
