using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace GovDataPortal.Migrations
{
    /// <inheritdoc />
    public partial class FlowTaskLinks : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<long>(
                name: "RelatedTaskId",
                table: "flow_tasks",
                type: "bigint",
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "RequestedDays",
                table: "flow_tasks",
                type: "integer",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "ReturnedStepKey",
                table: "flow_tasks",
                type: "character varying(64)",
                maxLength: 64,
                nullable: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "RelatedTaskId",
                table: "flow_tasks");

            migrationBuilder.DropColumn(
                name: "RequestedDays",
                table: "flow_tasks");

            migrationBuilder.DropColumn(
                name: "ReturnedStepKey",
                table: "flow_tasks");
        }
    }
}
