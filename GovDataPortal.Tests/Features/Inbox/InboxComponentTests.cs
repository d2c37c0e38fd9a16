using GovDataPortal.Features.Inbox;
using GovDataPortal.Features.Workflow;
using GovDataPortal.Tests.Components;

namespace GovDataPortal.Tests.Features.Inbox;

/// <summary>The inbox's parameter-driven pieces rendered statically: remaining-days text and the history timeline.</summary>
public class InboxComponentTests
{
    [Theory]
    [InlineData(3, "剩余3个工作日", "normal")]
    [InlineData(2, "剩余2个工作日", "warning")]
    [InlineData(0, "今日到期", "danger")]
    [InlineData(-2, "已逾期2个工作日", "danger")]
    public async Task Remaining_days_read_and_colour_by_the_shared_deadline_display(int days, string text, string severity)
    {
        var doc = await ComponentRenderer.RenderAsync<RemainingDays>(new Dictionary<string, object?>
        {
            [nameof(RemainingDays.WorkingDays)] = (int?)days,
            [nameof(RemainingDays.Title)] = "依据《双牌县政务数据资源管理办法》第二十七条第二款：5个工作日",
        });
        var span = doc.QuerySelector(".gdp-remaining")!;
        Assert.Equal(text, span.TextContent.Trim());
        Assert.Equal(severity, span.GetAttribute("data-severity"));
        Assert.Contains("第二十七条", span.GetAttribute("title"));
    }

    [Fact]
    public async Task No_deadline_shows_no_remaining_days()
    {
        var doc = await ComponentRenderer.RenderAsync<RemainingDays>(new Dictionary<string, object?> { [nameof(RemainingDays.WorkingDays)] = null });
        Assert.Null(doc.QuerySelector(".gdp-remaining"));
    }

    [Fact]
    public async Task The_timeline_lists_each_event_with_actor_department_comment_and_rule()
    {
        var at = new DateTimeOffset(2026, 11, 20, 2, 0, 0, TimeSpan.Zero);
        IReadOnlyList<TimelineEntry> events =
        [
            new(1, at, FlowActions.Submit, "提交", "刘洋", "双牌县市场监督管理局", null, "依据《双牌县政务数据资源管理办法》第二十七条"),
            new(2, at.AddHours(2), FlowActions.Reject, "驳回", "李娜", "双牌县公安局", "不属于本部门数据", null),
            new(3, at.AddDays(1), FlowActions.Remind, "到期提醒", null, null, "今日到期：疑义、错误数据校核", null),
        ];
        var doc = await ComponentRenderer.RenderAsync<FlowTimeline>(new Dictionary<string, object?> { [nameof(FlowTimeline.Events)] = events });
        var entries = doc.QuerySelectorAll(".gdp-timeline-entry");
        Assert.Equal(["Submit", "Reject", "Remind"], entries.Select(e => e.GetAttribute("data-action")));
        Assert.Equal("提交", entries[0].QuerySelector(".gdp-timeline-action")!.TextContent);
        Assert.Equal("刘洋（双牌县市场监督管理局）", entries[0].QuerySelector(".gdp-timeline-actor")!.TextContent);
        Assert.Contains("第二十七条", entries[0].QuerySelector(".gdp-timeline-rule")!.TextContent);
        Assert.Equal("不属于本部门数据", entries[1].QuerySelector(".gdp-timeline-comment")!.TextContent);
        Assert.Equal("系统", entries[2].QuerySelector(".gdp-timeline-actor")!.TextContent);
        Assert.Contains("2026-11-20 10:00:00", doc.QuerySelectorAll(".gdp-timeline-time")[0].TextContent); // Beijing time
    }

    [Fact]
    public async Task An_empty_history_says_so()
    {
        var doc = await ComponentRenderer.RenderAsync<FlowTimeline>(new Dictionary<string, object?>
        {
            [nameof(FlowTimeline.Events)] = (IReadOnlyList<TimelineEntry>)[],
        });
        Assert.Contains("暂无办理记录", doc.Body!.TextContent);
    }
}
