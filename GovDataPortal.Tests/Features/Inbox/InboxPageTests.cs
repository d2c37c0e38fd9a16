using Bunit;
using GovDataPortal.Features.Inbox;
using GovDataPortal.Tests.Components;
using GovDataPortal.Tests.Support;
using Microsoft.Extensions.DependencyInjection;
using static GovDataPortal.Tests.Features.Inbox.InboxArrange;

namespace GovDataPortal.Tests.Features.Inbox;

/// <summary>我的待办 in bUnit over the real InboxService: both tabs, their rows and their empty states in Chinese.</summary>
public class InboxPageTests(PortalFixture portal) : PortalComponentTest, IClassFixture<PortalFixture>
{
    /// <summary>The database answers within this even on a busy shared machine (bUnit waits one second by default).</summary>
    private static readonly TimeSpan DbWait = TimeSpan.FromSeconds(10);

    private AsyncServiceScope? _scope;

    private async Task<IRenderedComponent<InboxPage>> RenderAsAsync(string userName, string? address = null)
    {
        _scope = await portal.ScopeAsAsync(userName);
        Services.AddSingleton(_scope.Value.Get<InboxService>());
        if (address is not null) Services.GetRequiredService<Bunit.TestDoubles.BunitNavigationManager>().NavigateTo(address);
        RenderPopoverProvider();
        return Render<InboxPage>();
    }

    [Fact]
    public async Task A_row_shows_subject_step_sender_received_due_and_remaining_days_with_the_rule()
    {
        portal.Clock.Set(Beijing(2026, 11, 23));
        var id = await portal.RaiseToPoliceAsync("页面行内容");
        var task = await portal.OpenTaskAsync(id);
        portal.Clock.Set(Beijing(2026, 11, 25));

        var cut = await RenderAsAsync("lina");

        cut.WaitForAssertion(() => Assert.NotEmpty(cut.FindAll("#inbox-grid tbody tr .gdp-inbox-subject")), DbWait);
        var row = cut.FindAll("#inbox-grid tbody tr").Single(r => r.TextContent.Contains("页面行内容"));
        Assert.Equal($"inbox/{task.Id}", row.QuerySelector("a.gdp-inbox-subject")!.GetAttribute("href"));
        Assert.Contains("提供部门校核并反馈结果", row.TextContent);
        Assert.Equal("刘洋（双牌县市场监督管理局）", row.QuerySelector(".gdp-inbox-sender")!.TextContent.Trim());
        Assert.Contains("2026-11-23 10:00", row.TextContent);
        Assert.Contains("2026-11-30", row.QuerySelector(".gdp-inbox-due")!.TextContent);
        Assert.Contains("第二十七条", row.QuerySelector(".gdp-inbox-due")!.GetAttribute("title"));
        var remaining = row.QuerySelector(".gdp-remaining")!;
        Assert.Equal(("剩余3个工作日", "normal"), (remaining.TextContent.Trim(), remaining.GetAttribute("data-severity")));
        Assert.Contains("第二十七条", remaining.GetAttribute("title"));
    }

    [Fact]
    public async Task The_workbench_overdue_link_opens_the_inbox_with_only_overdue_tasks()
    {
        portal.Clock.Set(Beijing(2026, 11, 16));
        await portal.RaiseToPoliceAsync("逾期链接：早");
        portal.Clock.Set(Beijing(2026, 11, 27));
        await portal.RaiseToPoliceAsync("逾期链接：新");

        var cut = await RenderAsAsync("lina", "inbox?overdue=true");

        cut.WaitForAssertion(() => Assert.Contains("逾期链接：早", cut.Find("#inbox-grid").TextContent), DbWait);
        Assert.DoesNotContain("逾期链接：新", cut.Find("#inbox-grid").TextContent);
        Assert.True(cut.Find(".gdp-filter-overdue input").HasAttribute("checked"));
    }

    [Fact]
    public async Task Both_tabs_say_so_in_Chinese_when_there_is_nothing()
    {
        var cut = await RenderAsAsync("yangfan"); // 人力资源和社会保障局: nothing raised to it here

        Assert.Equal(["待办", "已办"], cut.FindAll(".mud-tab").Select(t => t.TextContent.Trim()));
        cut.WaitForAssertion(() => Assert.Equal("暂无待办。", cut.Find("#inbox-empty").TextContent.Trim()), DbWait);
        cut.FindAll(".mud-tab")[1].Click();
        cut.WaitForAssertion(() => Assert.Equal("暂无已办。", cut.Find("#done-empty").TextContent.Trim()), DbWait);
        Assert.DoesNotContain("Rows per page", cut.Markup);
    }

    [Fact]
    public async Task The_flow_and_overdue_filters_reload_the_grid_from_the_first_page()
    {
        portal.Clock.Set(Beijing(2026, 11, 16));
        await portal.RaiseToPoliceAsync("筛选：共享申请", GovDataPortal.Features.Policies.FlowKeys.ConditionalShare);
        await portal.RaiseToPoliceAsync("筛选：数据校核");
        var cut = await RenderAsAsync("lina");
        cut.WaitForAssertion(() => Assert.Contains("筛选：共享申请", cut.Find("#inbox-grid").TextContent), DbWait);

        var flow = cut.FindComponent<MudBlazor.MudSelect<string>>();
        await cut.InvokeAsync(() => flow.Instance.SelectOption(GovDataPortal.Features.Policies.FlowKeys.DataCheck));
        cut.WaitForAssertion(() =>
        {
            Assert.Contains("筛选：数据校核", cut.Find("#inbox-grid").TextContent);
            Assert.DoesNotContain("筛选：共享申请", cut.Find("#inbox-grid").TextContent);
        }, DbWait);

        cut.Find(".gdp-filter-overdue input").Change(true); // nothing of lina's is overdue on 16 November
        cut.WaitForAssertion(() => Assert.Equal("没有符合筛选条件的待办。", cut.Find("#inbox-empty").TextContent.Trim()), DbWait);
    }

    protected override async ValueTask DisposeAsyncCore()
    {
        await base.DisposeAsyncCore();
        if (_scope is { } scope) await scope.DisposeAsync();
    }
}
