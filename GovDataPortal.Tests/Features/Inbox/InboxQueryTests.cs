using GovDataPortal.Features.Demo;
using GovDataPortal.Features.Inbox;
using GovDataPortal.Features.Policies;
using GovDataPortal.Features.Workflow;
using GovDataPortal.Infrastructure;
using GovDataPortal.Tests.Support;
using static GovDataPortal.Tests.Features.Inbox.InboxArrange;

namespace GovDataPortal.Tests.Features.Inbox;

/// <summary>我的待办 and 已办 on the real engine and database; the shuangpai data check allows 5 working days.</summary>
public class InboxQueryTests(PortalFixture portal) : IClassFixture<PortalFixture>
{
    [Fact]
    public async Task Open_tasks_are_those_of_my_department_and_role_only()
    {
        portal.Clock.Set(Beijing(2026, 11, 20));
        var toPolice = await portal.RaiseToPoliceAsync("公安局应答的校核");
        var toMarket = await portal.StartFlowAsync("zhangwei", DemoAccounts.Market, "市场监管局应答的校核");

        var lina = await portal.OpenRowsAsync("lina"); // 公安局 部门审核人
        Assert.Contains(lina, r => r.InstanceId == toPolice);
        Assert.DoesNotContain(lina, r => r.InstanceId == toMarket);
        var chenjing = await portal.OpenRowsAsync("chenjing"); // 市场监督管理局 部门审核人
        Assert.Contains(chenjing, r => r.InstanceId == toMarket);
        Assert.DoesNotContain(chenjing, r => r.InstanceId == toPolice);
        // Same department, other role; other department, same role as nobody here.
        Assert.DoesNotContain(await portal.OpenRowsAsync("zhangwei"), r => r.InstanceId == toPolice);
        Assert.DoesNotContain(await portal.OpenRowsAsync("wangqiang"), r => r.InstanceId == toPolice);
        Assert.Equal(lina.Count, await portal.AsAsync("lina", s => s.CountOpenAsync()));
    }

    [Fact]
    public async Task A_row_carries_the_task_its_deadline_and_rule_line()
    {
        portal.Clock.Set(Beijing(2026, 11, 20)); // Friday
        var id = await portal.RaiseToPoliceAsync("行内容检查");
        var row = Assert.Single(await portal.OpenRowsAsync("lina"), r => r.InstanceId == id);
        var task = await portal.OpenTaskAsync(id);
        Assert.Equal((task.Id, task.Version), (row.TaskId, row.Version));
        Assert.Equal(("行内容检查", FlowNames.DataCheck, "提供部门校核并反馈结果"), (row.SubjectTitle, row.FlowName, row.StepName));
        Assert.Equal(new DateOnly(2026, 11, 27), row.DueDate); // Mon..Fri after the Friday receipt
        Assert.Equal(task.RuleText, row.RuleText);
        Assert.Contains("第二十七条", row.RuleText);
        Assert.Equal(5, row.RemainingWorkingDays);
        Assert.Equal("剩余5个工作日", row.RemainingText);
        Assert.False(row.Provisional);
    }

    [Fact]
    public async Task Remaining_working_days_skip_the_national_day_holiday_and_count_its_makeup_saturday()
    {
        // Received Monday 28 September 2026: 29, 30 Sep, (1–7 Oct 国庆), 8, 9 Oct and Saturday 10 Oct (调休上班) → due 10 Oct.
        portal.Clock.Set(Beijing(2026, 9, 28));
        var id = await portal.RaiseToPoliceAsync("跨国庆的校核");

        async Task<InboxRow> RowOn(int month, int day)
        {
            portal.Clock.Set(Beijing(2026, month, day));
            return Assert.Single(await portal.OpenRowsAsync("lina"), r => r.InstanceId == id);
        }

        var row = await RowOn(9, 30);
        Assert.Equal(new DateOnly(2026, 10, 10), row.DueDate);
        Assert.Equal(3, row.RemainingWorkingDays); // 8, 9, 10 October
        Assert.Equal("normal", row.Severity);
        row = await RowOn(10, 5); // inside the holiday: still 8, 9, 10
        Assert.Equal(3, row.RemainingWorkingDays);
        row = await RowOn(10, 8);
        Assert.Equal((2, "剩余2个工作日", "warning"), (row.RemainingWorkingDays!.Value, row.RemainingText, row.Severity));
        row = await RowOn(10, 10);
        Assert.Equal(("今日到期", "danger"), (row.RemainingText, row.Severity));
        row = await RowOn(10, 13); // Mon 12 and Tue 13 have passed the Saturday due date
        Assert.Equal("已逾期2个工作日", row.RemainingText);
    }

    [Fact]
    public async Task A_deadline_in_a_year_without_a_published_schedule_is_shown_as_provisional()
    {
        portal.Clock.Set(Beijing(2026, 12, 28)); // five working days reach into 2027, whose holidays are not yet published
        var id = await portal.RaiseToPoliceAsync("跨年的校核");
        var row = Assert.Single(await portal.OpenRowsAsync("lina"), r => r.InstanceId == id);
        Assert.True(row.Provisional);
        Assert.EndsWith("（暂定）", row.DueText);
    }

    [Fact]
    public async Task Overdue_only_keeps_the_tasks_past_their_deadline()
    {
        portal.Clock.Set(Beijing(2026, 11, 2));
        var late = await portal.RaiseToPoliceAsync("已逾期的校核");     // due Mon 9 Nov
        portal.Clock.Set(Beijing(2026, 11, 9));
        var recent = await portal.RaiseToPoliceAsync("今日收到的校核"); // due 16 Nov
        portal.Clock.Set(Beijing(2026, 11, 10));

        var overdue = await portal.OpenRowsAsync("lina", new InboxQuery(OverdueOnly: true, Take: InboxQuery.MaxTake));
        Assert.Contains(overdue, r => r.InstanceId == late);
        Assert.DoesNotContain(overdue, r => r.InstanceId == recent);
        Assert.All(overdue, r => Assert.True(r.RemainingWorkingDays < 0));
    }

    [Fact]
    public async Task The_flow_filter_and_the_due_date_order_apply()
    {
        portal.Clock.Set(Beijing(2026, 11, 16));
        var share = await portal.RaiseToPoliceAsync("共享申请", FlowKeys.ConditionalShare); // 10 working days
        var check = await portal.RaiseToPoliceAsync("数据校核");                          // 5 working days

        var all = await portal.OpenRowsAsync("lina");
        Assert.True(all.ToList().FindIndex(r => r.InstanceId == check) < all.ToList().FindIndex(r => r.InstanceId == share));
        Assert.Equal(all.OrderBy(r => r.DueAt ?? DateTimeOffset.MaxValue).Select(r => r.TaskId), all.Select(r => r.TaskId));

        var checks = await portal.OpenRowsAsync("lina", new InboxQuery(FlowKeys.DataCheck, Take: InboxQuery.MaxTake));
        Assert.Contains(checks, r => r.InstanceId == check);
        Assert.All(checks, r => Assert.Equal(FlowKeys.DataCheck, r.FlowKey));
    }

    [Fact]
    public async Task Paging_returns_the_total_and_one_page()
    {
        portal.Clock.Set(Beijing(2026, 11, 23));
        for (var i = 0; i < 3; i++) await portal.RaiseToPoliceAsync($"分页{i}");
        var page = await portal.AsAsync("lina", s => s.MyOpenTasksAsync(new InboxQuery(Skip: 1, Take: 2)));
        Assert.Equal(2, page.Items.Count);
        Assert.True(page.Total >= 3);
    }

    [Fact]
    public async Task Done_lists_what_I_decided_newest_first()
    {
        portal.Clock.Set(Beijing(2026, 11, 24));
        var first = await portal.RaiseToPoliceAsync("先办的");
        var second = await portal.RaiseToPoliceAsync("后办的");
        await portal.DecideAsAsync("lina", await portal.OpenTaskAsync(first), FlowActions.Approve, "已核实");
        portal.Clock.Advance(TimeSpan.FromMinutes(5));
        await portal.DecideAsAsync("lina", await portal.OpenTaskAsync(second), FlowActions.Return, "请补充数据项名称");

        var done = (await portal.AsAsync("lina", s => s.MyDoneTasksAsync(0, InboxQuery.MaxTake))).Items;
        var mine = done.Where(r => r.InstanceId == first || r.InstanceId == second).ToList();
        Assert.Equal([second, first], mine.Select(r => r.InstanceId));
        Assert.Equal(["退回修改", "同意"], mine.Select(r => r.DecisionName));
        Assert.DoesNotContain(await portal.OpenRowsAsync("lina"), r => r.InstanceId == first);
        Assert.DoesNotContain((await portal.AsAsync("chenjing", s => s.MyDoneTasksAsync())).Items, r => r.InstanceId == first);
    }

    [Fact]
    public async Task A_row_says_who_sent_the_task()
    {
        portal.Clock.Set(Beijing(2026, 11, 23));
        var id = await portal.RaiseToPoliceAsync("发送人");
        Assert.Equal("刘洋（双牌县市场监督管理局）", Assert.Single(await portal.OpenRowsAsync("lina"), r => r.InstanceId == id).Sender);

        // Returned for revision (in the same instant, as the fixed clock has it): the revision task comes from the one who
        // returned it, and the returned task still from its submitter — its own decision is not who sent it.
        var returned = await portal.OpenTaskAsync(id);
        await portal.DecideAsAsync("lina", returned, FlowActions.Return, "请补充数据项名称");
        var revision = Assert.Single(await portal.OpenRowsAsync("liuyang"), r => r.InstanceId == id);
        Assert.Equal("李娜（双牌县公安局）", revision.Sender);
        Assert.Equal("李娜（双牌县公安局）", (await portal.AsAsync("liuyang", s => s.GetTaskAsync(revision.TaskId)))!.Task.Sender);
        Assert.Equal("刘洋（双牌县市场监督管理局）", (await portal.AsAsync("lina", s => s.GetTaskAsync(returned.Id)))!.Task.Sender);
    }

    [Fact]
    public async Task Open_tasks_sort_in_SQL_by_received_time_or_subject_either_way()
    {
        portal.Clock.Set(Beijing(2026, 11, 2));
        var older = await portal.RaiseToPoliceAsync("排序乙");
        portal.Clock.Set(Beijing(2026, 11, 3));
        var newer = await portal.RaiseToPoliceAsync("排序甲");
        int[] Order(IReadOnlyList<InboxRow> rows) => [.. rows.Where(r => r.InstanceId == older || r.InstanceId == newer)
            .Select(r => r.InstanceId == older ? 1 : 2)];

        var received = Order(await portal.OpenRowsAsync("lina", new InboxQuery(Take: InboxQuery.MaxTake, Sort: InboxSort.Received)));
        Assert.Equal([1, 2], received);
        var newestFirst = Order(await portal.OpenRowsAsync("lina",
            new InboxQuery(Take: InboxQuery.MaxTake, Sort: InboxSort.Received, Descending: true)));
        Assert.Equal([2, 1], newestFirst);
        var bySubject = await portal.OpenRowsAsync("lina", new InboxQuery(Take: InboxQuery.MaxTake, Sort: InboxSort.Subject));
        Assert.Equal(bySubject.Select(r => r.SubjectTitle).Order(StringComparer.Ordinal), bySubject.Select(r => r.SubjectTitle));
        var dueLast = await portal.OpenRowsAsync("lina", new InboxQuery(Take: InboxQuery.MaxTake, Descending: true));
        Assert.Equal(dueLast.OrderByDescending(r => r.DueAt ?? DateTimeOffset.MaxValue).Select(r => r.TaskId), dueLast.Select(r => r.TaskId));
    }

    [Fact]
    public async Task Done_sorts_oldest_first_or_by_subject_when_asked()
    {
        portal.Clock.Set(Beijing(2026, 11, 25));
        var first = await portal.RaiseToPoliceAsync("已办排序乙");
        var second = await portal.RaiseToPoliceAsync("已办排序甲");
        await portal.DecideAsAsync("lina", await portal.OpenTaskAsync(first), FlowActions.Approve);
        portal.Clock.Advance(TimeSpan.FromMinutes(5));
        await portal.DecideAsAsync("lina", await portal.OpenTaskAsync(second), FlowActions.Approve);

        long[] Mine(InboxPage<DoneRow> page) => [.. page.Items.Where(r => r.InstanceId == first || r.InstanceId == second).Select(r => r.InstanceId)];
        var oldestFirst = Mine(await portal.AsAsync("lina", s => s.MyDoneTasksAsync(0, InboxQuery.MaxTake, DoneSort.Completed, false)));
        Assert.Equal([first, second], oldestFirst);
        var bySubject = await portal.AsAsync("lina", s => s.MyDoneTasksAsync(0, InboxQuery.MaxTake, DoneSort.Subject, false));
        Assert.Equal(bySubject.Items.Select(r => r.SubjectTitle).Order(StringComparer.Ordinal), bySubject.Items.Select(r => r.SubjectTitle));
    }

    [Fact]
    public async Task Nobody_signed_in_gets_no_inbox()
    {
        await using var scope = portal.AnonymousScope();
        var inbox = scope.Get<InboxService>();
        await Assert.ThrowsAsync<AccessDeniedException>(() => inbox.MyOpenTasksAsync(new InboxQuery()));
        Assert.Equal(0, await inbox.CountOpenAsync());
    }
}
