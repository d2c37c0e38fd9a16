using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace GovDataPortal.Migrations
{
    /// <inheritdoc />
    public partial class ShareRequestCurrentDue : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "CurrentDueAt",
                table: "share_requests",
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.CreateIndex(
                name: "IX_share_requests_Status_CurrentDueAt_CreatedAt_Id",
                table: "share_requests",
                columns: new[] { "Status", "CurrentDueAt", "CreatedAt", "Id" })
                .Annotation("Npgsql:IndexInclude", new[] { "ProviderDepartmentId", "RequesterDepartmentId" });

            // Requests already in review take the deadline of their open step from the flow engine once; from now on
            // the engine's notices keep it.
            migrationBuilder.Sql("""
                UPDATE share_requests r SET "CurrentDueAt" = (
                    SELECT min(t."DueAt") FROM flow_tasks t
                    WHERE t."InstanceId" = r."FlowInstanceId" AND t."Status" = 'Open' AND t."Kind" = 'Step')
                WHERE r."Status" = 'InReview';
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_share_requests_Status_CurrentDueAt_CreatedAt_Id",
                table: "share_requests");

            migrationBuilder.DropColumn(
                name: "CurrentDueAt",
                table: "share_requests");
        }
    }
}
