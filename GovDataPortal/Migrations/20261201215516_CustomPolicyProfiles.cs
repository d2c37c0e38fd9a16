using System;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace GovDataPortal.Migrations
{
    /// <inheritdoc />
    public partial class CustomPolicyProfiles : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "policy_profile_settings",
                columns: table => new
                {
                    Jurisdiction = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    ActiveVersion = table.Column<string>(type: "character varying(80)", maxLength: 80, nullable: true),
                    ActivatedByName = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: true),
                    ActivatedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    ContinuationConfirmedByName = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: true),
                    ContinuationConfirmedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    xmin = table.Column<uint>(type: "xid", rowVersion: true, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_policy_profile_settings", x => x.Jurisdiction);
                });

            migrationBuilder.CreateTable(
                name: "policy_profile_versions",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    Jurisdiction = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    Version = table.Column<string>(type: "character varying(80)", maxLength: 80, nullable: false),
                    Name = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    BasedOnVersion = table.Column<string>(type: "character varying(80)", maxLength: 80, nullable: true),
                    BuiltIn = table.Column<bool>(type: "boolean", nullable: false),
                    Json = table.Column<string>(type: "text", nullable: false),
                    ContentHash = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    CreatedById = table.Column<string>(type: "character varying(450)", maxLength: 450, nullable: true),
                    CreatedByName = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: true),
                    CreatedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_policy_profile_versions", x => x.Id);
                });

            migrationBuilder.CreateIndex(
                name: "IX_policy_profile_versions_Jurisdiction",
                table: "policy_profile_versions",
                column: "Jurisdiction");

            migrationBuilder.CreateIndex(
                name: "IX_policy_profile_versions_Version",
                table: "policy_profile_versions",
                column: "Version",
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "policy_profile_settings");

            migrationBuilder.DropTable(
                name: "policy_profile_versions");
        }
    }
}
