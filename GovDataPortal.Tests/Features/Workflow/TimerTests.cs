using GovDataPortal.Features.Workflow;
using GovDataPortal.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace GovDataPortal.Tests.Features.Workflow;

/// <summary>Durable timers moved through with the settable clock: each action happens exactly once.</summary>
public class TimerTests(WorkflowFixture flows) : IClassFixture<WorkflowFixture>
{
    private async Task<int> SweepAsync(IServiceProvider? host = null, string node = "node-a")
    {
        await using var scope = (host ?? flows.Services).CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<WorkflowEngine>().SweepAsync(node);
    }

    private async Task<int> EventsAsync(long instanceId, string action)
    {
        await using var db = await flows.DbAsync();
        return await db.FlowEvents.CountAsync(e => e.InstanceId == instanceId && e.Action == action);
    }

    [Fact]
    public async Task Reminders_fire_before_and_on_the_due_day_then_daily_while_overdue_each_once()
    {
        flows.Clock.Set(WorkflowFixture.Beijing(2026, 11, 20)); // Friday; 3 working days → due Wed 11-25
        var id = await flows.StartAsync(WorkflowFixture.TwoStep);
        await SweepAsync();

        flows.Clock.Set(WorkflowFixture.Beijing(2026, 11, 23, 9) .AddMinutes(1)); // 2 working days before: Mon 09:00
        await SweepAsync();
        await SweepAsync();
        Assert.Equal(1, await EventsAsync(id, FlowActions.Remind));

        flows.Clock.Set(WorkflowFixture.Beijing(2026, 11, 26, 10)); // the due day's reminder and the overdue one
        await SweepAsync();
        Assert.Equal(3, await EventsAsync(id, FlowActions.Remind));
        await using (var db = await flows.DbAsync())
        {
            var chenjing = await flows.UserIdAsync("chenjing");
            Assert.True(await db.Notifications.AnyAsync(n => n.UserId == chenjing && n.Title.StartsWith("已逾期")));
        }

        flows.Clock.Set(WorkflowFixture.Beijing(2026, 11, 27, 10)); // next working day: one daily overdue reminder
        await SweepAsync();
        await SweepAsync();
        Assert.Equal(4, await EventsAsync(id, FlowActions.Remind));
    }

    [Fact]
    public async Task An_overdue_escalating_step_is_reported_to_the_data_authority_once()
    {
        flows.Clock.Set(WorkflowFixture.Beijing(2026, 11, 20));
        var id = await flows.StartAsync(WorkflowFixture.Escalating); // 2 working days → due Tue 11-24
        flows.Clock.Set(WorkflowFixture.Beijing(2026, 11, 25, 10));
        await SweepAsync();
        flows.Clock.Set(WorkflowFixture.Beijing(2026, 11, 26, 10));
        await SweepAsync();

        Assert.Equal(1, await EventsAsync(id, FlowActions.Escalate));
        Assert.True((await flows.OpenTaskAsync(id)).Escalated);
        await using var db = await flows.DbAsync();
        var zhaomin = await flows.UserIdAsync("zhaomin"); // 政务服务中心 主管部门审核人
        Assert.Equal(1, await db.Notifications.CountAsync(n => n.UserId == zhaomin && n.Title.StartsWith("逾期督办")));
    }

    [Fact]
    public async Task An_unanswered_step_is_deemed_approved_exactly_once_after_its_deadline()
    {
        flows.Clock.Set(WorkflowFixture.Beijing(2026, 11, 20));
        var id = await flows.StartAsync(WorkflowFixture.Deemed);
        flows.Clock.Set(WorkflowFixture.Beijing(2026, 11, 24, 23).AddMinutes(59)); // still inside the deadline
        await SweepAsync();
        Assert.Equal(0, await EventsAsync(id, FlowActions.DeemedApproval));

        flows.Clock.Set(WorkflowFixture.Beijing(2026, 11, 25, 0).AddMinutes(1));
        await SweepAsync();
        await SweepAsync();
        var instance = await flows.InstanceAsync(id);
        Assert.Equal(FlowStatus.Completed, instance.Status);
        Assert.Equal(1, instance.Events.Count(e => e.Action == FlowActions.DeemedApproval));
        Assert.Contains("视为同意", instance.Events.Single(e => e.Action == FlowActions.DeemedApproval).RuleText);
        Assert.Equal("系统", instance.Events.Single(e => e.Action == FlowActions.DeemedApproval).ActorName);
    }

    [Fact]
    public async Task A_decided_task_leaves_its_timers_without_effect()
    {
        flows.Clock.Set(WorkflowFixture.Beijing(2026, 11, 20));
        var id = await flows.StartAsync(WorkflowFixture.Deemed);
        await flows.DecideAsAsync("chenjing", await flows.OpenTaskAsync(id), FlowActions.Reject, "不符合共享条件");
        flows.Clock.Set(WorkflowFixture.Beijing(2026, 12, 1));
        await SweepAsync();
        var instance = await flows.InstanceAsync(id);
        Assert.Equal(FlowStatus.Rejected, instance.Status);
        Assert.DoesNotContain(instance.Events, e => e.Action is FlowActions.DeemedApproval or FlowActions.Remind);
    }
}
