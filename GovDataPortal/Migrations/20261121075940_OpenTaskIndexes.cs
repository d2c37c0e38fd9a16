using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace GovDataPortal.Migrations
{
    /// <inheritdoc />
    public partial class OpenTaskIndexes : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_flow_tasks_AssigneeDepartmentId_AssigneeRole_Status_DueAt",
                table: "flow_tasks");

            migrationBuilder.DropIndex(
                name: "IX_flow_tasks_AssigneeUserId_Status",
                table: "flow_tasks");

            migrationBuilder.CreateIndex(
                name: "ix_flow_tasks_open_by_role",
                table: "flow_tasks",
                columns: new[] { "AssigneeDepartmentId", "AssigneeRole", "DueAt" },
                filter: "\"Status\" = 'Open'");

            migrationBuilder.CreateIndex(
                name: "ix_flow_tasks_open_by_user",
                table: "flow_tasks",
                columns: new[] { "AssigneeUserId", "DueAt" },
                filter: "\"Status\" = 'Open' AND \"AssigneeUserId\" IS NOT NULL");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "ix_flow_tasks_open_by_role",
                table: "flow_tasks");

            migrationBuilder.DropIndex(
                name: "ix_flow_tasks_open_by_user",
                table: "flow_tasks");

            migrationBuilder.CreateIndex(
                name: "IX_flow_tasks_AssigneeDepartmentId_AssigneeRole_Status_DueAt",
                table: "flow_tasks",
                columns: new[] { "AssigneeDepartmentId", "AssigneeRole", "Status", "DueAt" });

            migrationBuilder.CreateIndex(
                name: "IX_flow_tasks_AssigneeUserId_Status",
                table: "flow_tasks",
                columns: new[] { "AssigneeUserId", "Status" });
        }
    }
}
