using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace GovDataPortal.Migrations
{
    /// <inheritdoc />
    public partial class NotificationTaskLink : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateIndex(
                name: "IX_notifications_TaskId",
                table: "notifications",
                column: "TaskId");

            migrationBuilder.CreateIndex(
                name: "IX_flow_tasks_CompletedByUserId_CompletedAt",
                table: "flow_tasks",
                columns: new[] { "CompletedByUserId", "CompletedAt" });

            migrationBuilder.AddForeignKey(
                name: "FK_notifications_flow_tasks_TaskId",
                table: "notifications",
                column: "TaskId",
                principalTable: "flow_tasks",
                principalColumn: "Id",
                onDelete: ReferentialAction.SetNull);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropForeignKey(
                name: "FK_notifications_flow_tasks_TaskId",
                table: "notifications");

            migrationBuilder.DropIndex(
                name: "IX_notifications_TaskId",
                table: "notifications");

            migrationBuilder.DropIndex(
                name: "IX_flow_tasks_CompletedByUserId_CompletedAt",
                table: "flow_tasks");
        }
    }
}
