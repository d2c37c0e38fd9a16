using System;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace GovDataPortal.Migrations
{
    /// <inheritdoc />
    public partial class ApplicationScenarios : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "application_scenarios",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    Name = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    Business = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: false),
                    LegalBasis = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: false),
                    DepartmentId = table.Column<int>(type: "integer", nullable: false),
                    RegisteredByUserId = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    InvolvedDepartmentIds = table.Column<int[]>(type: "integer[]", nullable: false),
                    Status = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    ReviewReason = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: true),
                    ReviewedByUserId = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: true),
                    ReviewedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    CreatedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    WithdrawnAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    xmin = table.Column<uint>(type: "xid", rowVersion: true, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_application_scenarios", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "application_scenario_entries",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    ScenarioId = table.Column<long>(type: "bigint", nullable: false),
                    CatalogueEntryId = table.Column<long>(type: "bigint", nullable: false),
                    ResourceCode = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    EntryName = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    ProviderDepartmentId = table.Column<int>(type: "integer", nullable: false),
                    ItemNames = table.Column<string[]>(type: "text[]", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_application_scenario_entries", x => x.Id);
                    table.ForeignKey(
                        name: "FK_application_scenario_entries_application_scenarios_Scenario~",
                        column: x => x.ScenarioId,
                        principalTable: "application_scenarios",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_application_scenario_entries_CatalogueEntryId",
                table: "application_scenario_entries",
                column: "CatalogueEntryId");

            migrationBuilder.CreateIndex(
                name: "IX_application_scenario_entries_ScenarioId_CatalogueEntryId",
                table: "application_scenario_entries",
                columns: new[] { "ScenarioId", "CatalogueEntryId" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_application_scenarios_DepartmentId_Status",
                table: "application_scenarios",
                columns: new[] { "DepartmentId", "Status" });

            migrationBuilder.CreateIndex(
                name: "IX_application_scenarios_Status",
                table: "application_scenarios",
                column: "Status");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "application_scenario_entries");

            migrationBuilder.DropTable(
                name: "application_scenarios");
        }
    }
}
