using System;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace GovDataPortal.Migrations
{
    /// <inheritdoc />
    public partial class Sharing : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "share_grants",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    ShareRequestId = table.Column<long>(type: "bigint", nullable: true),
                    Basis = table.Column<string>(type: "character varying(24)", maxLength: 24, nullable: false),
                    RequesterDepartmentId = table.Column<int>(type: "integer", nullable: false),
                    ProviderDepartmentId = table.Column<int>(type: "integer", nullable: false),
                    CatalogueEntryId = table.Column<long>(type: "bigint", nullable: false),
                    ResourceCode = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: true),
                    ResourceName = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    ItemNames = table.Column<string[]>(type: "text[]", nullable: false),
                    Operations = table.Column<int>(type: "integer", nullable: false),
                    Methods = table.Column<int>(type: "integer", nullable: false),
                    Purpose = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: false),
                    StartDate = table.Column<DateOnly>(type: "date", nullable: false),
                    EndDate = table.Column<DateOnly>(type: "date", nullable: false),
                    AgreementReference = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: true),
                    Status = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    StatusReason = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: true),
                    StatusChangedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    ExpiryReminderSentAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    CreatedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    xmin = table.Column<uint>(type: "xid", rowVersion: true, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_share_grants", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "share_requests",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    Kind = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    Status = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    RequesterDepartmentId = table.Column<int>(type: "integer", nullable: false),
                    RequesterUserId = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    ProviderDepartmentId = table.Column<int>(type: "integer", nullable: false),
                    CatalogueEntryId = table.Column<long>(type: "bigint", nullable: true),
                    ResourceCode = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: true),
                    ResourceName = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    ItemNames = table.Column<string[]>(type: "text[]", nullable: false),
                    DutyBasis = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: false),
                    Scenario = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: false),
                    ApplicationScenarioId = table.Column<long>(type: "bigint", nullable: true),
                    Methods = table.Column<int>(type: "integer", nullable: false),
                    Operations = table.Column<int>(type: "integer", nullable: false),
                    Users = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: false),
                    EndDate = table.Column<DateOnly>(type: "date", nullable: false),
                    DecisionReason = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: true),
                    DecidedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    FlowInstanceId = table.Column<long>(type: "bigint", nullable: true),
                    GrantId = table.Column<long>(type: "bigint", nullable: true),
                    CreatedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    xmin = table.Column<uint>(type: "xid", rowVersion: true, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_share_requests", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "grant_uses",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    GrantId = table.Column<long>(type: "bigint", nullable: false),
                    UsedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    Purpose = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    UserName = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    Approver = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    ItemNames = table.Column<string[]>(type: "text[]", nullable: false),
                    Operation = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    Method = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    Medium = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true),
                    RecordedByUserId = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_grant_uses", x => x.Id);
                    table.ForeignKey(
                        name: "FK_grant_uses_share_grants_GrantId",
                        column: x => x.GrantId,
                        principalTable: "share_grants",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateIndex(
                name: "IX_grant_uses_GrantId_UsedAt",
                table: "grant_uses",
                columns: new[] { "GrantId", "UsedAt" });

            migrationBuilder.CreateIndex(
                name: "IX_share_grants_CatalogueEntryId_Status",
                table: "share_grants",
                columns: new[] { "CatalogueEntryId", "Status" });

            migrationBuilder.CreateIndex(
                name: "IX_share_grants_ProviderDepartmentId_Status",
                table: "share_grants",
                columns: new[] { "ProviderDepartmentId", "Status" });

            migrationBuilder.CreateIndex(
                name: "IX_share_grants_RequesterDepartmentId_Status",
                table: "share_grants",
                columns: new[] { "RequesterDepartmentId", "Status" });

            migrationBuilder.CreateIndex(
                name: "IX_share_grants_ShareRequestId",
                table: "share_grants",
                column: "ShareRequestId",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_share_grants_Status_EndDate",
                table: "share_grants",
                columns: new[] { "Status", "EndDate" });

            migrationBuilder.CreateIndex(
                name: "IX_share_requests_CatalogueEntryId",
                table: "share_requests",
                column: "CatalogueEntryId");

            migrationBuilder.CreateIndex(
                name: "IX_share_requests_FlowInstanceId",
                table: "share_requests",
                column: "FlowInstanceId");

            migrationBuilder.CreateIndex(
                name: "IX_share_requests_ProviderDepartmentId_Status",
                table: "share_requests",
                columns: new[] { "ProviderDepartmentId", "Status" });

            migrationBuilder.CreateIndex(
                name: "IX_share_requests_RequesterDepartmentId_Status",
                table: "share_requests",
                columns: new[] { "RequesterDepartmentId", "Status" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "grant_uses");

            migrationBuilder.DropTable(
                name: "share_requests");

            migrationBuilder.DropTable(
                name: "share_grants");
        }
    }
}
