using GovDataPortal.Features.DataChecks;
using GovDataPortal.Features.Inbox;
using GovDataPortal.Features.Workflow;
using GovDataPortal.Infrastructure;
using GovDataPortal.Tests.Support;
using Microsoft.EntityFrameworkCore;
using static GovDataPortal.Tests.Features.Inbox.InboxArrange;

namespace GovDataPortal.Tests.Features.Inbox;

/// <summary>
/// A real data check in the inbox (user report: "the inbox and task page offer 同意 on a data-check task, and it always
/// fails; 已办 and the history record every answer as 同意, even 经核实无误"). The check's answer is given on its own page
/// with a result and an explanation (shuangpai Art. 27 ¶4); the inbox offers only what succeeds and links that page,
/// and 已办 and the history name the real result.
/// </summary>
public class DataCheckTaskTests(PortalFixture portal) : IClassFixture<PortalFixture>
{
    private Task<TaskDetail?> DetailAsync(string userName, long taskId) => portal.AsAsync(userName, s => s.GetTaskAsync(taskId));

    private async Task<(long CheckId, long Instance, FlowTask Task)> RaisedAsync(string resource)
    {
        portal.Clock.Set(Beijing(2026, 11, 20));
        var (checkId, instance) = await portal.RaiseDataCheckAsync(resource);
        return (checkId, instance, await portal.OpenTaskAsync(instance));
    }

    [Fact]
    public async Task The_inbox_offers_only_actions_that_succeed_on_a_data_check_and_links_its_page_for_the_answer()
    {
        var (checkId, instance, task) = await RaisedAsync("常住人口基本信息（可办操作）");

        var detail = await DetailAsync("lina", task.Id);

        Assert.Equal([FlowActions.Return, FlowActions.RequestExtension], detail!.Actions.Select(a => a.Action));
        Assert.Equal(new AnswerElsewhere($"data-checks/{checkId}", "前往数据校核页面答复"), detail.AnswerElsewhere);
        Assert.True(detail.CanAct);

        // Each offered action, taken as the panel sends it, succeeds (on a check of its own).
        foreach (var option in detail.Actions)
        {
            var (_, other, otherTask) = await RaisedAsync($"逐项办理：{option.Label}");
            await portal.DecideAsAsync("lina", otherTask, option.Action, "请补充疑义数据项的记录标识", option.NeedsDays ? 3 : null);
            await using var db = await portal.DbAsync();
            Assert.True(await db.FlowEvents.AnyAsync(e => e.InstanceId == other && e.Action == option.Action), option.Label);
        }

        // What is no longer offered is what failed: 同意 is refused with the way to the check's page, and nothing changes.
        var refused = await Assert.ThrowsAsync<DomainException>(() => portal.DecideAsAsync("lina", task, FlowActions.Approve, "同意"));
        Assert.Contains($"data-checks/{checkId}", refused.Message);
        Assert.Equal(FlowTaskStatus.Open, (await portal.OpenTaskAsync(instance)).Status);
        await using (var db = await portal.DbAsync())
            Assert.Equal(DataCheckStatus.Submitted, (await db.DataCheckRequests.AsNoTracking().SingleAsync(r => r.Id == checkId)).Status);
    }

    [Fact]
    public async Task An_answer_action_sent_to_the_inbox_without_answering_the_check_is_refused()
    {
        var (checkId, instance, task) = await RaisedAsync("常住人口基本信息（绕过答复）");

        var refused = await Assert.ThrowsAsync<DomainException>(() =>
            portal.DecideAsAsync("lina", task, FlowActions.VerifiedNoError, "经核实无误"));

        Assert.Contains($"data-checks/{checkId}", refused.Message);
        Assert.Equal(FlowTaskStatus.Open, (await portal.OpenTaskAsync(instance)).Status);
    }

    [Fact]
    public async Task Nobody_else_is_sent_to_the_check_page_to_answer()
    {
        var (_, _, task) = await RaisedAsync("常住人口基本信息（旁观）");
        foreach (var userName in new[] { "liuyang", "zhangwei", "zhaomin" }) // submitter, wrong role, the authority
        {
            var detail = await DetailAsync(userName, task.Id);
            Assert.Empty(detail!.Actions);
            Assert.Null(detail.AnswerElsewhere);
            Assert.False(detail.CanAct);
        }
    }

    [Theory]
    [InlineData(DataCheckAnswer.NoError, FlowActions.VerifiedNoError, "经核实无误")]
    [InlineData(DataCheckAnswer.ConfirmedAndCorrected, FlowActions.VerifiedCorrected, "确认有误，已更正")]
    public async Task Done_and_the_history_show_the_checks_real_answer_not_a_bare_approval(DataCheckAnswer answer, string action, string name)
    {
        var (checkId, instance, task) = await RaisedAsync($"常住人口基本信息（{name}）");

        await using (var scope = await portal.ScopeAsAsync("lina"))
            await scope.Get<DataCheckService>().AnswerAsync(checkId, task.Id, task.Version, answer, "已与户籍系统核对。");

        var done = Assert.Single((await portal.AsAsync("lina", s => s.MyDoneTasksAsync(0, InboxQuery.MaxTake))).Items,
            r => r.InstanceId == instance);
        Assert.Equal((action, name), (done.Decision, done.DecisionName));
        var detail = await DetailAsync("lina", task.Id);
        Assert.Equal(("已办理", name), (detail!.StatusName, detail.DecisionName));
        var history = await portal.AsAsync("liuyang", s => s.GetHistoryAsync(instance)); // the requester reads it too
        Assert.Equal(["提交", name], history!.Events.Select(e => e.ActionName));
        Assert.DoesNotContain("同意", history.Events.Select(e => e.ActionName));
        Assert.Equal("已办结", history.StatusName);
    }

    [Fact]
    public async Task Answers_recorded_as_a_bare_approval_before_the_fix_are_renamed_by_the_data_migration()
    {
        var (checkId, instance, task) = await RaisedAsync("常住人口基本信息（旧记录）");
        await using (var scope = await portal.ScopeAsAsync("lina"))
            await scope.Get<DataCheckService>().AnswerAsync(checkId, task.Id, task.Version, DataCheckAnswer.ConfirmedAndCorrected, "已更正住所。");
        var plain = await portal.RaiseToPoliceAsync("旧记录：普通事项"); // not a data check: its 同意 stays 同意
        await portal.DecideAsAsync("lina", await portal.OpenTaskAsync(plain), FlowActions.Approve, "确认有误，已更正：另一流程的意见");
        await using var db = await portal.DbAsync();
        // As the portal recorded answers before: a bare Approve.
        await db.FlowEvents.Where(e => e.InstanceId == instance && e.Action == FlowActions.VerifiedCorrected)
            .ExecuteUpdateAsync(u => u.SetProperty(e => e.Action, FlowActions.Approve));
        await db.FlowTasks.Where(t => t.Id == task.Id).ExecuteUpdateAsync(u => u.SetProperty(t => t.Decision, FlowActions.Approve));
        Assert.Equal("同意", (await DetailAsync("lina", task.Id))!.DecisionName);

        await db.Database.ExecuteSqlRawAsync(GovDataPortal.Migrations.DataCheckAnswerDecisions.RenameAnswers);

        Assert.Equal("确认有误，已更正", (await DetailAsync("lina", task.Id))!.DecisionName);
        Assert.Equal(["提交", "确认有误，已更正"], (await portal.AsAsync("liuyang", s => s.GetHistoryAsync(instance)))!.Events.Select(e => e.ActionName));
        Assert.Equal(["提交", "同意"], (await portal.AsAsync("liuyang", s => s.GetHistoryAsync(plain)))!.Events.Select(e => e.ActionName));
    }
}
