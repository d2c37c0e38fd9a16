using GovDataPortal.Features.DataChecks;
using GovDataPortal.Features.Demo;
using GovDataPortal.Features.Identity;
using GovDataPortal.Features.Workflow;
using GovDataPortal.Infrastructure;
using GovDataPortal.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace GovDataPortal.Tests.Features.DataChecks;

/// <summary>
/// 数据疑义、错误校核 under the shuangpai profile (双政办发〔2022〕8号 Art. 27): zhangwei (公安局) raises checks about
/// 市场监督管理局's data, whose 部门审核人 chenjing answers.
/// </summary>
public class DataCheckServiceTests(DataCheckFixture portal) : IClassFixture<DataCheckFixture>
{
    private async Task<ValidationFailedException> RaiseRefusedAsync(RaiseDataCheckInput input)
    {
        var before = await portal.CountsAsync();
        var error = await Assert.ThrowsAsync<ValidationFailedException>(() => portal.AsAsync("zhangwei", s => s.RaiseAsync(input)));
        Assert.Equal(before, await portal.CountsAsync());
        return error;
    }

    [Fact]
    public async Task Raising_with_every_field_missing_names_each_field_in_chinese_and_saves_no_request_and_no_flow()
    {
        var error = await RaiseRefusedAsync(new RaiseDataCheckInput(null, " ", null, null, ""));

        Assert.Equal(["description", "kind", "providerDepartmentId", "resourceName"], error.Errors.ByField.Keys.Order());
        Assert.Equal("请选择数据提供部门。", error.Errors.ByField["providerDepartmentId"][0]);
        Assert.Equal("请填写数据资源名称。", error.Errors.ByField["resourceName"][0]);
    }

    public static TheoryData<string, string> BadFields => new()
    {
        { "own-department", "providerDepartmentId" },
        { "missing-department", "providerDepartmentId" },
        { "long-resource", "resourceName" },
        { "long-record", "recordIdentifier" },
        { "unknown-kind", "kind" },
        { "long-description", "description" },
        { "five-thousand-character-description", "description" },
    };

    [Theory]
    [MemberData(nameof(BadFields))]
    public async Task Raising_with_one_bad_field_is_refused_on_that_field_only_and_saves_nothing(string problem, string field)
    {
        var police = await portal.DepartmentIdAsync(DemoAccounts.Police);
        var market = await portal.DepartmentIdAsync(DemoAccounts.Market);
        var input = new RaiseDataCheckInput(market, "企业登记基本信息", null, DataCheckKind.Doubt, "住所疑似有误。");
        input = problem switch
        {
            "own-department" => input with { ProviderDepartmentId = police },
            "missing-department" => input with { ProviderDepartmentId = 999_999 },
            "long-resource" => input with { ResourceName = new string('数', 201) },
            "long-record" => input with { RecordIdentifier = new string('1', 101) },
            "unknown-kind" => input with { Kind = (DataCheckKind)99 },
            "long-description" => input with { Description = new string('误', 2001) },
            _ => input with { Description = new string('误', 5000) },
        };

        var error = await RaiseRefusedAsync(input);

        Assert.Equal([field], error.Errors.ByField.Keys);
    }

    [Fact]
    public async Task Only_a_data_specialist_or_department_approver_may_raise_a_check()
    {
        var market = await portal.DepartmentIdAsync(DemoAccounts.Market);
        await Assert.ThrowsAsync<AccessDeniedException>(() => portal.AsAsync("wangqiang", s =>
            s.RaiseAsync(new RaiseDataCheckInput(market, "企业登记基本信息", null, DataCheckKind.Doubt, "住所疑似有误。"))));
    }

    [Fact]
    public async Task A_raised_check_is_submitted_linked_to_its_flow_and_waits_for_the_providers_approver()
    {
        var id = await portal.RaiseAsync();

        var request = await portal.RequestAsync(id);
        Assert.Equal(DataCheckStatus.Submitted, request.Status);
        Assert.Equal(await portal.UserIdAsync("zhangwei"), request.RequesterUserId);
        var task = await portal.CheckTaskAsync(id);
        Assert.Equal(request.FlowInstanceId, task.InstanceId);
        Assert.Equal(await portal.DepartmentIdAsync(DemoAccounts.Market), task.AssigneeDepartmentId);
        Assert.Equal(PortalRoles.DepartmentApprover, task.AssigneeRole);
        await using var db = await portal.DbAsync();
        var instance = await db.FlowInstances.AsNoTracking().SingleAsync(i => i.Id == request.FlowInstanceId);
        Assert.Equal((DataCheckTexts.SubjectType, id.ToString()), (instance.SubjectType, instance.SubjectId));
    }

    [Fact]
    public async Task The_check_is_due_at_the_end_of_the_fifth_working_day_skipping_national_day_and_counting_the_makeup_saturday()
    {
        portal.Clock.Set(DataCheckFixture.Beijing(2026, 9, 30)); // Wednesday; 10-01…10-07 holidays, Saturday 10-10 a working day
        try
        {
            var task = await portal.CheckTaskAsync(await portal.RaiseAsync());

            // 10-08 (1), 10-09 (2), 10-10 Sat makeup (3), 10-12 (4), 10-13 (5).
            Assert.Equal(new DateOnly(2026, 10, 13), task.DueDate);
            Assert.Equal(new DateTimeOffset(2026, 10, 13, 23, 59, 59, TimeSpan.FromHours(8)), task.DueAt);
            Assert.False(task.Provisional);
            Assert.Equal("依据《双牌县政务大数据管理办法》（双政办发〔2022〕8号）第二十七条第二款：5个工作日", task.RuleText);
        }
        finally
        {
            portal.Clock.Set(PortalFixture.Start);
        }
    }

    [Fact]
    public async Task The_requester_cannot_answer_their_own_check()
    {
        var id = await portal.RaiseAsync();

        await Assert.ThrowsAsync<AccessDeniedException>(() => portal.AnswerAsync("zhangwei", id));
        Assert.Equal(DataCheckStatus.Submitted, (await portal.RequestAsync(id)).Status);
    }

    [Fact]
    public async Task An_approver_of_another_department_cannot_answer()
    {
        var id = await portal.RaiseAsync();

        await Assert.ThrowsAsync<AccessDeniedException>(() => portal.AnswerAsync("lina", id));
    }

    [Fact]
    public async Task An_answer_needs_a_result_and_an_explanation_and_a_refused_answer_changes_nothing()
    {
        var id = await portal.RaiseAsync();

        var error = await Assert.ThrowsAsync<ValidationFailedException>(() => portal.AnswerAsync("chenjing", id, null, " "));

        Assert.Equal(["answer", "explanation"], error.Errors.ByField.Keys.Order());
        Assert.Equal(DataCheckStatus.Submitted, (await portal.RequestAsync(id)).Status);
        Assert.Equal(FlowTaskStatus.Open, (await portal.CheckTaskAsync(id)).Status);
    }

    [Fact]
    public async Task The_providers_answer_sets_the_status_ends_the_flow_and_tells_the_requester_the_answer()
    {
        var id = await portal.RaiseAsync(resource: "个体工商户登记信息");
        var task = await portal.CheckTaskAsync(id);

        await portal.AnswerAsync("chenjing", id, DataCheckAnswer.ConfirmedAndCorrected, "住所已按营业执照更正。");

        var request = await portal.RequestAsync(id);
        Assert.Equal((DataCheckStatus.Answered, DataCheckAnswer.ConfirmedAndCorrected, "住所已按营业执照更正。"),
            (request.Status, request.Answer, request.Explanation));
        Assert.Equal(portal.Clock.GetUtcNow(), request.AnsweredAt);
        await using var db = await portal.DbAsync();
        Assert.Equal(FlowStatus.Completed, (await db.FlowInstances.SingleAsync(i => i.Id == request.FlowInstanceId)).Status);
        Assert.Equal(FlowActions.VerifiedCorrected, (await db.FlowTasks.SingleAsync(t => t.Id == task.Id)).Decision);
        var told = (await portal.NotificationsOfAsync("zhangwei")).Where(n => n.Link == $"data-checks/{id}").ToList();
        Assert.Contains(told, n => n.Title == "数据校核已答复" && n.Body.Contains("个体工商户登记信息")
            && n.Body.Contains("确认有误，已更正") && n.Body.Contains("住所已按营业执照更正。"));
    }

    [Fact]
    public async Task Approving_the_check_task_elsewhere_without_an_answer_is_refused_and_the_check_stays_open()
    {
        var id = await portal.RaiseAsync();
        var task = await portal.CheckTaskAsync(id);

        await using var scope = await portal.ScopeAsAsync("chenjing");
        var error = await Assert.ThrowsAsync<DomainException>(() =>
            scope.Get<WorkflowEngine>().DecideAsync(new TaskDecision(task.Id, task.Version, FlowActions.Approve, "同意")));

        Assert.Contains("数据校核", error.Message);
        Assert.Equal(DataCheckStatus.Submitted, (await portal.RequestAsync(id)).Status);
        Assert.Equal(FlowTaskStatus.Open, (await portal.CheckTaskAsync(id)).Status);
    }

    [Fact]
    public async Task A_stale_task_version_loses_the_race_with_the_engines_message()
    {
        var id = await portal.RaiseAsync();
        var seen = await portal.CheckTaskAsync(id);
        await portal.AnswerAsync("chenjing", id);

        var error = await Assert.ThrowsAsync<ConflictException>(() => portal.AsAsync("chenjing", s =>
            s.AnswerAsync(id, seen.Id, seen.Version, DataCheckAnswer.NoError, "再次答复")));

        Assert.Equal(WorkflowEngine.TaskTakenMessage, error.Message);
    }

    [Fact]
    public async Task The_provider_asks_for_five_more_days_the_head_consents_the_due_date_moves_and_the_requester_is_told()
    {
        var id = await portal.RaiseAsync("liuyang", DemoAccounts.Police, "户籍人口基本信息");
        var task = await portal.CheckTaskAsync(id);
        Assert.Equal(new DateOnly(2026, 11, 27), task.DueDate); // Friday 11-20 + 5 working days

        await portal.AsAsync("lina", s => s.RequestExtensionAsync(id, task.Id, task.Version, 5, "需调取纸质户籍档案核对"));
        Assert.True((await portal.DetailAsync("lina", id)).OpenTask!.ExtensionPending);
        await using (var db = await portal.DbAsync())
        {
            var consent = await db.FlowTasks.AsNoTracking().SingleAsync(t => t.InstanceId == task.InstanceId && t.Kind == FlowTaskKind.ExtensionConsent);
            Assert.Equal((await portal.DepartmentIdAsync(DemoAccounts.Police), PortalRoles.Leadership), (consent.AssigneeDepartmentId, consent.AssigneeRole));
            await using var scope = await portal.ScopeAsAsync("wangqiang");
            await scope.Get<WorkflowEngine>().DecideAsync(new TaskDecision(consent.Id, consent.Version, FlowActions.Approve, "同意延期"));
        }

        var extended = await portal.CheckTaskAsync(id);
        Assert.Equal((5, new DateOnly(2026, 12, 4)), (extended.ExtensionDays, extended.DueDate));
        Assert.Contains(await portal.NotificationsOfAsync("liuyang"), n => n.Title.StartsWith("延期告知") && n.Body.Contains("2026-12-04"));
        var detail = await portal.DetailAsync("lina", id);
        Assert.Equal((10, false), (detail.OpenTask!.ExtensionDaysLeft, detail.OpenTask.ExtensionPending));
    }

    [Fact]
    public async Task Extensions_beyond_fifteen_working_days_in_total_are_refused()
    {
        var id = await portal.RaiseAsync("liuyang", DemoAccounts.Police);
        var task = await portal.CheckTaskAsync(id);

        var error = await Assert.ThrowsAsync<ValidationFailedException>(() =>
            portal.AsAsync("lina", s => s.RequestExtensionAsync(id, task.Id, task.Version, 16, "档案量大")));

        Assert.Equal("extensionDays", error.Field);
        Assert.Contains("不得超过15个工作日", error.Message);
        await using var db = await portal.DbAsync();
        Assert.False(await db.FlowTasks.AnyAsync(t => t.InstanceId == task.InstanceId && t.Kind == FlowTaskKind.ExtensionConsent));
    }

    [Fact]
    public async Task An_extension_needs_days_and_a_reason()
    {
        var id = await portal.RaiseAsync("liuyang", DemoAccounts.Police);
        var task = await portal.CheckTaskAsync(id);

        var error = await Assert.ThrowsAsync<ValidationFailedException>(() =>
            portal.AsAsync("lina", s => s.RequestExtensionAsync(id, task.Id, task.Version, 0, "")));

        Assert.Equal(["extensionDays", "reason"], error.Errors.ByField.Keys.Order());
    }

    [Fact]
    public async Task The_requester_closes_only_after_the_answer()
    {
        var id = await portal.RaiseAsync();
        await Assert.ThrowsAsync<DomainException>(() => portal.AsAsync("zhangwei", s => s.CloseAsync(id)));

        await portal.AnswerAsync("chenjing", id);
        await Assert.ThrowsAsync<AccessDeniedException>(() => portal.AsAsync("chenjing", s => s.CloseAsync(id)));
        await portal.AsAsync("zhangwei", s => s.CloseAsync(id));

        var request = await portal.RequestAsync(id);
        Assert.Equal((DataCheckStatus.Closed, portal.Clock.GetUtcNow()), (request.Status, request.ClosedAt));
        await Assert.ThrowsAsync<DomainException>(() => portal.AsAsync("zhangwei", s => s.ReopenAsync(id, "仍有疑问")));
    }

    [Fact]
    public async Task The_requester_reopens_once_with_a_new_round_and_deadline_and_a_second_reopening_is_refused()
    {
        var id = await portal.RaiseAsync();
        await portal.AnswerAsync("chenjing", id, DataCheckAnswer.NoError, "第一次答复：无误。");
        var first = (await portal.RequestAsync(id)).FlowInstanceId;
        portal.Clock.Set(DataCheckFixture.Beijing(2026, 11, 24)); // Tuesday
        try
        {
            await Assert.ThrowsAsync<ValidationFailedException>(() => portal.AsAsync("zhangwei", s => s.ReopenAsync(id, " ")));
            await portal.AsAsync("lina", s => s.ReopenAsync(id, "营业执照复印件显示住所不同。"));

            var request = await portal.RequestAsync(id);
            Assert.Equal((DataCheckStatus.Submitted, 1, null, null), (request.Status, request.ReopenCount, request.Answer, request.Explanation));
            Assert.NotEqual(first, request.FlowInstanceId);
            var task = await portal.CheckTaskAsync(id);
            Assert.Equal(request.FlowInstanceId, task.InstanceId);
            Assert.Equal(new DateOnly(2026, 12, 1), task.DueDate); // 5 working days from Tuesday 11-24
            var detail = await portal.DetailAsync("zhangwei", id);
            Assert.Equal(2, detail.History.Count);
            Assert.Contains(detail.History[0].Events, e => e.Action == FlowActions.VerifiedNoError && e.Comment!.Contains("第一次答复：无误。"));
            Assert.Contains(detail.History[1].Events, e => e.Action == FlowActions.Submit && e.Comment!.Contains("营业执照复印件显示住所不同。"));

            await portal.AnswerAsync("chenjing", id, DataCheckAnswer.ConfirmedAndCorrected, "已更正。");
            var error = await Assert.ThrowsAsync<DomainException>(() => portal.AsAsync("zhangwei", s => s.ReopenAsync(id, "还是不对")));
            Assert.Equal(DataCheckTexts.ReopenOnceMessage, error.Message);
            Assert.False((await portal.DetailAsync("zhangwei", id)).CanReopen);
        }
        finally
        {
            portal.Clock.Set(PortalFixture.Start);
        }
    }

    [Fact]
    public async Task The_two_departments_and_the_data_authority_see_a_check_and_an_unrelated_department_is_refused()
    {
        var id = await portal.RaiseAsync();

        var requester = await portal.DetailAsync("zhangwei", id);
        var provider = await portal.DetailAsync("chenjing", id);
        var authority = await portal.DetailAsync("zhaomin", id);
        var error = await Assert.ThrowsAsync<AccessDeniedException>(() => portal.AsAsync("yangfan", s => s.GetAsync(id)));

        Assert.Equal(DataCheckTexts.NotVisibleMessage, error.Message);
        Assert.Equal((false, false), (requester.OpenTask!.CanAnswer, requester.OpenTask.CanRequestExtension));
        Assert.Equal((true, true), (provider.OpenTask!.CanAnswer, provider.OpenTask.CanRequestExtension));
        Assert.False(authority.OpenTask!.CanAnswer);
        await Assert.ThrowsAsync<AccessDeniedException>(() => portal.AsAsync("admin", s => s.GetAsync(id)));
    }

    [Fact]
    public async Task The_lists_show_what_my_department_raised_and_what_concerns_its_data_with_the_working_days_left()
    {
        var id = await portal.RaiseAsync(resource: "列表测试数据");

        var raised = await portal.AsAsync("zhangwei", s => s.ListAsync(DataCheckScope.Raised));
        var about = await portal.AsAsync("chenjing", s => s.ListAsync(DataCheckScope.AboutMine, DataCheckStatus.Submitted));
        var others = await portal.AsAsync("liuyang", s => s.ListAsync(DataCheckScope.Raised));

        var row = Assert.Single(about, r => r.Id == id);
        Assert.Contains(raised, r => r.Id == id);
        Assert.DoesNotContain(others, r => r.Id == id);
        Assert.Equal(("剩余5个工作日", DemoAccounts.Police), (row.Deadline!.RemainingText, row.RequesterDepartment));
        Assert.StartsWith("2026-11-27", row.Deadline.DueText);
    }

    [Fact]
    public async Task A_check_returned_for_clarification_goes_back_to_the_provider_when_the_requester_resubmits()
    {
        var id = await portal.RaiseAsync();
        var task = await portal.CheckTaskAsync(id);
        await using (var scope = await portal.ScopeAsAsync("chenjing"))
            await scope.Get<WorkflowEngine>().DecideAsync(new TaskDecision(task.Id, task.Version, FlowActions.Return, "请提供统一社会信用代码。"));

        var returned = (await portal.DetailAsync("zhangwei", id)).OpenTask!;
        Assert.Equal((true, true, false), (returned.ReturnedForClarification, returned.CanResubmit, returned.CanAnswer));
        Assert.False((await portal.DetailAsync("lina", id)).OpenTask!.CanResubmit);
        await portal.AsAsync("zhangwei", s => s.ResubmitAsync(id, returned.TaskId, returned.Version, "代码为91431123MA4L0000X1。"));

        var again = (await portal.DetailAsync("chenjing", id)).OpenTask!;
        Assert.Equal((false, true), (again.ReturnedForClarification, again.CanAnswer));
        Assert.Equal(DataCheckStatus.Submitted, (await portal.RequestAsync(id)).Status);
    }

    [Fact]
    public async Task Extension_days_typed_above_the_articles_maximum_are_refused_citing_art_27_and_never_cut_down()
    {
        var id = await portal.RaiseAsync("liuyang", DemoAccounts.Police);
        var task = await portal.CheckTaskAsync(id);

        var error = await Assert.ThrowsAsync<ValidationFailedException>(() =>
            portal.AsAsync("lina", s => s.RequestExtensionAsync(id, task.Id, task.Version, 20, "档案量大")));

        var message = Assert.Single(error.Errors.ByField["extensionDays"]);
        Assert.Equal("延期累计不得超过15个工作日，本事项最多还可延期15个工作日（依据《双牌县政务大数据管理办法》（双政办发〔2022〕8号）第二十七条第二款）。", message);
        var after = await portal.CheckTaskAsync(id);
        Assert.Equal((0, task.DueDate, task.Version), (after.ExtensionDays, after.DueDate, after.Version));
        await using var db = await portal.DbAsync();
        Assert.False(await db.FlowTasks.AnyAsync(t => t.InstanceId == task.InstanceId && t.Kind == FlowTaskKind.ExtensionConsent));
    }

    [Fact]
    public async Task Every_event_sends_one_notification_to_each_person_concerned_and_none_says_done_before_it_is_closed()
    {
        async Task<(int Requester, int Provider, int All)> CountsAsync()
        {
            await using var db = await portal.DbAsync();
            return ((await portal.NotificationsOfAsync("zhangwei")).Count, (await portal.NotificationsOfAsync("chenjing")).Count,
                await db.Notifications.CountAsync());
        }
        var start = await CountsAsync();

        var id = await portal.RaiseAsync(resource: "通知计数数据");
        var raised = await CountsAsync();
        Assert.Equal((start.Requester, start.Provider + 1), (raised.Requester, raised.Provider));

        await portal.AnswerAsync("chenjing", id, DataCheckAnswer.NoError, "核对无误。");
        var answered = await CountsAsync();
        Assert.Equal((raised.Requester + 1, raised.Provider, raised.All + 1), answered);
        var told = (await portal.NotificationsOfAsync("zhangwei"))[^1];
        Assert.Equal((DataCheckTexts.AnswerNotificationTitle, $"data-checks/{id}"), (told.Title, told.Link));
        Assert.Equal("“通知计数数据”的错误校核已答复：经核实无误。请确认无异议后关闭校核；如有异议，可重新提起一次。说明：核对无误。", told.Body);
        Assert.DoesNotContain(await portal.NotificationsOfAsync("zhangwei"), n => n.Title.Contains("已办结") || n.Body.Contains("已办结"));

        await portal.AsAsync("zhangwei", s => s.ReopenAsync(id, "仍有疑问。"));
        var reopened = await CountsAsync();
        Assert.Equal((answered.Requester, answered.Provider + 1), (reopened.Requester, reopened.Provider));

        await portal.AnswerAsync("chenjing", id, DataCheckAnswer.ConfirmedAndCorrected, "已更正。");
        var again = await CountsAsync();
        Assert.Equal((reopened.Requester + 1, reopened.Provider, reopened.All + 1), again);
        Assert.Contains("不能再次重新提起", (await portal.NotificationsOfAsync("zhangwei"))[^1].Body);

        await portal.AsAsync("zhangwei", s => s.CloseAsync(id));
        Assert.Equal(again, await CountsAsync());
    }

    [Fact]
    public async Task Lists_are_counted_sorted_and_paged_in_the_database_and_pages_never_overlap()
    {
        foreach (var name in new[] { "分页-丙", "分页-甲", "分页-乙" }) await portal.RaiseAsync(resource: name);
        var all = await portal.AsAsync("zhangwei", s => s.ListAsync(DataCheckScope.Raised));

        var first = await portal.AsAsync("zhangwei", s => s.PageAsync(new DataCheckListQuery(DataCheckScope.Raised, Take: 2)));
        var second = await portal.AsAsync("zhangwei", s => s.PageAsync(new DataCheckListQuery(DataCheckScope.Raised, Skip: 2, Take: 2)));
        var byName = await portal.AsAsync("zhangwei", s => s.PageAsync(
            new DataCheckListQuery(DataCheckScope.Raised, Take: 100, Sort: DataCheckSort.ResourceName, Descending: false)));

        Assert.Equal((2, all.Count), (first.Items.Count, first.Total));
        Assert.Equal(all.Take(4).Select(r => r.Id), first.Items.Concat(second.Items).Select(r => r.Id));
        Assert.Equal(byName.Items.Select(r => r.ResourceName).Order(StringComparer.Ordinal), byName.Items.Select(r => r.ResourceName));
        var submitted = await portal.AsAsync("zhangwei", s => s.PageAsync(new DataCheckListQuery(DataCheckScope.Raised, DataCheckStatus.Closed)));
        Assert.All(submitted.Items, r => Assert.Equal(DataCheckStatus.Closed, r.Status));
    }

    [Fact]
    public async Task The_stamp_a_page_polls_changes_with_every_change_of_the_check()
    {
        var id = await portal.RaiseAsync();
        var raised = await portal.AsAsync("zhangwei", s => s.StampAsync(id));
        Assert.Equal(raised, await portal.AsAsync("zhangwei", s => s.StampAsync(id)));

        var task = await portal.CheckTaskAsync(id);
        await portal.AsAsync("chenjing", s => s.RequestExtensionAsync(id, task.Id, task.Version, 2, "需要调档"));
        var extending = await portal.AsAsync("zhangwei", s => s.StampAsync(id));
        await portal.AnswerAsync("chenjing", id);
        var answered = await portal.AsAsync("zhangwei", s => s.StampAsync(id));
        await portal.AsAsync("zhangwei", s => s.CloseAsync(id));
        var closed = await portal.AsAsync("zhangwei", s => s.StampAsync(id));

        Assert.Equal(4, new[] { raised, extending, answered, closed }.Distinct().Count());
        Assert.Null(await portal.AsAsync("zhangwei", s => s.StampAsync(987_654_321)));
    }
}
