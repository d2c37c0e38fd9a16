using System;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace GovDataPortal.Migrations
{
    /// <inheritdoc />
    public partial class WorkflowCalendarNotifications : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "attachments",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    OwnerType = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    OwnerId = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    FileName = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    ContentType = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    Length = table.Column<long>(type: "bigint", nullable: false),
                    Content = table.Column<byte[]>(type: "bytea", nullable: false),
                    UploadedByUserId = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    UploadedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_attachments", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "calendar_days",
                columns: table => new
                {
                    Date = table.Column<DateOnly>(type: "date", nullable: false),
                    Kind = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    Name = table.Column<string>(type: "character varying(50)", maxLength: 50, nullable: false),
                    NoticeYear = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_calendar_days", x => x.Date);
                });

            migrationBuilder.CreateTable(
                name: "calendar_years",
                columns: table => new
                {
                    Year = table.Column<int>(type: "integer", nullable: false),
                    IsPublished = table.Column<bool>(type: "boolean", nullable: false),
                    PublishedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    Source = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: true),
                    xmin = table.Column<uint>(type: "xid", rowVersion: true, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_calendar_years", x => x.Year);
                });

            migrationBuilder.CreateTable(
                name: "data_check_requests",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    RequesterDepartmentId = table.Column<int>(type: "integer", nullable: false),
                    RequesterUserId = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    ProviderDepartmentId = table.Column<int>(type: "integer", nullable: false),
                    ResourceName = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    RecordIdentifier = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: true),
                    Kind = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    Description = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: false),
                    Status = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    Answer = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: true),
                    Explanation = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: true),
                    AnsweredAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    ReopenCount = table.Column<int>(type: "integer", nullable: false),
                    ReopenReason = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: true),
                    CreatedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    ClosedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    FlowInstanceId = table.Column<long>(type: "bigint", nullable: true),
                    xmin = table.Column<uint>(type: "xid", rowVersion: true, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_data_check_requests", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "flow_instances",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    FlowKey = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    FlowName = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    Jurisdiction = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    SubjectType = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    SubjectId = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    SubjectTitle = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    ProviderDepartmentId = table.Column<int>(type: "integer", nullable: false),
                    RequesterDepartmentId = table.Column<int>(type: "integer", nullable: false),
                    SubmittedByUserId = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    NamedUserId = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: true),
                    Status = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    CurrentStepKey = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: true),
                    StartedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    EndedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    xmin = table.Column<uint>(type: "xid", rowVersion: true, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_flow_instances", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "notifications",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    UserId = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    Title = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    Body = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: false),
                    Link = table.Column<string>(type: "character varying(300)", maxLength: 300, nullable: true),
                    TaskId = table.Column<long>(type: "bigint", nullable: true),
                    CreatedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    ReadAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    EmailedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_notifications", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "flow_events",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    InstanceId = table.Column<long>(type: "bigint", nullable: false),
                    TaskId = table.Column<long>(type: "bigint", nullable: true),
                    Action = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    ActorUserId = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: true),
                    ActorName = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: true),
                    ActorDepartmentId = table.Column<int>(type: "integer", nullable: true),
                    OccurredAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    Comment = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: true),
                    RuleText = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_flow_events", x => x.Id);
                    table.ForeignKey(
                        name: "FK_flow_events_flow_instances_InstanceId",
                        column: x => x.InstanceId,
                        principalTable: "flow_instances",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "flow_tasks",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    InstanceId = table.Column<long>(type: "bigint", nullable: false),
                    StepKey = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    StepName = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    AssigneeDepartmentId = table.Column<int>(type: "integer", nullable: false),
                    AssigneeRole = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: true),
                    AssigneeUserId = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: true),
                    Status = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    ReceivedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    DeadlineDays = table.Column<int>(type: "integer", nullable: true),
                    ExtensionDays = table.Column<int>(type: "integer", nullable: false),
                    DueDate = table.Column<DateOnly>(type: "date", nullable: true),
                    DueAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    Provisional = table.Column<bool>(type: "boolean", nullable: false),
                    RuleText = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: false),
                    OnTimeout = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    Escalated = table.Column<bool>(type: "boolean", nullable: false),
                    CompletedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    CompletedByUserId = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: true),
                    Decision = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: true),
                    xmin = table.Column<uint>(type: "xid", rowVersion: true, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_flow_tasks", x => x.Id);
                    table.ForeignKey(
                        name: "FK_flow_tasks_flow_instances_InstanceId",
                        column: x => x.InstanceId,
                        principalTable: "flow_instances",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "flow_timers",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    TaskId = table.Column<long>(type: "bigint", nullable: false),
                    Kind = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    DueAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    FiredAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    FiredBy = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_flow_timers", x => x.Id);
                    table.ForeignKey(
                        name: "FK_flow_timers_flow_tasks_TaskId",
                        column: x => x.TaskId,
                        principalTable: "flow_tasks",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_attachments_OwnerType_OwnerId",
                table: "attachments",
                columns: new[] { "OwnerType", "OwnerId" });

            migrationBuilder.CreateIndex(
                name: "IX_calendar_days_NoticeYear",
                table: "calendar_days",
                column: "NoticeYear");

            migrationBuilder.CreateIndex(
                name: "IX_data_check_requests_ProviderDepartmentId_Status",
                table: "data_check_requests",
                columns: new[] { "ProviderDepartmentId", "Status" });

            migrationBuilder.CreateIndex(
                name: "IX_data_check_requests_RequesterDepartmentId_Status",
                table: "data_check_requests",
                columns: new[] { "RequesterDepartmentId", "Status" });

            migrationBuilder.CreateIndex(
                name: "IX_flow_events_InstanceId_Id",
                table: "flow_events",
                columns: new[] { "InstanceId", "Id" });

            migrationBuilder.CreateIndex(
                name: "IX_flow_instances_RequesterDepartmentId_Status",
                table: "flow_instances",
                columns: new[] { "RequesterDepartmentId", "Status" });

            migrationBuilder.CreateIndex(
                name: "IX_flow_instances_SubjectType_SubjectId",
                table: "flow_instances",
                columns: new[] { "SubjectType", "SubjectId" });

            migrationBuilder.CreateIndex(
                name: "IX_flow_tasks_AssigneeDepartmentId_AssigneeRole_Status_DueAt",
                table: "flow_tasks",
                columns: new[] { "AssigneeDepartmentId", "AssigneeRole", "Status", "DueAt" });

            migrationBuilder.CreateIndex(
                name: "IX_flow_tasks_AssigneeUserId_Status",
                table: "flow_tasks",
                columns: new[] { "AssigneeUserId", "Status" });

            migrationBuilder.CreateIndex(
                name: "IX_flow_tasks_InstanceId",
                table: "flow_tasks",
                column: "InstanceId");

            migrationBuilder.CreateIndex(
                name: "ix_flow_timers_pending",
                table: "flow_timers",
                column: "DueAt",
                filter: "\"FiredAt\" IS NULL");

            migrationBuilder.CreateIndex(
                name: "IX_flow_timers_TaskId",
                table: "flow_timers",
                column: "TaskId");

            migrationBuilder.CreateIndex(
                name: "ix_notifications_unmailed",
                table: "notifications",
                column: "EmailedAt",
                filter: "\"EmailedAt\" IS NULL");

            migrationBuilder.CreateIndex(
                name: "IX_notifications_UserId_ReadAt_Id",
                table: "notifications",
                columns: new[] { "UserId", "ReadAt", "Id" });

            LoadOfficialCalendar(migrationBuilder);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "attachments");

            migrationBuilder.DropTable(
                name: "calendar_days");

            migrationBuilder.DropTable(
                name: "calendar_years");

            migrationBuilder.DropTable(
                name: "data_check_requests");

            migrationBuilder.DropTable(
                name: "flow_events");

            migrationBuilder.DropTable(
                name: "flow_timers");

            migrationBuilder.DropTable(
                name: "notifications");

            migrationBuilder.DropTable(
                name: "flow_tasks");

            migrationBuilder.DropTable(
                name: "flow_instances");
        }

        /// <summary>
        /// Loads the State Council's 2020-2026 holiday notices (Features/Calendar/Data/cn-holidays-2020-2026.csv, embedded)
        /// and marks those years published. The parser is kept here, frozen with the migration, on purpose.
        /// </summary>
        private static void LoadOfficialCalendar(MigrationBuilder migrationBuilder)
        {
            using var stream = typeof(WorkflowCalendarNotifications).Assembly.GetManifestResourceStream("cn-holidays-2020-2026.csv")
                ?? throw new InvalidOperationException("Embedded resource cn-holidays-2020-2026.csv is missing.");
            using var reader = new System.IO.StreamReader(stream);
            reader.ReadLine(); // date,kind,name,year_notice
            var years = new SortedSet<int>();
            while (reader.ReadLine() is { Length: > 0 } line)
            {
                var f = line.Split(',');
                var date = DateOnly.ParseExact(f[0], "yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
                var kind = f[1] == "workday" ? "Workday" : "Holiday";
                var noticeYear = int.Parse(f[3], System.Globalization.CultureInfo.InvariantCulture);
                migrationBuilder.InsertData("calendar_days", ["Date", "Kind", "Name", "NoticeYear"], [date, kind, f[2], noticeYear]);
                years.Add(noticeYear);
            }
            foreach (var year in years)
                migrationBuilder.InsertData("calendar_years", ["Year", "IsPublished", "Source"],
                    [year, true, $"国务院办公厅关于{year}年部分节假日安排的通知"]);
        }
    }
}
