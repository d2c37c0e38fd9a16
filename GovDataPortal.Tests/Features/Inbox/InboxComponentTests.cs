using Bunit;
using GovDataPortal.Features.Inbox;
using GovDataPortal.Features.Workflow;
using GovDataPortal.Tests.Components;

namespace GovDataPortal.Tests.Features.Inbox;

/// <summary>The inbox's parameter-driven pieces in bUnit: remaining-days text and the history timeline.</summary>
public class InboxComponentTests : PortalComponentTest
{
    [Theory]
    [InlineData(3, "剩余3个工作日", "normal")]
    [InlineData(2, "剩余2个工作日", "warning")]
    [InlineData(0, "今日到期", "danger")]
    [InlineData(-2, "已逾期2个工作日", "danger")]
    public void Remaining_days_read_and_colour_by_the_shared_deadline_display(int days, string text, string severity)
    {
        var cut = Render<RemainingDays>(p => p
            .Add(x => x.WorkingDays, days)
            .Add(x => x.Title, "依据《双牌县政务数据资源管理办法》第二十七条第二款：5个工作日"));
        var span = cut.Find(".gdp-remaining");
        Assert.Equal(text, span.TextContent.Trim());
        Assert.Equal(severity, span.GetAttribute("data-severity"));
        Assert.Contains("第二十七条", span.GetAttribute("title"));
        Assert.Equal(severity != "normal", span.ClassList.Contains("font-weight-bold"));
    }

    [Fact]
    public void No_deadline_shows_no_remaining_days()
    {
        var cut = Render<RemainingDays>(p => p.Add(x => x.WorkingDays, null));
        Assert.Empty(cut.FindAll(".gdp-remaining"));
    }

    [Fact]
    public void The_timeline_lists_each_event_with_actor_department_comment_and_rule()
    {
        var at = new DateTimeOffset(2026, 11, 20, 2, 0, 0, TimeSpan.Zero);
        IReadOnlyList<TimelineEntry> events =
        [
            new(1, at, FlowActions.Submit, "提交", "刘洋", "双牌县市场监督管理局", null, "依据《双牌县政务数据资源管理办法》第二十七条"),
            new(2, at.AddHours(2), FlowActions.Reject, "驳回", "李娜", "双牌县公安局", "不属于本部门数据", null),
            new(3, at.AddDays(1), FlowActions.Remind, "到期提醒", null, null, "今日到期：疑义、错误数据校核", null),
        ];
        var cut = Render<FlowTimeline>(p => p.Add(x => x.Events, events));
        var entries = cut.FindAll(".gdp-timeline-entry");
        Assert.Equal(["Submit", "Reject", "Remind"], entries.Select(e => e.GetAttribute("data-action")));
        Assert.Equal("提交", entries[0].QuerySelector(".gdp-timeline-action")!.TextContent);
        Assert.Equal("刘洋（双牌县市场监督管理局）", entries[0].QuerySelector(".gdp-timeline-actor")!.TextContent);
        Assert.Contains("第二十七条", entries[0].QuerySelector(".gdp-timeline-rule")!.TextContent);
        Assert.Equal("不属于本部门数据", entries[1].QuerySelector(".gdp-timeline-comment")!.TextContent);
        Assert.Equal("系统", entries[2].QuerySelector(".gdp-timeline-actor")!.TextContent);
        Assert.Contains("2026-11-20 10:00:00", cut.FindAll(".gdp-timeline-time")[0].TextContent); // Beijing time
        Assert.Equal(3, cut.FindAll(".mud-timeline-item").Count);
    }

    [Fact]
    public void A_data_check_answer_shows_under_its_own_name_as_an_approval()
    {
        var at = new DateTimeOffset(2026, 11, 20, 2, 0, 0, TimeSpan.Zero);
        IReadOnlyList<TimelineEntry> events =
        [
            new(1, at, FlowActions.VerifiedNoError, FlowActions.DisplayName(FlowActions.VerifiedNoError), "李娜", "双牌县公安局",
                "经核实无误：已与户籍系统核对。", null),
        ];
        var cut = Render<FlowTimeline>(p => p.Add(x => x.Events, events));
        Assert.Equal("经核实无误", cut.Find(".gdp-timeline-action").TextContent);
        Assert.NotNull(cut.Find(".mud-timeline-item .mud-timeline-dot-success")); // coloured like an approval
    }

    [Fact]
    public void An_empty_history_says_so()
    {
        var cut = Render<FlowTimeline>(p => p.Add(x => x.Events, (IReadOnlyList<TimelineEntry>)[]));
        Assert.Contains("暂无办理记录", cut.Markup);
        Assert.Empty(cut.FindAll(".mud-timeline"));
    }
}
