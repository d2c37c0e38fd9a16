using GovDataPortal.Features.Home;
using GovDataPortal.Features.Identity;
using GovDataPortal.Features.Inbox;
using GovDataPortal.Features.Workflow;
using GovDataPortal.Tests.Features.Workflow;
using GovDataPortal.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace GovDataPortal.Tests.Features.Home;

/// <summary>What the 工作台 reads: my deadlines by urgency, what my department waits on, supervision per department.</summary>
public class WorkbenchTests(WorkflowFixture flows) : IClassFixture<WorkflowFixture>
{
    [Theory]
    [InlineData(PortalRoles.DataSpecialist, "data-checks/new", "admin/users")]
    [InlineData(PortalRoles.SystemAdmin, "admin/jobs", "data-checks/new")]
    [InlineData(PortalRoles.Auditor, "audit", "admin/roles")]
    [InlineData(PortalRoles.SecurityAdmin, "admin/roles", "audit")]
    public void Quick_actions_offer_only_what_the_role_may_open(string role, string offered, string withheld)
    {
        var hrefs = HomeActions.For([role]).Select(a => a.Href).ToList();
        Assert.Contains(offered, hrefs);
        Assert.DoesNotContain(withheld, hrefs);
        Assert.Equal(hrefs.Distinct().Count(), hrefs.Count);
    }

    [Fact]
    public async Task My_deadline_summary_moves_a_task_from_soon_to_due_today_to_overdue()
    {
        // Counts are exact, so this test owns a database: chenjing's tasks are only the one it starts.
        var own = new WorkflowFixture();
        await own.InitializeAsync();
        try
        {
            own.Clock.Set(WorkflowFixture.Beijing(2026, 11, 23)); // Monday; the test flow gives 2 working days
            await own.StartAsync(WorkflowFixture.Deemed);
            await ClearOtherTasksOfAsync(own, "chenjing");

            Assert.Equal(new DeadlineSummary(Open: 1, Overdue: 0, DueToday: 0, DueSoon: 1), await SummaryAsync(own, "chenjing"));
            own.Clock.Set(WorkflowFixture.Beijing(2026, 11, 25, 15)); // Wednesday: the due day
            Assert.Equal(new DeadlineSummary(1, 0, 1, 0), await SummaryAsync(own, "chenjing"));
            own.Clock.Set(WorkflowFixture.Beijing(2026, 11, 26)); // Thursday: a day late
            Assert.Equal(new DeadlineSummary(1, 1, 0, 0), await SummaryAsync(own, "chenjing"));
            Assert.Equal(new DeadlineSummary(0, 0, 0, 0), await SummaryAsync(own, "zhangwei")); // not his to do
        }
        finally
        {
            await own.DisposeAsync();
        }
    }

    private static async Task<DeadlineSummary> SummaryAsync(PortalFixture portal, string userName)
    {
        await using var scope = await portal.ScopeAsAsync(userName);
        return await scope.Get<InboxService>().MyDeadlineSummaryAsync();
    }

    /// <summary>The demo data may hold open tasks of its own for this user; closes every one but the newest.</summary>
    private static async Task ClearOtherTasksOfAsync(PortalFixture portal, string userName)
    {
        await using var db = await portal.DbAsync();
        var department = await db.Users.Where(u => u.UserName == userName).Select(u => u.DepartmentId).SingleAsync();
        var newest = await db.FlowTasks.Where(t => t.AssigneeDepartmentId == department).MaxAsync(t => t.Id);
        await db.FlowTasks.Where(t => t.AssigneeDepartmentId == department && t.Id != newest && t.Status == FlowTaskStatus.Open)
            .ExecuteUpdateAsync(u => u.SetProperty(t => t.Status, FlowTaskStatus.Cancelled));
    }

    [Fact]
    public async Task The_data_authority_sees_every_department_of_its_region_and_a_department_only_itself()
    {
        await using var authority = await flows.ScopeAsAsync("zhaomin");
        var region = await authority.Get<InboxService>().DepartmentLoadAsync(wholeRegion: true);
        await using var leader = await flows.ScopeAsAsync("wangqiang");
        var own = await leader.Get<InboxService>().DepartmentLoadAsync(wholeRegion: false);

        Assert.Contains(region, d => d.DepartmentName == "双牌县公安局");
        Assert.Contains(region, d => d.DepartmentName == "双牌县市场监督管理局");
        Assert.Equal("双牌县公安局", Assert.Single(own).DepartmentName);
        Assert.All(region, d => Assert.InRange(d.Overdue, 0, d.Open));
    }

    [Fact]
    public async Task What_my_department_raised_lists_flows_waiting_on_another_department()
    {
        flows.Clock.Set(WorkflowFixture.Beijing(2026, 11, 20));
        var instance = await flows.StartAsync(WorkflowFixture.Deemed, submitter: "zhangwei");
        await using var scope = await flows.ScopeAsAsync("zhangwei");
        var waiting = await scope.Get<InboxService>().RaisedByMyDepartmentAsync(take: 200);
        var row = Assert.Single(waiting, w => w.InstanceId == instance);
        Assert.Equal("双牌县市场监督管理局", row.WaitingOn);
    }
}
