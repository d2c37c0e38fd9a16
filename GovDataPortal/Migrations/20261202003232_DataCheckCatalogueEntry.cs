using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace GovDataPortal.Migrations
{
    /// <inheritdoc />
    public partial class DataCheckCatalogueEntry : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<long>(
                name: "CatalogueEntryId",
                table: "data_check_requests",
                type: "bigint",
                nullable: true);

            migrationBuilder.AddColumn<string[]>(
                name: "ItemNames",
                table: "data_check_requests",
                type: "text[]",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "ResourceCode",
                table: "data_check_requests",
                type: "character varying(16)",
                maxLength: 16,
                nullable: true);

            migrationBuilder.CreateIndex(
                name: "IX_data_check_requests_CatalogueEntryId",
                table: "data_check_requests",
                column: "CatalogueEntryId");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_data_check_requests_CatalogueEntryId",
                table: "data_check_requests");

            migrationBuilder.DropColumn(
                name: "CatalogueEntryId",
                table: "data_check_requests");

            migrationBuilder.DropColumn(
                name: "ItemNames",
                table: "data_check_requests");

            migrationBuilder.DropColumn(
                name: "ResourceCode",
                table: "data_check_requests");
        }
    }
}
