using GovDataPortal.Features.DataChecks;
using GovDataPortal.Features.Demo;
using GovDataPortal.Features.Policies;
using GovDataPortal.Infrastructure;
using GovDataPortal.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace GovDataPortal.Tests.Features.DataChecks;

/// <summary>The submitter is never the approver, even after moving into the provider's department (the engine guards).</summary>
public class DataCheckSelfAnswerTests(DataCheckFixture portal) : IClassFixture<DataCheckFixture>
{
    [Fact]
    public async Task Someone_who_raised_a_check_cannot_answer_it_after_moving_to_the_provider_department()
    {
        var id = await portal.RaiseAsync("chenjing", DemoAccounts.Police);
        var police = await portal.DepartmentIdAsync(DemoAccounts.Police);
        await using (var db = await portal.DbAsync())
            await db.Users.Where(u => u.UserName == "chenjing").ExecuteUpdateAsync(u => u.SetProperty(x => x.DepartmentId, police));
        Assert.False((await portal.DetailAsync("chenjing", id)).OpenTask!.CanAnswer);

        var error = await Assert.ThrowsAsync<DomainException>(() => portal.AnswerAsync("chenjing", id));

        Assert.Equal("不能审批本人提交的事项。", error.Message);
        Assert.Equal(DataCheckStatus.Submitted, (await portal.RequestAsync(id)).Status);
    }
}

/// <summary>A custom profile without a data-check flow: raising is refused clearly and nothing is saved.</summary>
public class DataCheckWithoutFlowFixture : DataCheckFixture
{
    protected override void ConfigureServices(IServiceCollection services)
    {
        services.PostConfigure<PolicyProfileSet>(set =>
        {
            var i = set.Profiles.FindIndex(p => p.Jurisdiction == GovDataPortal.Features.Policies.Jurisdiction.Shuangpai);
            set.Profiles[i] = set.Profiles[i] with { Flows = [.. set.Profiles[i].Flows.Where(f => f.Key != FlowKeys.DataCheck)] };
        });
    }
}

public class DataCheckWithoutFlowTests(DataCheckWithoutFlowFixture portal) : IClassFixture<DataCheckWithoutFlowFixture>
{
    [Fact]
    public async Task Raising_is_refused_in_chinese_when_the_active_regulation_has_no_data_check_flow()
    {
        var before = await portal.CountsAsync();

        var error = await Assert.ThrowsAsync<DomainException>(() => portal.RaiseAsync());

        Assert.Contains("《双牌县政务大数据管理办法》未规定该流程", error.Message);
        Assert.Equal(before, await portal.CountsAsync());
    }
}

/// <summary>
/// No profile ends a data check on a timer today; a custom one that did (deemed approval) must not break the sweep nor
/// invent an answer: the check stays 待校核 and the history shows why the flow ended.
/// </summary>
public class DataCheckDeemedFixture : DataCheckFixture
{
    protected override void ConfigureServices(IServiceCollection services) =>
        services.PostConfigure<PolicyProfileSet>(set =>
        {
            var i = set.Profiles.FindIndex(p => p.Jurisdiction == GovDataPortal.Features.Policies.Jurisdiction.Shuangpai);
            var flows = set.Profiles[i].Flows.Select(f => f.Key != FlowKeys.DataCheck ? f
                : f with { Steps = [f.Steps[0] with { OnTimeout = TimeoutAction.DeemedApproval }] });
            set.Profiles[i] = set.Profiles[i] with { Flows = [.. flows] };
        });
}

public class DataCheckDeemedTests(DataCheckDeemedFixture portal) : IClassFixture<DataCheckDeemedFixture>
{
    [Fact]
    public async Task A_flow_ended_by_the_timer_sweep_leaves_the_check_unanswered_and_the_sweep_succeeds()
    {
        var id = await portal.RaiseAsync();
        portal.Clock.Set(DataCheckFixture.Beijing(2026, 11, 30)); // after the 11-27 deadline

        await using (var scope = portal.AnonymousScope())
            await scope.Get<GovDataPortal.Features.Workflow.WorkflowEngine>().SweepAsync("test");

        var request = await portal.RequestAsync(id);
        Assert.Equal((DataCheckStatus.Submitted, null), (request.Status, request.Answer));
        await using var db = await portal.DbAsync();
        var instance = await db.FlowInstances.Include(i => i.Events).SingleAsync(i => i.Id == request.FlowInstanceId);
        Assert.Equal(GovDataPortal.Features.Workflow.FlowStatus.Completed, instance.Status);
        Assert.Contains(instance.Events, e => e.Action == GovDataPortal.Features.Workflow.FlowActions.DeemedApproval);
    }
}
