using GovDataPortal.Features.Demo;
using GovDataPortal.Features.Identity;
using GovDataPortal.Features.Organisation;
using GovDataPortal.Features.Policies;
using GovDataPortal.Features.Workflow;
using GovDataPortal.Infrastructure;
using GovDataPortal.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace GovDataPortal.Tests.Features.Walks;

/// <summary>Regressions from the engine review: a timer that cannot act, two 会签 actors at once, a consent outliving its task.</summary>
public class FlowRobustnessTests(HubeiWalkFixture portal) : FlowWalkTests<HubeiWalkFixture>(portal), IClassFixture<HubeiWalkFixture>
{
    [Fact]
    public async Task A_timer_that_cannot_act_waits_an_hour_and_tells_the_administrators_while_the_other_timers_still_fire()
    {
        // A provider with no data authority above it: its overdue data check cannot be escalated (hubei Art. 13).
        int lonely;
        await using (var db = await Portal.DbAsync())
        {
            var region = db.Regions.Add(new Region { Code = "460000", Name = "海南省", Level = RegionLevel.Province }).Entity;
            await db.SaveChangesAsync();
            var department = db.Departments.Add(new Department { Name = "海南测试厅", CreditCode = UnifiedSocialCreditCode.Complete("11460000MB0000004"),
                RegionId = region.Id, Kind = DepartmentKind.GovernmentDepartment, CreatedAt = Portal.Clock.GetUtcNow() }).Entity;
            await db.SaveChangesAsync();
            lonely = department.Id;
        }
        await Portal.AddRoleHolderAsync(lonely, PortalRoles.DepartmentApprover);
        var flow = Portal.Profile.Flow(FlowKeys.DataCheck)!;
        Portal.Clock.Set(FlowWalkFixture.WalkStart);
        var stuck = await StartCheckAsync(lonely);
        var fine = await StartAsync(flow); // provided by 市场监督管理局, whose authority is the centre
        var fineTask = (await fine.OpenStepTasksAsync()).Single();
        Portal.Clock.Set(fineTask.DueAt!.Value.AddMinutes(1));

        await fine.SweepAsync();

        Assert.True((await fine.TaskAsync(fineTask.Id)).Escalated);
        await using var check = await Portal.DbAsync();
        var stuckTask = await check.FlowTasks.SingleAsync(t => t.InstanceId == stuck && t.Status == FlowTaskStatus.Open);
        Assert.False(stuckTask.Escalated);
        var overdue = await check.FlowTimers.SingleAsync(t => t.TaskId == stuckTask.Id && t.Kind == FlowTimerKind.Overdue);
        Assert.Null(overdue.FiredAt);
        Assert.Equal(Portal.Clock.GetUtcNow().AddHours(1), overdue.DueAt);
        var admin = await check.Users.Where(u => u.UserName == "admin").Select(u => u.Id).SingleAsync();
        Assert.Contains(await check.Notifications.Where(n => n.UserId == admin).Select(n => n.Title).ToListAsync(), t => t.StartsWith("流程计时无法执行", StringComparison.Ordinal));
    }

    private async Task<long> StartCheckAsync(int provider)
    {
        await using var scope = await Portal.ScopeAsAsync("zhangwei");
        await using var db = await scope.Get<IDbContextFactory<PortalDbContext>>().CreateDbContextAsync();
        var requester = await db.Users.Where(u => u.UserName == "zhangwei").Select(u => u.DepartmentId).SingleAsync();
        var instance = await scope.Get<WorkflowEngine>().StartAsync(db,
            new StartFlow(FlowKeys.DataCheck, FlowWalkFixture.Subject, Guid.NewGuid().ToString("N")[..12], "无主管部门的校核", provider, requester), default);
        await db.SaveChangesAsync();
        return instance.Id;
    }
}

public class ConsensusAndExtensionTests(ShuangpaiWalkFixture portal) : FlowWalkTests<ShuangpaiWalkFixture>(portal), IClassFixture<ShuangpaiWalkFixture>
{
    [Fact]
    public async Task Two_opinions_given_at_the_same_moment_never_leave_the_share_request_stuck()
    {
        var walk = await StartAsync(Portal.Profile.Flow(FlowKeys.ConditionalShare)!);
        var opinions = await walk.OpenStepTasksAsync();

        var outcomes = await Simultaneously.RunAsync(opinions.Count, i => Task.FromResult<Func<Task<Exception?>>>(() =>
            Simultaneously.Outcome(() => walk.ActAsync(opinions[i], FlowActions.Approve))));
        // The one that lost the race is told and decides again on the task it still holds.
        foreach (var (task, error) in opinions.Zip(outcomes).Where(x => x.Second is not null))
        {
            Assert.IsType<ConflictException>(error);
            await walk.ActAsync(await walk.TaskAsync(task.Id), FlowActions.Approve);
        }

        Assert.Equal("decision", (await walk.InstanceAsync()).CurrentStepKey);
    }

    [Fact]
    public async Task A_returned_check_withdraws_its_waiting_extension_request_so_the_next_round_may_ask_again()
    {
        var walk = await StartAsync(Portal.Profile.Flow(FlowKeys.DataCheck)!);
        var check = (await walk.OpenStepTasksAsync()).Single();
        await walk.ActAsync(check, FlowActions.RequestExtension, "需要调取档案", days: 3);
        var consent = Assert.Single(await walk.OpenTasksAsync(), t => t.Kind == FlowTaskKind.ExtensionConsent);

        await walk.ActAsync(await walk.TaskAsync(check.Id), FlowActions.Return, "请写明记录编号");

        Assert.Equal(FlowTaskStatus.Cancelled, (await walk.TaskAsync(consent.Id)).Status);
        var revision = Assert.Single(await walk.OpenTasksAsync());
        await walk.ActAsync(revision, FlowActions.Resubmit, "编号已补充");
        var again = (await walk.OpenStepTasksAsync()).Single();
        await walk.ActAsync(again, FlowActions.RequestExtension, "仍需调取档案", days: 2);
        Assert.Single(await walk.OpenTasksAsync(), t => t.Kind == FlowTaskKind.ExtensionConsent);
    }
}
