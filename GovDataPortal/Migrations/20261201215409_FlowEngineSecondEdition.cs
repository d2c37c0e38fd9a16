using System;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace GovDataPortal.Migrations
{
    /// <inheritdoc />
    public partial class FlowEngineSecondEdition : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "ux_flow_tasks_one_open_extension",
                table: "flow_tasks");

            migrationBuilder.AddColumn<string>(
                name: "BranchKey",
                table: "flow_tasks",
                type: "character varying(64)",
                maxLength: 64,
                nullable: true);

            migrationBuilder.AddColumn<DateOnly>(
                name: "CountsFrom",
                table: "flow_tasks",
                type: "date",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "DecisionComment",
                table: "flow_tasks",
                type: "character varying(2000)",
                maxLength: 2000,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "Kind",
                table: "flow_tasks",
                type: "character varying(24)",
                maxLength: 24,
                nullable: false,
                defaultValue: "");

            migrationBuilder.AddColumn<int>(
                name: "Opening",
                table: "flow_tasks",
                type: "integer",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.AddColumn<DateOnly>(
                name: "AnchorDate",
                table: "flow_instances",
                type: "date",
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "Openings",
                table: "flow_instances",
                type: "integer",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.AddColumn<string>(
                name: "Outcome",
                table: "flow_instances",
                type: "character varying(16)",
                maxLength: 16,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "OutcomeNote",
                table: "flow_instances",
                type: "character varying(2000)",
                maxLength: 2000,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "PartyAddress",
                table: "flow_instances",
                type: "character varying(300)",
                maxLength: 300,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "PartyEmail",
                table: "flow_instances",
                type: "character varying(200)",
                maxLength: 200,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "PartyIdentityNumber",
                table: "flow_instances",
                type: "character varying(18)",
                maxLength: 18,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "PartyKind",
                table: "flow_instances",
                type: "character varying(16)",
                maxLength: 16,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "PartyName",
                table: "flow_instances",
                type: "character varying(200)",
                maxLength: 200,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "PartyPhone",
                table: "flow_instances",
                type: "character varying(32)",
                maxLength: 32,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "RulesVersion",
                table: "flow_instances",
                type: "character varying(100)",
                maxLength: 100,
                nullable: false,
                defaultValue: "");

            migrationBuilder.CreateTable(
                name: "flow_party_notices",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    InstanceId = table.Column<long>(type: "bigint", nullable: false),
                    TaskId = table.Column<long>(type: "bigint", nullable: true),
                    Method = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    NotifiedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    Content = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: false),
                    RecordedByUserId = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    RecordedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_flow_party_notices", x => x.Id);
                    table.ForeignKey(
                        name: "FK_flow_party_notices_flow_instances_InstanceId",
                        column: x => x.InstanceId,
                        principalTable: "flow_instances",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            // Tasks saved before the kinds existed were told apart by their engine step keys; every other one is a step.
            migrationBuilder.Sql("""
                UPDATE flow_tasks SET "Kind" = CASE "StepKey"
                    WHEN 'extension-consent' THEN 'ExtensionConsent' WHEN 'resubmit' THEN 'Revision' ELSE 'Step' END;
                UPDATE flow_tasks SET "Opening" = "Id" WHERE "Opening" = 0;
                UPDATE flow_instances i SET "Openings" = COALESCE((SELECT max(t."Id") FROM flow_tasks t WHERE t."InstanceId" = i."Id"), 0);
                UPDATE flow_tasks SET "CountsFrom" = ("ReceivedAt" AT TIME ZONE 'Asia/Shanghai')::date WHERE "DeadlineDays" IS NOT NULL;
                """);

            migrationBuilder.CreateIndex(
                name: "ux_flow_tasks_one_open_extension",
                table: "flow_tasks",
                column: "InstanceId",
                unique: true,
                filter: "\"Kind\" = 'ExtensionConsent' AND \"Status\" = 'Open'");

            migrationBuilder.CreateIndex(
                name: "IX_flow_party_notices_InstanceId",
                table: "flow_party_notices",
                column: "InstanceId");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "flow_party_notices");

            migrationBuilder.DropIndex(
                name: "ux_flow_tasks_one_open_extension",
                table: "flow_tasks");

            migrationBuilder.DropColumn(
                name: "BranchKey",
                table: "flow_tasks");

            migrationBuilder.DropColumn(
                name: "CountsFrom",
                table: "flow_tasks");

            migrationBuilder.DropColumn(
                name: "DecisionComment",
                table: "flow_tasks");

            migrationBuilder.DropColumn(
                name: "Kind",
                table: "flow_tasks");

            migrationBuilder.DropColumn(
                name: "Opening",
                table: "flow_tasks");

            migrationBuilder.DropColumn(
                name: "AnchorDate",
                table: "flow_instances");

            migrationBuilder.DropColumn(
                name: "Openings",
                table: "flow_instances");

            migrationBuilder.DropColumn(
                name: "Outcome",
                table: "flow_instances");

            migrationBuilder.DropColumn(
                name: "OutcomeNote",
                table: "flow_instances");

            migrationBuilder.DropColumn(
                name: "PartyAddress",
                table: "flow_instances");

            migrationBuilder.DropColumn(
                name: "PartyEmail",
                table: "flow_instances");

            migrationBuilder.DropColumn(
                name: "PartyIdentityNumber",
                table: "flow_instances");

            migrationBuilder.DropColumn(
                name: "PartyKind",
                table: "flow_instances");

            migrationBuilder.DropColumn(
                name: "PartyName",
                table: "flow_instances");

            migrationBuilder.DropColumn(
                name: "PartyPhone",
                table: "flow_instances");

            migrationBuilder.DropColumn(
                name: "RulesVersion",
                table: "flow_instances");

            migrationBuilder.CreateIndex(
                name: "ux_flow_tasks_one_open_extension",
                table: "flow_tasks",
                column: "InstanceId",
                unique: true,
                filter: "\"StepKey\" = 'extension-consent' AND \"Status\" = 'Open'");
        }
    }
}
