using System;
using System.Collections.Generic;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

#pragma warning disable CA1814 // Prefer jagged arrays over multidimensional

namespace GovDataPortal.Migrations
{
    /// <inheritdoc />
    public partial class CatalogueFoundation : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "authoritative_sources",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    NormalisedName = table.Column<string>(type: "character varying(50)", maxLength: 50, nullable: false),
                    DataType = table.Column<string>(type: "character varying(2)", maxLength: 2, nullable: false),
                    ItemName = table.Column<string>(type: "character varying(50)", maxLength: 50, nullable: false),
                    ProviderDepartmentId = table.Column<int>(type: "integer", nullable: false),
                    Note = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: true),
                    DecidedByUserId = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    DecidedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    xmin = table.Column<uint>(type: "xid", rowVersion: true, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_authoritative_sources", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "catalogue_changes",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    Kind = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    ChangeDate = table.Column<DateOnly>(type: "date", nullable: false),
                    Description = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: false),
                    RecordedByDepartmentId = table.Column<int>(type: "integer", nullable: false),
                    RecordedByUserId = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    RecordedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_catalogue_changes", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "catalogue_submissions",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    DepartmentId = table.Column<int>(type: "integer", nullable: false),
                    SubmittedByUserId = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    SubmittedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    Status = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    EntryCount = table.Column<int>(type: "integer", nullable: false),
                    FlowInstanceId = table.Column<long>(type: "bigint", nullable: true),
                    ClosedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    xmin = table.Column<uint>(type: "xid", rowVersion: true, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_catalogue_submissions", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "resource_classes",
                columns: table => new
                {
                    Id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:IdentitySequenceOptions", "'1000', '1', '', '', 'False', '1'")
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    ParentId = table.Column<int>(type: "integer", nullable: true),
                    Code = table.Column<string>(type: "character varying(9)", maxLength: 9, nullable: false),
                    Name = table.Column<string>(type: "character varying(50)", maxLength: 50, nullable: false),
                    Level = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    SortOrder = table.Column<int>(type: "integer", nullable: false),
                    xmin = table.Column<uint>(type: "xid", rowVersion: true, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_resource_classes", x => x.Id);
                    table.ForeignKey(
                        name: "FK_resource_classes_resource_classes_ParentId",
                        column: x => x.ParentId,
                        principalTable: "resource_classes",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "resource_code_sequences",
                columns: table => new
                {
                    Prefix = table.Column<string>(type: "character varying(9)", maxLength: 9, nullable: false),
                    LastNumber = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_resource_code_sequences", x => x.Prefix);
                });

            migrationBuilder.CreateTable(
                name: "catalogue_entries",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    ProviderDepartmentId = table.Column<int>(type: "integer", nullable: false),
                    ResourceCode = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: true),
                    Status = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    PublishedVersionNumber = table.Column<int>(type: "integer", nullable: true),
                    LatestVersionNumber = table.Column<int>(type: "integer", nullable: false),
                    EverSubmitted = table.Column<bool>(type: "boolean", nullable: false),
                    CreatedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    FirstPublishedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    LastPublishedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    WithdrawnAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    WithdrawalReason = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: true),
                    LastFullReviewAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    ShownVersionNumber = table.Column<int>(type: "integer", nullable: false),
                    Name = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    Summary = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: true),
                    CatalogueType = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: true),
                    ResourceClassId = table.Column<int>(type: "integer", nullable: true),
                    Format = table.Column<string>(type: "character varying(24)", maxLength: 24, nullable: true),
                    ShareType = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: true),
                    OpenType = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: true),
                    UpdateCycle = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: true),
                    SecurityLevel = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: true),
                    ItemCount = table.Column<int>(type: "integer", nullable: false),
                    ItemNames = table.Column<string>(type: "text", nullable: false),
                    NameGrams = table.Column<string[]>(type: "text[]", nullable: false),
                    TextGrams = table.Column<string[]>(type: "text[]", nullable: false),
                    UpdatedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    xmin = table.Column<uint>(type: "xid", rowVersion: true, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_catalogue_entries", x => x.Id);
                    table.ForeignKey(
                        name: "FK_catalogue_entries_departments_ProviderDepartmentId",
                        column: x => x.ProviderDepartmentId,
                        principalTable: "departments",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_catalogue_entries_resource_classes_ResourceClassId",
                        column: x => x.ResourceClassId,
                        principalTable: "resource_classes",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "catalogue_obligations",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    ChangeId = table.Column<long>(type: "bigint", nullable: false),
                    EntryId = table.Column<long>(type: "bigint", nullable: false),
                    ProviderDepartmentId = table.Column<int>(type: "integer", nullable: false),
                    Status = table.Column<string>(type: "character varying(24)", maxLength: 24, nullable: false),
                    FlowInstanceId = table.Column<long>(type: "bigint", nullable: true),
                    NoChangeReason = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: true),
                    MetByVersionId = table.Column<long>(type: "bigint", nullable: true),
                    ClosedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    xmin = table.Column<uint>(type: "xid", rowVersion: true, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_catalogue_obligations", x => x.Id);
                    table.ForeignKey(
                        name: "FK_catalogue_obligations_catalogue_changes_ChangeId",
                        column: x => x.ChangeId,
                        principalTable: "catalogue_changes",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_catalogue_obligations_catalogue_entries_EntryId",
                        column: x => x.EntryId,
                        principalTable: "catalogue_entries",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "catalogue_versions",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    EntryId = table.Column<long>(type: "bigint", nullable: false),
                    Number = table.Column<int>(type: "integer", nullable: false),
                    Status = table.Column<string>(type: "character varying(24)", maxLength: 24, nullable: false),
                    Name = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    Summary = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: true),
                    CatalogueType = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: true),
                    ResourceClassId = table.Column<int>(type: "integer", nullable: true),
                    SourceSystem = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: true),
                    ReferenceStandard = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: true),
                    CollectionBasis = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: true),
                    Format = table.Column<string>(type: "character varying(24)", maxLength: 24, nullable: true),
                    FormatDetail = table.Column<string>(type: "character varying(50)", maxLength: 50, nullable: true),
                    DataSubjects = table.Column<int>(type: "integer", nullable: false),
                    ShareType = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: true),
                    ShareConditionKinds = table.Column<int>(type: "integer", nullable: false),
                    ShareNamedDepartments = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: true),
                    ShareConditions = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: true),
                    ShareMethods = table.Column<int>(type: "integer", nullable: false),
                    ShareOperations = table.Column<int>(type: "integer", nullable: false),
                    ShareBasis = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: true),
                    OpenType = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: true),
                    OpenConditions = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: true),
                    OpenBasis = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: true),
                    Deidentified = table.Column<bool>(type: "boolean", nullable: false),
                    DeidentificationMethod = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: true),
                    UpdateCycle = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: true),
                    SecurityLevel = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: true),
                    RelatedCodes = table.Column<List<string>>(type: "text[]", nullable: false),
                    RecordCount = table.Column<long>(type: "bigint", nullable: true),
                    CreatedByUserId = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    CreatedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    UpdatedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    SubmissionId = table.Column<long>(type: "bigint", nullable: true),
                    SubmittedByUserId = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: true),
                    SubmittedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    PublishedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    IsBreakingChange = table.Column<bool>(type: "boolean", nullable: false),
                    xmin = table.Column<uint>(type: "xid", rowVersion: true, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_catalogue_versions", x => x.Id);
                    table.ForeignKey(
                        name: "FK_catalogue_versions_catalogue_entries_EntryId",
                        column: x => x.EntryId,
                        principalTable: "catalogue_entries",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_catalogue_versions_resource_classes_ResourceClassId",
                        column: x => x.ResourceClassId,
                        principalTable: "resource_classes",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "catalogue_items",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    VersionId = table.Column<long>(type: "bigint", nullable: false),
                    Ordinal = table.Column<int>(type: "integer", nullable: false),
                    Name = table.Column<string>(type: "character varying(50)", maxLength: 50, nullable: false),
                    NormalisedName = table.Column<string>(type: "character varying(50)", maxLength: 50, nullable: false),
                    DataType = table.Column<string>(type: "character varying(2)", maxLength: 2, nullable: true),
                    Length = table.Column<int>(type: "integer", nullable: true),
                    Sensitivity = table.Column<string>(type: "character varying(24)", maxLength: 24, nullable: false),
                    Description = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_catalogue_items", x => x.Id);
                    table.ForeignKey(
                        name: "FK_catalogue_items_catalogue_versions_VersionId",
                        column: x => x.VersionId,
                        principalTable: "catalogue_versions",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "catalogue_review_comments",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    VersionId = table.Column<long>(type: "bigint", nullable: false),
                    Field = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: true),
                    Text = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: false),
                    StepName = table.Column<string>(type: "character varying(50)", maxLength: 50, nullable: false),
                    ByUserId = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    At = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_catalogue_review_comments", x => x.Id);
                    table.ForeignKey(
                        name: "FK_catalogue_review_comments_catalogue_versions_VersionId",
                        column: x => x.VersionId,
                        principalTable: "catalogue_versions",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.InsertData(
                table: "resource_classes",
                columns: new[] { "Id", "Code", "Level", "Name", "ParentId", "SortOrder" },
                values: new object[,]
                {
                    { 1, "1", "Class", "基础信息资源", null, 1 },
                    { 2, "2", "Class", "主题信息资源", null, 2 },
                    { 3, "3", "Class", "部门信息资源", null, 3 },
                    { 11, "101", "Item", "人口信息资源", 1, 11 },
                    { 12, "102", "Item", "法人单位信息资源", 1, 12 },
                    { 13, "103", "Item", "自然资源和空间地理信息资源", 1, 13 },
                    { 14, "104", "Item", "社会信用信息资源", 1, 14 },
                    { 15, "105", "Item", "电子证照信息资源", 1, 15 },
                    { 21, "201", "Item", "公共服务", 2, 21 },
                    { 22, "202", "Item", "健康保障", 2, 22 },
                    { 23, "203", "Item", "社会保障", 2, 23 },
                    { 24, "204", "Item", "食品药品安全", 2, 24 },
                    { 25, "205", "Item", "安全生产", 2, 25 },
                    { 26, "206", "Item", "价格监管", 2, 26 },
                    { 27, "207", "Item", "能源安全", 2, 27 },
                    { 28, "208", "Item", "信用体系", 2, 28 },
                    { 29, "209", "Item", "城乡建设", 2, 29 },
                    { 30, "210", "Item", "社区治理", 2, 30 },
                    { 31, "211", "Item", "生态环保", 2, 31 },
                    { 32, "212", "Item", "应急维稳", 2, 32 }
                });

            migrationBuilder.CreateIndex(
                name: "IX_authoritative_sources_NormalisedName_DataType",
                table: "authoritative_sources",
                columns: new[] { "NormalisedName", "DataType" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_catalogue_entries_NameGrams",
                table: "catalogue_entries",
                column: "NameGrams")
                .Annotation("Npgsql:IndexMethod", "gin");

            migrationBuilder.CreateIndex(
                name: "IX_catalogue_entries_ProviderDepartmentId",
                table: "catalogue_entries",
                column: "ProviderDepartmentId");

            migrationBuilder.CreateIndex(
                name: "IX_catalogue_entries_ResourceClassId",
                table: "catalogue_entries",
                column: "ResourceClassId");

            migrationBuilder.CreateIndex(
                name: "IX_catalogue_entries_ResourceCode",
                table: "catalogue_entries",
                column: "ResourceCode",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_catalogue_entries_Status_ProviderDepartmentId",
                table: "catalogue_entries",
                columns: new[] { "Status", "ProviderDepartmentId" });

            migrationBuilder.CreateIndex(
                name: "IX_catalogue_entries_TextGrams",
                table: "catalogue_entries",
                column: "TextGrams")
                .Annotation("Npgsql:IndexMethod", "gin");

            migrationBuilder.CreateIndex(
                name: "IX_catalogue_items_NormalisedName_DataType",
                table: "catalogue_items",
                columns: new[] { "NormalisedName", "DataType" });

            migrationBuilder.CreateIndex(
                name: "IX_catalogue_items_VersionId_Ordinal",
                table: "catalogue_items",
                columns: new[] { "VersionId", "Ordinal" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_catalogue_obligations_ChangeId_EntryId",
                table: "catalogue_obligations",
                columns: new[] { "ChangeId", "EntryId" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_catalogue_obligations_EntryId_Status",
                table: "catalogue_obligations",
                columns: new[] { "EntryId", "Status" });

            migrationBuilder.CreateIndex(
                name: "IX_catalogue_review_comments_VersionId",
                table: "catalogue_review_comments",
                column: "VersionId");

            migrationBuilder.CreateIndex(
                name: "IX_catalogue_submissions_DepartmentId_Status",
                table: "catalogue_submissions",
                columns: new[] { "DepartmentId", "Status" });

            migrationBuilder.CreateIndex(
                name: "IX_catalogue_versions_EntryId_Number",
                table: "catalogue_versions",
                columns: new[] { "EntryId", "Number" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_catalogue_versions_ResourceClassId",
                table: "catalogue_versions",
                column: "ResourceClassId");

            migrationBuilder.CreateIndex(
                name: "IX_catalogue_versions_SubmissionId",
                table: "catalogue_versions",
                column: "SubmissionId");

            migrationBuilder.CreateIndex(
                name: "IX_resource_classes_Code",
                table: "resource_classes",
                column: "Code",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_resource_classes_ParentId",
                table: "resource_classes",
                column: "ParentId");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "authoritative_sources");

            migrationBuilder.DropTable(
                name: "catalogue_items");

            migrationBuilder.DropTable(
                name: "catalogue_obligations");

            migrationBuilder.DropTable(
                name: "catalogue_review_comments");

            migrationBuilder.DropTable(
                name: "catalogue_submissions");

            migrationBuilder.DropTable(
                name: "resource_code_sequences");

            migrationBuilder.DropTable(
                name: "catalogue_changes");

            migrationBuilder.DropTable(
                name: "catalogue_versions");

            migrationBuilder.DropTable(
                name: "catalogue_entries");

            migrationBuilder.DropTable(
                name: "resource_classes");
        }
    }
}
