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
    public async Task My_deadline_summary_counts_overdue_due_today_and_soon_tasks()
    {
        flows.Clock.Set(WorkflowFixture.Beijing(2026, 11, 20));
        await flows.StartAsync(WorkflowFixture.Deemed); // a task for the market regulator's approver

        await using var before = await flows.ScopeAsAsync("chenjing");
        var start = await before.Get<InboxService>().MyDeadlineSummaryAsync();

        await using (var db = await flows.DbAsync())
        {
            var due = await db.FlowTasks.Where(t => t.Status == FlowTaskStatus.Open && t.DueDate != null)
                .OrderByDescending(t => t.Id).Select(t => t.DueDate).FirstAsync();
            flows.Clock.Set(WorkflowFixture.Beijing(due!.Value.Year, due.Value.Month, due.Value.Day, 10));
        }
        await using var onDueDay = await flows.ScopeAsAsync("chenjing");
        var today = await onDueDay.Get<InboxService>().MyDeadlineSummaryAsync();

        Assert.True(start.Open >= 1);
        Assert.Equal(start.Open, today.Open);
        Assert.True(today.DueToday >= 1, $"due today: {today.DueToday}");
        Assert.True(today.Overdue + today.DueToday + today.DueSoon <= today.Open);
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
