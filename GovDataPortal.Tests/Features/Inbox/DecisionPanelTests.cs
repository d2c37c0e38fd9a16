using Bunit;
using GovDataPortal.Features.Inbox;
using GovDataPortal.Features.Workflow;
using GovDataPortal.Tests.Components;
using GovDataPortal.Tests.Support;
using Microsoft.AspNetCore.Components;
using GovDataPortal.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor;
using static GovDataPortal.Tests.Features.Inbox.InboxArrange;

namespace GovDataPortal.Tests.Features.Inbox;

/// <summary>
/// The decision panel over the real InboxService acting as 公安局's lina: it offers exactly the actions the step accepts
/// (a data check's answer is linked, not offered as 同意), decides in one click with the reason typed first, confirms in
/// a snackbar and never sends the same decision twice.
/// </summary>
public class DecisionPanelTests(PortalFixture portal) : PortalComponentTest, IClassFixture<PortalFixture>
{
    /// <summary>The database answers within this even on a busy shared machine (bUnit waits one second by default).</summary>
    private static readonly TimeSpan DbWait = TimeSpan.FromSeconds(10);

    private AsyncServiceScope? _scope;

    private async Task<InboxService> ActAsAsync(string userName)
    {
        _scope = await portal.ScopeAsAsync(userName);
        var inbox = _scope.Value.Get<InboxService>();
        Services.AddSingleton(inbox);
        return inbox;
    }

    private async Task<(IRenderedComponent<DecisionPanel> Cut, List<string> Decided, List<string> Conflicts)> RenderAsync(
        InboxService inbox, long taskId)
    {
        var detail = (await inbox.GetTaskAsync(taskId))!;
        var (decided, conflicts) = (new List<string>(), new List<string>());
        RenderPopoverProvider();
        var cut = Render<DecisionPanel>(p => p.Add(x => x.Detail, detail)
            .Add(x => x.OnDecided, EventCallback.Factory.Create<string>(this, decided.Add))
            .Add(x => x.OnConflict, EventCallback.Factory.Create<string>(this, conflicts.Add)));
        return (cut, decided, conflicts);
    }

    private static string[] Offered(IRenderedComponent<DecisionPanel> cut) =>
        [.. cut.FindAll("#decision-actions [data-action]").Select(b => b.GetAttribute("data-action")!)];

    [Fact]
    public async Task A_data_check_task_offers_only_the_actions_its_step_accepts_and_links_the_check_page_to_answer()
    {
        portal.Clock.Set(Beijing(2026, 11, 20));
        var (checkId, instance) = await portal.RaiseDataCheckAsync("常住人口基本信息（办理面板）");
        var task = await portal.OpenTaskAsync(instance);
        var (cut, _, _) = await RenderAsync(await ActAsAsync("lina"), task.Id);

        Assert.Equal([FlowActions.Return, FlowActions.RequestExtension], Offered(cut));
        Assert.DoesNotContain("同意", cut.Find("#decision-actions").TextContent);
        var link = cut.Find("#decision-answer-link");
        Assert.Equal($"data-checks/{checkId}", link.GetAttribute("href"));
        Assert.Contains("前往数据校核页面答复", link.TextContent);
        Assert.NotNull(cut.Find(".gdp-decision-days input")); // 申请延期 needs its days
    }

    [Fact]
    public async Task A_plain_approval_step_offers_its_own_actions_without_a_link()
    {
        portal.Clock.Set(Beijing(2026, 11, 20));
        var task = await portal.OpenTaskAsync(await portal.RaiseToPoliceAsync("办理面板：普通事项"));
        var (cut, _, _) = await RenderAsync(await ActAsAsync("lina"), task.Id);

        Assert.Equal([FlowActions.Approve, FlowActions.Return, FlowActions.RequestExtension], Offered(cut));
        Assert.Empty(cut.FindAll("#decision-answer-link"));
    }

    [Fact]
    public async Task A_reason_the_rule_requires_is_asked_for_then_one_click_decides_and_a_snackbar_confirms()
    {
        portal.Clock.Set(Beijing(2026, 11, 20));
        var instance = await portal.RaiseToPoliceAsync("办理面板：退回");
        var task = await portal.OpenTaskAsync(instance);
        var (cut, decided, _) = await RenderAsync(await ActAsAsync("lina"), task.Id);
        Assert.Contains("退回修改须填写需要修改的内容", cut.Find("#decision-form").TextContent);

        cut.Find("[data-action='Return']").Click();
        cut.WaitForAssertion(() => Assert.Equal("退回必须说明需要修改的内容。", cut.Find(".gdp-field-error[data-field='comment']").TextContent), DbWait);
        Assert.Empty(decided);

        cut.Find("#decision-comment").Input("请补充疑义数据项的记录标识");
        cut.Find("[data-action='Return']").Click();
        cut.WaitForAssertion(() => Assert.Equal(["已退回修改。"], decided), DbWait);
        var snackbar = Assert.Single(Services.GetRequiredService<ISnackbar>().ShownSnackbars);
        Assert.Equal(("已退回修改。", Severity.Success), (snackbar.Message, snackbar.Severity));
        await using var db = await portal.DbAsync();
        Assert.Equal(FlowActions.Return, (await db.FlowTasks.AsNoTracking().SingleAsync(t => t.Id == task.Id)).Decision);
    }

    [Theory]
    [InlineData(FlowActions.Return, 2001, "意见不能超过2000个字符。")]
    [InlineData(FlowActions.RequestExtension, 1001, "意见不能超过1000个字符。")] // the reason follows "申请延期N个工作日：" in the history
    public async Task An_over_long_reason_is_shown_with_its_limit_and_refused_without_cutting_it(string action, int length, string refusal)
    {
        portal.Clock.Set(Beijing(2026, 11, 20));
        var task = await portal.OpenTaskAsync(await portal.RaiseToPoliceAsync($"办理面板：超长理由 {action}"));
        var (cut, decided, _) = await RenderAsync(await ActAsAsync("lina"), task.Id);
        var comment = cut.Find("#decision-comment");
        // No limit the browser would silently cut at (MudBlazor's default is half a million characters).
        Assert.True(int.Parse(comment.GetAttribute("maxlength") ?? int.MaxValue.ToString()) > 100_000);
        Assert.Contains("申请延期须填写延期理由（最多1000个字符）", cut.Find("#decision-form").TextContent);

        comment.Input(new string('长', length));
        if (length > 2000) cut.WaitForAssertion(() => Assert.Contains("最多 2000 个字符，当前 2001 个", cut.Markup), DbWait);
        cut.Find(".gdp-decision-days input").Change("2");
        cut.Find($"[data-action='{action}']").Click();

        cut.WaitForAssertion(() => Assert.Equal(refusal, cut.Find(".gdp-field-error[data-field='comment']").TextContent), DbWait);
        Assert.Empty(decided);
        Assert.Equal(FlowTaskStatus.Open, (await portal.OpenTaskAsync(task.InstanceId)).Status);
    }

    /// <summary>
    /// Holds the task's row locked in a transaction of its own, so a decision stays on its way to the database (its
    /// UPDATE waits) until the returned transaction ends: the busy state is then certain, not a race.
    /// </summary>
    private async Task<(PortalDbContext Db, IDbContextTransaction Lock)> HoldTaskRowAsync(long taskId)
    {
        var db = await portal.DbAsync();
        var tx = await db.Database.BeginTransactionAsync();
        await db.Database.ExecuteSqlInterpolatedAsync($"SELECT 1 FROM flow_tasks WHERE \"Id\" = {taskId} FOR UPDATE");
        return (db, tx);
    }

    [Fact]
    public async Task A_second_click_while_the_first_is_on_its_way_sends_nothing()
    {
        portal.Clock.Set(Beijing(2026, 11, 20));
        var instance = await portal.RaiseToPoliceAsync("办理面板：连点");
        var task = await portal.OpenTaskAsync(instance);
        var (cut, decided, conflicts) = await RenderAsync(await ActAsAsync("lina"), task.Id);
        var (db, held) = await HoldTaskRowAsync(task.Id);

        var first = cut.Find("[data-action='Approve']").ClickAsync(new());
        var second = cut.Find("[data-action='Approve']").ClickAsync(new()); // busy: the button is disabled and the click ignored
        await second.WaitAsync(TimeSpan.FromSeconds(10)); // it returned at once, while the first still waits for the row
        Assert.False(first.IsCompleted);
        await held.RollbackAsync();
        await first.WaitAsync(TimeSpan.FromSeconds(10));
        await db.DisposeAsync();

        Assert.Equal(["已同意。"], decided);
        Assert.Empty(conflicts); // a second decision would have lost the race ("该任务已由他人处理")
        await using var check = await portal.DbAsync();
        Assert.Equal(1, await check.FlowEvents.CountAsync(e => e.InstanceId == instance && e.Action == FlowActions.Approve));
    }

    [Fact]
    public async Task The_button_shows_it_is_busy_and_every_action_is_disabled_while_deciding()
    {
        portal.Clock.Set(Beijing(2026, 11, 20));
        var task = await portal.OpenTaskAsync(await portal.RaiseToPoliceAsync("办理面板：忙碌"));
        var (cut, decided, _) = await RenderAsync(await ActAsAsync("lina"), task.Id);
        var (db, held) = await HoldTaskRowAsync(task.Id);

        var click = cut.Find("[data-action='Approve']").ClickAsync(new());

        cut.WaitForAssertion(() =>
        {
            var busy = cut.Find("[data-action='Approve']");
            Assert.Equal("true", busy.GetAttribute("aria-busy"));
            Assert.Contains("正在提交", busy.TextContent);
            Assert.NotNull(busy.QuerySelector(".gdp-decision-busy"));
            Assert.All(cut.FindAll("#decision-actions button"), b => Assert.True(b.HasAttribute("disabled")));
            Assert.True(cut.Find("#decision-comment").HasAttribute("disabled"));
        }, DbWait);
        Assert.Empty(decided);
        await held.RollbackAsync();
        await click.WaitAsync(TimeSpan.FromSeconds(10));
        await db.DisposeAsync();
        Assert.Single(decided);
        cut.WaitForAssertion(() => Assert.Empty(cut.FindAll("[aria-busy='true']")), DbWait);
    }

    protected override async ValueTask DisposeAsyncCore()
    {
        await base.DisposeAsyncCore();
        if (_scope is { } scope) await scope.DisposeAsync();
    }
}
