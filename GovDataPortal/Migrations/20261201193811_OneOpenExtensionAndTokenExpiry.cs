using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace GovDataPortal.Migrations
{
    /// <inheritdoc />
    public partial class OneOpenExtensionAndTokenExpiry : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            // Every token expires from now on. Tokens issued "without expiry" get the default lifetime from today, so
            // the integrations using them keep working for 90 days and show up in their owners' lists as expiring.
            migrationBuilder.Sql("""
                UPDATE personal_access_tokens SET "ExpiresAt" = now() + interval '90 days' WHERE "ExpiresAt" IS NULL;
                """);
            migrationBuilder.AlterColumn<DateTimeOffset>(
                name: "ExpiresAt",
                table: "personal_access_tokens",
                type: "timestamp with time zone",
                nullable: false,
                oldClrType: typeof(DateTimeOffset),
                oldType: "timestamp with time zone",
                oldNullable: true);

            // Extension requests that lost the race before this index existed: the earliest waiting one of a flow
            // stays open, the others are cancelled (closed without a decision) so the index can be built.
            migrationBuilder.Sql("""
                UPDATE flow_tasks t SET "Status" = 'Cancelled', "CompletedAt" = now()
                WHERE t."StepKey" = 'extension-consent' AND t."Status" = 'Open'
                  AND EXISTS (SELECT 1 FROM flow_tasks e WHERE e."InstanceId" = t."InstanceId" AND e."StepKey" = 'extension-consent'
                              AND e."Status" = 'Open' AND e."Id" < t."Id");
                """);
            migrationBuilder.CreateIndex(
                name: "ux_flow_tasks_one_open_extension",
                table: "flow_tasks",
                column: "InstanceId",
                unique: true,
                filter: "\"StepKey\" = 'extension-consent' AND \"Status\" = 'Open'");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "ux_flow_tasks_one_open_extension",
                table: "flow_tasks");

            migrationBuilder.AlterColumn<DateTimeOffset>(
                name: "ExpiresAt",
                table: "personal_access_tokens",
                type: "timestamp with time zone",
                nullable: true,
                oldClrType: typeof(DateTimeOffset),
                oldType: "timestamp with time zone");
        }
    }
}
