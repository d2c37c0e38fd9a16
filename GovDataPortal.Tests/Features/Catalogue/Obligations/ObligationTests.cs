using GovDataPortal.Features.Catalogue;
using GovDataPortal.Features.Demo;
using GovDataPortal.Features.Identity;
using GovDataPortal.Features.Workflow;
using GovDataPortal.Infrastructure;
using GovDataPortal.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace GovDataPortal.Tests.Features.Catalogue;

/// <summary>
/// Update obligations after a law change under shuangpai (Art. 19 ¶2: 15 working days from the change date, then 备案
/// with the county centre): the deadline across a holiday, the publication that meets it, and the 无需变更 statement the
/// centre accepts or refuses.
/// </summary>
public class ObligationTests(PortalFixture portal) : IClassFixture<PortalFixture>
{
    private static RecordChangeInput Change(DateOnly date, params long[] entries) =>
        new(ChangeKind.LawRevision, date, "《户口登记条例》修订，户籍信息项调整。", entries);

    private async Task<long> RecordAsync(string userName, RecordChangeInput input)
    {
        await using var scope = await portal.ScopeAsAsync(userName);
        return await scope.Get<ObligationService>().RecordChangeAsync(input);
    }

    private async Task<CatalogueObligation> ObligationOfAsync(long changeId)
    {
        await using var db = await portal.DbAsync();
        return await db.CatalogueObligations.AsNoTracking().SingleAsync(o => o.ChangeId == changeId);
    }

    private async Task<ObligationDetail> DetailAsync(string userName, long id)
    {
        await using var scope = await portal.ScopeAsAsync(userName);
        return (await scope.Get<ObligationService>().GetAsync(id))!;
    }

    [Fact]
    public async Task Obligation_is_due_15_working_days_after_the_change_date_across_the_national_day_holiday()
    {
        var entry = await portal.PublishedAsync(DemoAccounts.Police, "居民户籍变动信息");
        // 2026-09-25 is a holiday (中秋节); counting the working days after it skips 1-7 October and counts Saturday 10 October.
        var changeId = await RecordAsync("zhangwei", Change(new DateOnly(2026, 9, 25), entry));

        var obligation = await ObligationOfAsync(changeId);
        var row = (await DetailAsync("zhangwei", obligation.Id)).Row;
        Assert.Equal(new DateOnly(2026, 10, 22), row.DueDate);
        Assert.Equal("更新政务数据资源目录", row.OpenStepName);
        Assert.Contains("第十九条第二款", row.RuleText);
        Assert.Equal(ObligationStatus.Open, row.Status);
        Assert.True(row.WorkingDaysLeft < 0); // the portal's clock is in November: overdue
    }

    [Fact]
    public async Task A_change_date_in_the_future_is_refused_and_nothing_is_saved()
    {
        var entry = await portal.PublishedAsync(DemoAccounts.Police, "暂住人口信息");
        var tomorrow = ChinaTime.Today(portal.Clock).AddDays(1);
        var error = await Assert.ThrowsAsync<ValidationFailedException>(() => RecordAsync("zhangwei", Change(tomorrow, entry)));
        Assert.Equal("变化发生日期不能晚于今天：更新期限自该日起算。", error.Errors.ByField["changeDate"].Single());
        await using var db = await portal.DbAsync();
        Assert.False(await db.CatalogueObligations.AnyAsync(o => o.EntryId == entry));
    }

    [Fact]
    public async Task A_specialist_cannot_record_a_change_for_another_departments_entry()
    {
        var entry = await portal.PublishedAsync(DemoAccounts.Market, "个体工商户登记信息");
        var error = await Assert.ThrowsAsync<AccessDeniedException>(() => RecordAsync("zhangwei", Change(new DateOnly(2026, 11, 2), entry)));
        Assert.Contains("个体工商户登记信息", error.Message);
    }

    [Fact]
    public async Task Publishing_an_updated_version_meets_the_obligation_and_leaves_the_filing_to_the_centre()
    {
        var entry = await portal.PublishedAsync(DemoAccounts.Police, "出生登记信息");
        var changeId = await RecordAsync("zhangwei", Change(new DateOnly(2026, 11, 2), entry));
        var id = (await ObligationOfAsync(changeId)).Id;

        var version = await portal.PublishNewVersionAsync(entry);

        var obligation = await ObligationOfAsync(changeId);
        Assert.Equal(ObligationStatus.Updated, obligation.Status);
        Assert.Equal(version, obligation.MetByVersionId);
        var detail = await DetailAsync("zhaomin", id);
        var flow = detail.Flows.Single();
        Assert.Equal("报县政务服务中心备案", detail.Row.OpenStepName);
        var settled = flow.Tasks.Single(t => t.StepKey == ObligationTexts.UpdateStep);
        Assert.Equal(FlowActions.Choose, settled.Decision);
        Assert.Contains(flow.History, h => h.ActorName == "系统" && h.Comment!.Contains("已发布更新版本"));

        // 备案: the centre's reviewer files it from the inbox.
        var filing = flow.OpenStepTasks.Single();
        Assert.True(filing.MayDecide);
        await using (var scope = await portal.ScopeAsAsync("zhaomin"))
            await scope.Get<WorkflowEngine>().DecideAsync(new TaskDecision(filing.Id, filing.Version, FlowActions.Approve, "已备案。"));
        Assert.Equal(FlowStatus.Completed, (await DetailAsync("zhaomin", id)).Flows.Single().Status);
    }

    [Fact]
    public async Task The_update_step_is_not_answered_from_the_inbox()
    {
        var entry = await portal.PublishedAsync(DemoAccounts.Police, "死亡注销信息");
        var changeId = await RecordAsync("zhaomin", Change(new DateOnly(2026, 11, 2), entry));
        var id = (await ObligationOfAsync(changeId)).Id;
        var task = (await DetailAsync("zhangwei", id)).Flows.Single().OpenStepTasks.Single();
        await using var scope = await portal.ScopeAsAsync("zhangwei");
        var error = await Assert.ThrowsAsync<DomainException>(() => scope.Get<WorkflowEngine>().DecideAsync(
            new TaskDecision(task.Id, task.Version, FlowActions.Choose, null, BranchKey: ObligationTexts.UpdatedBranch)));
        Assert.Equal(ObligationTexts.Refusal(id), error.Message);
        Assert.Equal(ObligationStatus.Open, (await ObligationOfAsync(changeId)).Status);
    }

    [Fact]
    public async Task No_change_accepted_by_the_centre_that_recorded_the_change_closes_the_obligation_and_goes_to_filing()
    {
        var entry = await portal.PublishedAsync(DemoAccounts.Police, "迁入登记信息");
        var changeId = await RecordAsync("zhaomin", Change(new DateOnly(2026, 11, 2), entry));
        var id = (await ObligationOfAsync(changeId)).Id;
        Assert.True((await DetailAsync("zhangwei", id)).CanStateNoChange);

        await using (var scope = await portal.ScopeAsAsync("zhangwei"))
            await scope.Get<ObligationService>().StateNoChangeAsync(id, "修订未涉及迁入登记的信息项。");
        var waiting = await DetailAsync("zhaomin", id);
        Assert.Equal("数据主管部门审核无需变更的说明", waiting.Row.OpenStepName);
        // Recording a law change is no request: the recorder is no party and decides the statement (FlowRule.RecorderIsNoParty).
        Assert.True(waiting.CanDecideNoChange);
        await using (var scope = await portal.ScopeAsAsync("zhaomin"))
            await scope.Get<ObligationService>().DecideNoChangeAsync(id, accept: true, "同意。");

        var obligation = await ObligationOfAsync(changeId);
        Assert.Equal(ObligationStatus.NoChangeAccepted, obligation.Status);
        Assert.Equal("修订未涉及迁入登记的信息项。", obligation.NoChangeReason);
        Assert.Equal("报县政务服务中心备案", (await DetailAsync("zhaomin", id)).Row.OpenStepName);
    }

    [Fact]
    public async Task No_change_refused_reopens_the_obligation_with_a_fresh_flow_counted_from_the_same_change_date()
    {
        var entry = await portal.PublishedAsync(DemoAccounts.Police, "迁出登记信息");
        var changeId = await RecordAsync("zhaomin", Change(new DateOnly(2026, 11, 2), entry));
        var id = (await ObligationOfAsync(changeId)).Id;
        var firstDue = (await DetailAsync("zhangwei", id)).Row.DueDate;
        await using (var scope = await portal.ScopeAsAsync("zhangwei"))
            await scope.Get<ObligationService>().StateNoChangeAsync(id, "无需变更。");

        var second = await portal.AddRoleHolderAsync(await portal.DepartmentIdAsync(DemoAccounts.Centre), PortalRoles.AuthorityReviewer, "第二审核人");
        await using (var scope = await portal.ScopeAsAsync(second.UserName!))
        {
            var service = scope.Get<ObligationService>();
            var noReason = await Assert.ThrowsAsync<ValidationFailedException>(() => service.DecideNoChangeAsync(id, accept: false, " "));
            Assert.Equal("不认可无需变更的，请说明理由。", noReason.Errors.ByField["comment"].Single());
            await service.DecideNoChangeAsync(id, accept: false, "迁出登记的证件类型已调整，须更新。");
        }

        var obligation = await ObligationOfAsync(changeId);
        Assert.Equal(ObligationStatus.Open, obligation.Status);
        Assert.Null(obligation.NoChangeReason);
        var detail = await DetailAsync("zhangwei", id);
        Assert.Equal(2, detail.Flows.Count);
        Assert.Equal(FlowStatus.Rejected, detail.Flows[0].Status);
        Assert.Equal(obligation.FlowInstanceId, detail.Flows[1].InstanceId);
        Assert.Equal("更新政务数据资源目录", detail.Row.OpenStepName);
        Assert.Equal(new DateOnly(2026, 11, 23), firstDue);
        Assert.Equal(firstDue, detail.Row.DueDate);
        Assert.True(detail.CanStateNoChange);
    }
}
