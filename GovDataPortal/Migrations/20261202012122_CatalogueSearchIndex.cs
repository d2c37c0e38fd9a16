using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace GovDataPortal.Migrations
{
    /// <inheritdoc />
    public partial class CatalogueSearchIndex : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AlterDatabase()
                .Annotation("Npgsql:PostgresExtension:btree_gin", ",,");

            migrationBuilder.CreateIndex(
                name: "IX_catalogue_entries_search",
                table: "catalogue_entries",
                columns: new[] { "TextGrams", "ShareType", "OpenType", "CatalogueType", "UpdateCycle", "SecurityLevel", "Status", "ProviderDepartmentId", "ResourceClassId" })
                .Annotation("Npgsql:IndexMethod", "gin");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_catalogue_entries_search",
                table: "catalogue_entries");

            migrationBuilder.AlterDatabase()
                .OldAnnotation("Npgsql:PostgresExtension:btree_gin", ",,");
        }
    }
}
