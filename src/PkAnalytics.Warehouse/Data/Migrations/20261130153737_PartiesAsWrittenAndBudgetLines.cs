using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace PkAnalytics.Warehouse.Data.Migrations
{
    /// <summary>
    /// Issue 12: the parties as each agreement writes them (agreement.first_/second_party_name/title), and budget lines
    /// counted once per agency (view program_line; agency_program_budget and agency_program_realisation use it).
    /// </summary>
    public partial class PartiesAsWrittenAndBudgetLines : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "first_party_name",
                table: "agreement",
                type: "text",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "first_party_title",
                table: "agreement",
                type: "text",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "second_party_name",
                table: "agreement",
                type: "text",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "second_party_title",
                table: "agreement",
                type: "text",
                nullable: true);

            migrationBuilder.Sql(MigrationScript.Read("20261130153737_PartiesAsWrittenAndBudgetLines"));
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql(MigrationScript.Read("20261130153737_PartiesAsWrittenAndBudgetLines.down"));

            migrationBuilder.DropColumn(
                name: "first_party_name",
                table: "agreement");

            migrationBuilder.DropColumn(
                name: "first_party_title",
                table: "agreement");

            migrationBuilder.DropColumn(
                name: "second_party_name",
                table: "agreement");

            migrationBuilder.DropColumn(
                name: "second_party_title",
                table: "agreement");
        }
    }
}
