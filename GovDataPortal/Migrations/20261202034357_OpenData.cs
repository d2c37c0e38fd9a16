using System;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace GovDataPortal.Migrations
{
    /// <inheritdoc />
    public partial class OpenData : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "OpeningHold",
                table: "catalogue_entries",
                type: "character varying(16)",
                maxLength: 16,
                nullable: true);

            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "OpeningHoldAt",
                table: "catalogue_entries",
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "OpeningHoldReason",
                table: "catalogue_entries",
                type: "character varying(500)",
                maxLength: 500,
                nullable: true);

            migrationBuilder.CreateTable(
                name: "data_objections",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    Status = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    ObjectorKind = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    ObjectorName = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    IdentityNumber = table.Column<string>(type: "character varying(18)", maxLength: 18, nullable: false),
                    Phone = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: true),
                    Email = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true),
                    Address = table.Column<string>(type: "character varying(300)", maxLength: 300, nullable: true),
                    CatalogueEntryId = table.Column<long>(type: "bigint", nullable: false),
                    ResourceCode = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    ResourceName = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    ProviderDepartmentId = table.Column<int>(type: "integer", nullable: false),
                    ReceivedByDepartmentId = table.Column<int>(type: "integer", nullable: false),
                    ReceivedByUserId = table.Column<string>(type: "character varying(450)", maxLength: 450, nullable: false),
                    Kind = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    Description = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: false),
                    OpeningOutcome = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: true),
                    ConcludedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    FlowInstanceId = table.Column<long>(type: "bigint", nullable: true),
                    CreatedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    xmin = table.Column<uint>(type: "xid", rowVersion: true, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_data_objections", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "open_data_requests",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    Status = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    ApplicantKind = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    ApplicantName = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    IdentityNumber = table.Column<string>(type: "character varying(18)", maxLength: 18, nullable: false),
                    OrganisationType = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: true),
                    Phone = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: true),
                    Email = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true),
                    Address = table.Column<string>(type: "character varying(300)", maxLength: 300, nullable: true),
                    CatalogueEntryId = table.Column<long>(type: "bigint", nullable: false),
                    ResourceCode = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    ResourceName = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    ItemNames = table.Column<string[]>(type: "text[]", nullable: false),
                    ProviderDepartmentId = table.Column<int>(type: "integer", nullable: false),
                    ReceivedByDepartmentId = table.Column<int>(type: "integer", nullable: false),
                    ReceivedByUserId = table.Column<string>(type: "character varying(450)", maxLength: 450, nullable: false),
                    PurposeKind = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    Purpose = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: false),
                    UseFrom = table.Column<DateOnly>(type: "date", nullable: false),
                    UseUntil = table.Column<DateOnly>(type: "date", nullable: false),
                    SecurityMeasures = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: false),
                    CommitmentSignedOn = table.Column<DateOnly>(type: "date", nullable: true),
                    CommitmentSignedBy = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true),
                    CommitmentRecordedByUserId = table.Column<string>(type: "character varying(450)", maxLength: 450, nullable: true),
                    CommitmentRecordedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    DecisionNote = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: true),
                    DecidedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    FlowInstanceId = table.Column<long>(type: "bigint", nullable: true),
                    CreatedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    xmin = table.Column<uint>(type: "xid", rowVersion: true, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_open_data_requests", x => x.Id);
                });

            migrationBuilder.CreateIndex(
                name: "IX_data_objections_CatalogueEntryId",
                table: "data_objections",
                column: "CatalogueEntryId");

            migrationBuilder.CreateIndex(
                name: "IX_data_objections_FlowInstanceId",
                table: "data_objections",
                column: "FlowInstanceId",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_data_objections_ProviderDepartmentId_Status",
                table: "data_objections",
                columns: new[] { "ProviderDepartmentId", "Status" });

            migrationBuilder.CreateIndex(
                name: "IX_open_data_requests_FlowInstanceId",
                table: "open_data_requests",
                column: "FlowInstanceId",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_open_data_requests_ProviderDepartmentId_Status",
                table: "open_data_requests",
                columns: new[] { "ProviderDepartmentId", "Status" });

            migrationBuilder.CreateIndex(
                name: "IX_open_data_requests_ReceivedByDepartmentId",
                table: "open_data_requests",
                column: "ReceivedByDepartmentId");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "data_objections");

            migrationBuilder.DropTable(
                name: "open_data_requests");

            migrationBuilder.DropColumn(
                name: "OpeningHold",
                table: "catalogue_entries");

            migrationBuilder.DropColumn(
                name: "OpeningHoldAt",
                table: "catalogue_entries");

            migrationBuilder.DropColumn(
                name: "OpeningHoldReason",
                table: "catalogue_entries");
        }
    }
}
