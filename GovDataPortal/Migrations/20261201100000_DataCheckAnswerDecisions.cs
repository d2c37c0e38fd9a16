using GovDataPortal.Infrastructure;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace GovDataPortal.Migrations
{
    /// <summary>
    /// Data only (no model change): data-check answers recorded before the answer had its own flow action were saved as
    /// a bare Approve, so 已办 and the history said 同意 even for 经核实无误. Their history line still begins with the
    /// answer's name ("经核实无误：…", "确认有误，已更正：…", written by DataCheckService.AnswerAsync); this renames those
    /// events and their tasks' decisions to VerifiedNoError / VerifiedCorrected. Nothing else ever approved a data check
    /// (the generic approval was always refused), so no other line matches.
    /// </summary>
    [DbContext(typeof(PortalDbContext))]
    [Migration("20261201100000_DataCheckAnswerDecisions")]
    public partial class DataCheckAnswerDecisions : Migration
    {
        public const string RenameAnswers = """
            UPDATE flow_events e
               SET "Action" = CASE WHEN e."Comment" LIKE '经核实无误：%' THEN 'VerifiedNoError' ELSE 'VerifiedCorrected' END
              FROM flow_instances i
             WHERE e."InstanceId" = i."Id" AND i."SubjectType" = 'DataCheckRequest' AND e."Action" = 'Approve'
               AND (e."Comment" LIKE '经核实无误：%' OR e."Comment" LIKE '确认有误，已更正：%');
            UPDATE flow_tasks t
               SET "Decision" = e."Action"
              FROM flow_events e
             WHERE e."TaskId" = t."Id" AND t."Decision" = 'Approve' AND e."Action" IN ('VerifiedNoError', 'VerifiedCorrected');
            """;

        public const string RestoreApprovals = """
            UPDATE flow_tasks SET "Decision" = 'Approve' WHERE "Decision" IN ('VerifiedNoError', 'VerifiedCorrected');
            UPDATE flow_events SET "Action" = 'Approve' WHERE "Action" IN ('VerifiedNoError', 'VerifiedCorrected');
            """;

        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder) => migrationBuilder.Sql(RenameAnswers);

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder) => migrationBuilder.Sql(RestoreApprovals);
    }
}
