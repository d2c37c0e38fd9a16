using GovDataPortal.Features.Calendar;
using static GovDataPortal.Tests.Features.Calendar.CalendarTestData;

namespace GovDataPortal.Tests.Features.Calendar;

public class DeadlineDisplayTests
{
    [Fact]
    public void The_due_date_reads_with_weekday_and_time()
    {
        var deadline = Table.AddWorkingDays(D("2026-11-20"), 10);
        Assert.Equal("2026-12-04（星期五）23:59 截止", DeadlineDisplay.Due(deadline));
    }

    [Fact]
    public void A_provisional_deadline_says_so()
    {
        var deadline = Table.AddWorkingDays(D("2026-12-28"), 10);
        Assert.Equal("2027-01-11（星期一）23:59 截止（暂定）", DeadlineDisplay.Due(deadline));
    }

    [Theory]
    [InlineData(3, "剩余3个工作日", DeadlineSeverity.Normal)]
    [InlineData(2, "剩余2个工作日", DeadlineSeverity.Warning)]
    [InlineData(1, "剩余1个工作日", DeadlineSeverity.Warning)]
    [InlineData(0, "今日到期", DeadlineSeverity.Danger)]
    [InlineData(-2, "已逾期2个工作日", DeadlineSeverity.Danger)]
    public void Remaining_text_and_severity(int left, string text, DeadlineSeverity severity)
    {
        Assert.Equal(text, DeadlineDisplay.Remaining(left));
        Assert.Equal(severity, DeadlineDisplay.Severity(left));
    }

    [Fact]
    public void Describe_counts_from_today_through_the_calendar()
    {
        var deadline = Table.AddWorkingDays(D("2026-09-30"), 5);
        var (due, remaining, severity) = DeadlineDisplay.Describe(deadline, D("2026-10-09"), new TableCalendar(Table));
        Assert.Equal("2026-10-13（星期二）23:59 截止", due);
        Assert.Equal("剩余3个工作日", remaining); // 10-10 (makeup Saturday), 10-12, 10-13
        Assert.Equal(DeadlineSeverity.Normal, severity);
    }
}
