using GovDataPortal.Features.Demo;
using GovDataPortal.Features.Inbox;
using GovDataPortal.Features.Policies;
using GovDataPortal.Features.Workflow;
using GovDataPortal.Infrastructure;
using GovDataPortal.Tests.Support;
using Microsoft.Extensions.DependencyInjection;
using static GovDataPortal.Tests.Features.Inbox.InboxArrange;

namespace GovDataPortal.Tests.Features.Inbox;

/// <summary>A task's detail: who may read it, what each person may do with it, its history; decisions and lost races.</summary>
public class TaskDetailTests(PortalFixture portal) : IClassFixture<PortalFixture>
{
    private async Task<(long Instance, FlowTask Task)> RaisedAsync(string title)
    {
        portal.Clock.Set(Beijing(2026, 11, 20));
        var id = await portal.RaiseToPoliceAsync(title);
        return (id, await portal.OpenTaskAsync(id));
    }

    private Task<TaskDetail?> DetailAsync(string userName, long taskId) => portal.AsAsync(userName, s => s.GetTaskAsync(taskId));

    private static string[] Labels(TaskDetail? d) => [.. d!.Actions.Select(a => a.Label)];

    [Theory]
    [InlineData("lina")]     // the assignee
    [InlineData("liuyang")]  // the submitter, requester department 市场监督管理局
    [InlineData("chenjing")] // requester department, another role
    [InlineData("zhangwei")] // provider department 公安局, not an assignee
    [InlineData("zhaomin")]  // 主管部门审核人 of the county's data authority
    public async Task The_flow_is_visible_to_assignees_both_departments_and_the_data_authority(string userName)
    {
        var (instance, task) = await RaisedAsync("可见性");
        var detail = await DetailAsync(userName, task.Id);
        Assert.Equal(instance, detail!.History.InstanceId);
        Assert.NotNull(await portal.AsAsync(userName, s => s.GetHistoryAsync(instance)));
    }

    [Theory]
    [InlineData("yangfan")] // 人力资源和社会保障局: neither side of the flow
    [InlineData("zhoutao")] // 政务服务中心 领导: the authority's department, but not its reviewer role
    public async Task An_unrelated_department_is_refused(string userName)
    {
        var (instance, task) = await RaisedAsync("不相关部门");
        var e = await Assert.ThrowsAsync<AccessDeniedException>(() => DetailAsync(userName, task.Id));
        Assert.Equal(InboxService.NotVisibleMessage, e.Message);
        await Assert.ThrowsAsync<AccessDeniedException>(() => portal.AsAsync(userName, s => s.GetHistoryAsync(instance)));
    }

    [Fact]
    public async Task A_missing_task_or_flow_is_null()
    {
        Assert.Null(await DetailAsync("lina", long.MaxValue));
        Assert.Null(await portal.AsAsync("lina", s => s.GetHistoryAsync(long.MaxValue)));
    }

    [Fact]
    public async Task The_assignee_gets_the_steps_actions_and_nobody_else_gets_any()
    {
        var (_, task) = await RaisedAsync("操作");
        // shuangpai Art. 27: the provider answers (同意), sends an unclear doubt back, or asks for more time.
        Assert.Equal(["同意", "退回修改", "申请延期"], Labels(await DetailAsync("lina", task.Id)));
        var extension = (await DetailAsync("lina", task.Id))!.Actions.Single(a => a.Action == FlowActions.RequestExtension);
        Assert.Equal((true, 15, true), (extension.NeedsDays, extension.MaxDays!.Value, extension.CommentRequired));
        Assert.Empty(Labels(await DetailAsync("liuyang", task.Id)));  // the submitter
        Assert.Empty(Labels(await DetailAsync("zhangwei", task.Id))); // right department, wrong role
        Assert.Empty(Labels(await DetailAsync("zhaomin", task.Id)));  // may read, not decide
    }

    [Fact]
    public async Task A_submitter_who_is_also_the_assignee_may_not_decide_their_own_subject()
    {
        portal.Clock.Set(Beijing(2026, 11, 20));
        var id = await portal.StartFlowAsync("lina", DemoAccounts.Police, "本人提交本部门审核");
        var task = await portal.OpenTaskAsync(id);
        var detail = await DetailAsync("lina", task.Id);
        Assert.True(detail!.IsOpen);
        Assert.Empty(detail.Actions);
    }

    [Fact]
    public async Task A_returned_subject_offers_only_resubmission_to_its_submitter()
    {
        var (id, task) = await RaisedAsync("退回");
        await portal.DecideAsAsync("lina", task, FlowActions.Return, "请说明疑义的数据项");
        var revision = await portal.OpenTaskAsync(id);
        Assert.Equal(FlowTaskKind.Revision, revision.Kind);
        Assert.Equal(["重新提交"], Labels(await DetailAsync("liuyang", revision.Id)));
        Assert.Empty(Labels(await DetailAsync("lina", revision.Id)));
        // The old task is done: nothing to do on it any more.
        var old = await DetailAsync("lina", task.Id);
        Assert.Equal(("已办理", "退回修改"), (old!.StatusName, old.DecisionName));
        Assert.Empty(old.Actions);
    }

    [Fact]
    public async Task An_extension_request_goes_to_the_leader_who_may_grant_or_refuse_it()
    {
        var (id, task) = await RaisedAsync("延期");
        await portal.DecideAsAsync("lina", task, FlowActions.RequestExtension, "需调取历史档案核实", days: 5);
        var consent = Assert.Single(await portal.OpenRowsAsync("wangqiang"), r => r.InstanceId == id); // 公安局 领导
        var detail = await DetailAsync("wangqiang", consent.TaskId);
        Assert.Equal(["同意延期", "不同意延期"], Labels(detail));
        Assert.Equal(5, detail!.RequestedDays);
        Assert.Equal([FlowActions.Approve, FlowActions.Reject], detail.Actions.Select(a => a.Action));
        // While the request waits, the assignee cannot ask again.
        Assert.Equal(["同意", "退回修改"], Labels(await DetailAsync("lina", task.Id)));

        await portal.AsAsync("wangqiang", async s =>
        {
            await s.DecideAsync(consent.TaskId, new DecisionRequest(consent.Version, FlowActions.Approve, "同意延期", null, null));
            return 0;
        });
        var extended = Assert.Single(await portal.OpenRowsAsync("lina"), r => r.InstanceId == id);
        Assert.Equal(new DateOnly(2026, 12, 4), extended.DueDate); // 27 Nov + 5 working days
        var again = (await DetailAsync("lina", task.Id))!.Actions.Single(a => a.Action == FlowActions.RequestExtension);
        Assert.Equal(10, again.MaxDays); // at most 15 in total
    }

    [Fact]
    public async Task The_history_tells_who_did_what_under_which_rule_in_Chinese()
    {
        var (id, task) = await RaisedAsync("流程记录");
        await portal.DecideAsAsync("lina", task, FlowActions.Approve, "经核实数据无误");
        var history = await portal.AsAsync("liuyang", s => s.GetHistoryAsync(id));
        Assert.Equal(("已办结", null), (history!.StatusName, history.CurrentStepName));
        Assert.Equal((DemoAccounts.Market, DemoAccounts.Police), (history.RequesterDepartment, history.ProviderDepartment));
        Assert.Equal(["提交", "同意"], history.Events.Select(e => e.ActionName));
        var approval = history.Events[1];
        Assert.Equal(("李娜", DemoAccounts.Police, "经核实数据无误"), (approval.ActorName, approval.DepartmentName, approval.Comment));
        Assert.Contains("第二十七条", approval.RuleText);
        Assert.Equal($"inbox/history/{id}", history.HistoryLink);
        Assert.Null(history.SubjectLink); // no feature registered "TestSubject"
    }

    [Fact]
    public async Task A_decision_without_its_mandatory_fields_is_refused_naming_the_field()
    {
        var (_, task) = await RaisedAsync("必填");
        var noVersion = await Assert.ThrowsAsync<ValidationFailedException>(() => portal.AsAsync("lina", async s =>
        {
            await s.DecideAsync(task.Id, new DecisionRequest(null, FlowActions.Approve, null, null, null));
            return 0;
        }));
        Assert.True(noVersion.Errors.ByField.ContainsKey(InboxFields.Version));
        var noReason = await Assert.ThrowsAsync<DomainException>(() => portal.DecideAsAsync("lina", task, FlowActions.Return, " "));
        Assert.Equal((InboxFields.Comment, "退回必须说明需要修改的内容。"), (noReason.Field, noReason.Message));
        var noDays = await Assert.ThrowsAsync<DomainException>(() => portal.DecideAsAsync("lina", task, FlowActions.RequestExtension, "理由"));
        Assert.Equal(InboxFields.ExtensionDays, noDays.Field);
        var forward = await Assert.ThrowsAsync<ValidationFailedException>(() => portal.DecideAsAsync("lina", task, FlowActions.Forward));
        Assert.True(forward.Errors.ByField.ContainsKey(InboxFields.Comment));
    }

    [Fact]
    public async Task The_second_of_two_decisions_on_the_same_version_loses_with_the_Chinese_message()
    {
        var (_, task) = await RaisedAsync("并发");
        await portal.DecideAsAsync("lina", task, FlowActions.Approve);
        var lost = await Assert.ThrowsAsync<ConflictException>(() => portal.DecideAsAsync("lina", task, FlowActions.Return, "晚了一步"));
        Assert.Equal(WorkflowEngine.TaskTakenMessage, lost.Message);
    }

    [Fact]
    public async Task A_decision_tells_the_scope_so_the_menu_badge_recounts()
    {
        var (_, task) = await RaisedAsync("徽标");
        await using var scope = await portal.ScopeAsAsync("lina");
        var inbox = scope.Get<InboxService>();
        var raised = 0;
        inbox.Changed += () => raised++;
        await inbox.DecideAsync(task.Id, new DecisionRequest(task.Version, FlowActions.Approve, null, null, null));
        Assert.Equal(1, raised);
    }

    [Fact]
    public void Subject_links_come_from_the_registrations_the_last_one_winning()
    {
        var services = new ServiceCollection().AddInbox(new Microsoft.Extensions.Configuration.ConfigurationBuilder().Build())
            .AddFlowSubjectLink("ShareRequest", id => $"shares/{id}")
            .AddFlowSubjectLink("ShareRequest", id => $"share-requests/{id}/view");
        using var provider = services.BuildServiceProvider();
        var links = provider.GetRequiredService<IFlowSubjectLinks>();
        Assert.Equal("share-requests/a%2Fb/view", links.For("ShareRequest", "a/b"));
        Assert.Null(links.For(SubjectType, "1"));
    }
}
