using GovDataPortal.Features.Demo;
using GovDataPortal.Features.Policies;
using GovDataPortal.Features.Workflow;
using GovDataPortal.Infrastructure;
using GovDataPortal.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace GovDataPortal.Tests.Features.Workflow;

public class WorkflowEngineTests(WorkflowFixture flows) : IClassFixture<WorkflowFixture>
{
    [Fact]
    public async Task A_two_step_flow_runs_provider_then_authority_and_completes()
    {
        flows.Clock.Set(WorkflowFixture.Beijing(2026, 11, 20)); // Friday
        var id = await flows.StartAsync(WorkflowFixture.TwoStep);

        var review = await flows.OpenTaskAsync(id);
        Assert.Equal(await flows.DepartmentIdAsync(DemoAccounts.Market), review.AssigneeDepartmentId);
        Assert.Equal(new DateOnly(2026, 11, 25), review.DueDate); // Mon, Tue, Wed: the receipt day is not counted
        Assert.Equal(new DateTimeOffset(2026, 11, 25, 23, 59, 59, TimeSpan.FromHours(8)), review.DueAt);
        Assert.Contains("第二十四条：3个工作日", review.RuleText);
        await using (var notes = await flows.DbAsync())
        {
            var chenjing = await flows.UserIdAsync("chenjing");
            var assigned = await notes.Notifications.AsNoTracking().SingleAsync(n => n.UserId == chenjing && n.TaskId == review.Id);
            Assert.Equal($"inbox/{review.Id}", assigned.Href); // the task's id, known only after the save, reached the message
        }

        await flows.DecideAsAsync("chenjing", review, FlowActions.Approve, "同意共享");
        var authority = await flows.OpenTaskAsync(id);
        Assert.Equal(await flows.DepartmentIdAsync(DemoAccounts.Centre), authority.AssigneeDepartmentId);
        await flows.DecideAsAsync("zhaomin", authority, FlowActions.Approve);

        var instance = await flows.InstanceAsync(id);
        Assert.Equal(FlowStatus.Completed, instance.Status);
        Assert.Equal([FlowActions.Submit, FlowActions.Approve, FlowActions.Approve], instance.Events.OrderBy(e => e.Id).Select(e => e.Action));
        Assert.Equal("同意共享", instance.Events.OrderBy(e => e.Id).ElementAt(1).Comment);
        await using var db = await flows.DbAsync();
        var zhangwei = await flows.UserIdAsync("zhangwei");
        Assert.True(await db.Notifications.AnyAsync(n => n.UserId == zhangwei && n.Title.Contains("已办结")));
        Assert.True(await db.AuditRecords.AnyAsync(a => a.EntityType == "FlowEvent" && a.Summary.Contains("同意共享")));
    }

    [Fact]
    public async Task A_rejection_needs_a_reason_and_nothing_changes_without_one()
    {
        var id = await flows.StartAsync(WorkflowFixture.TwoStep);
        var review = await flows.OpenTaskAsync(id);

        var error = await Assert.ThrowsAsync<DomainException>(() => flows.DecideAsAsync("chenjing", review, FlowActions.Reject, "  "));
        Assert.Equal("驳回必须填写理由。", error.Message);
        Assert.Equal(FlowTaskStatus.Open, (await flows.OpenTaskAsync(id)).Status);

        await flows.DecideAsAsync("chenjing", review, FlowActions.Reject, "数据项超出履职所需范围");
        var instance = await flows.InstanceAsync(id);
        Assert.Equal(FlowStatus.Rejected, instance.Status);
        Assert.Equal("数据项超出履职所需范围", instance.Events.Single(e => e.Action == FlowActions.Reject).Comment);
    }

    [Fact]
    public async Task The_decision_that_ends_a_flow_leaves_its_task_done_not_cancelled()
    {
        var id = await flows.StartAsync(WorkflowFixture.TwoStep);
        var review = await flows.OpenTaskAsync(id);
        await flows.DecideAsAsync("chenjing", review, FlowActions.Reject, "不符合条件");
        var task = (await flows.InstanceAsync(id)).Tasks.Single(t => t.Id == review.Id);
        Assert.Equal((FlowTaskStatus.Done, FlowActions.Reject), (task.Status, task.Decision));
    }

    [Fact]
    public async Task A_returned_subject_is_resubmitted_by_its_submitter_and_the_step_starts_again()
    {
        flows.Clock.Set(WorkflowFixture.Beijing(2026, 11, 20));
        var id = await flows.StartAsync(WorkflowFixture.TwoStep);
        Assert.Equal((await flows.OpenTaskAsync(id)).DueAt, await flows.NoticedDueAsync(id)); // the subject was told the first deadline
        await flows.DecideAsAsync("chenjing", await flows.OpenTaskAsync(id), FlowActions.Return, "请补充使用场景");

        Assert.Null(await flows.NoticedDueAsync(id)); // a revision has no deadline
        var revision = await flows.OpenTaskAsync(id);
        Assert.Equal(FlowTaskKind.Revision, revision.Kind);
        Assert.Equal(await flows.UserIdAsync("zhangwei"), revision.AssigneeUserId);
        Assert.Null(revision.DueDate);

        flows.Clock.Set(WorkflowFixture.Beijing(2026, 11, 24)); // Tuesday
        await flows.DecideAsAsync("zhangwei", revision, FlowActions.Resubmit, "已补充");
        var again = await flows.OpenTaskAsync(id);
        Assert.Equal("review", again.StepKey);
        Assert.Equal(new DateOnly(2026, 11, 27), again.DueDate); // counted afresh from the resubmission
        Assert.Equal(again.DueAt, await flows.NoticedDueAsync(id));
    }

    [Fact]
    public async Task The_submitter_can_never_approve_their_own_subject()
    {
        // lina is 公安局's approver; she submits something to her own department.
        var id = await flows.StartAsync(WorkflowFixture.TwoStep, submitter: "lina", provider: DemoAccounts.Police);
        var error = await Assert.ThrowsAsync<DomainException>(async () =>
 await flows.DecideAsAsync("lina", await flows.OpenTaskAsync(id), FlowActions.Approve));
        Assert.Equal("不能审批本人提交的事项。", error.Message);
    }

    [Fact]
    public async Task Only_the_assigned_department_and_role_may_act()
    {
        var id = await flows.StartAsync(WorkflowFixture.TwoStep);
        var review = await flows.OpenTaskAsync(id);
        await Assert.ThrowsAsync<AccessDeniedException>(() => flows.DecideAsAsync("lina", review, FlowActions.Approve));    // other department
        await Assert.ThrowsAsync<AccessDeniedException>(() => flows.DecideAsAsync("liuyang", review, FlowActions.Approve)); // right department, wrong role
    }

    [Fact]
    public async Task An_action_the_step_does_not_allow_is_refused()
    {
        var id = await flows.StartAsync(WorkflowFixture.TwoStep);
        var error = await Assert.ThrowsAsync<DomainException>(async () =>
            await flows.DecideAsAsync("chenjing", await flows.OpenTaskAsync(id), FlowActions.RequestExtension, "需要时间", 3));
        Assert.Equal("该环节不允许此操作。", error.Message);
    }

    [Fact]
    public async Task Forwarding_hands_the_step_to_another_department()
    {
        var id = await flows.StartAsync(WorkflowFixture.TwoStep);
        var hr = await flows.DepartmentIdAsync(DemoAccounts.HumanResources);
        await flows.DecideAsAsync("chenjing", await flows.OpenTaskAsync(id), FlowActions.Forward, "属人社局数据", forwardTo: hr);
        var forwarded = await flows.OpenTaskAsync(id);
        Assert.Equal(("review", hr), (forwarded.StepKey, forwarded.AssigneeDepartmentId));
    }

    [Fact]
    public async Task A_decision_on_a_task_already_decided_says_someone_else_handled_it()
    {
        var id = await flows.StartAsync(WorkflowFixture.TwoStep);
        var review = await flows.OpenTaskAsync(id);
        await flows.DecideAsAsync("chenjing", review, FlowActions.Approve);
        var error = await Assert.ThrowsAsync<ConflictException>(() => flows.DecideAsAsync("chenjing", review, FlowActions.Reject, "迟到的驳回"));
        Assert.Equal("该任务已由他人处理", error.Message);
    }

    [Fact]
    public async Task A_flow_the_active_profile_does_not_define_is_refused_in_Chinese()
    {
        var error = await Assert.ThrowsAsync<DomainException>(() => flows.StartAsync(FlowKeys.UncataloguedDataRequest));
        Assert.Contains("未规定该流程", error.Message);
    }
}
