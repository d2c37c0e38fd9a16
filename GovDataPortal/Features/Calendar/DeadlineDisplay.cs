using System.Globalization;

namespace GovDataPortal.Features.Calendar;

public enum DeadlineSeverity
{
    Normal,
    /// <summary>Two working days or fewer left.</summary>
    Warning,
    /// <summary>Due today or overdue.</summary>
    Danger,
}

/// <summary>How every screen shows a deadline, so they all read the same (pure; the calendar computes, this formats).</summary>
public static class DeadlineDisplay
{
    public const int WarningWorkingDays = 2;

    /// <summary>"2026-12-04（星期五）23:59 截止", with "（暂定）" when a year in the span has no published schedule.</summary>
    public static string Due(Deadline deadline) => Due(deadline.Due, deadline.Provisional);

    public static string Due(DateOnly due, bool provisional) =>
        $"{due.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)}（{CalendarRules.WeekdayText(due)}）23:59 截止{(provisional ? "（暂定）" : "")}";

    /// <param name="workingDaysUntil">From <see cref="IWorkingDayCalendar.WorkingDaysUntil"/>.</param>
    public static string Remaining(int workingDaysUntil) => workingDaysUntil switch
    {
        > 0 => $"剩余{workingDaysUntil}个工作日",
        0 => "今日到期",
        _ => $"已逾期{-workingDaysUntil}个工作日",
    };

    public static DeadlineSeverity Severity(int workingDaysUntil) => workingDaysUntil switch
    {
        <= 0 => DeadlineSeverity.Danger,
        <= WarningWorkingDays => DeadlineSeverity.Warning,
        _ => DeadlineSeverity.Normal,
    };

    /// <summary>Both lines for a deadline as of <paramref name="today"/> (Asia/Shanghai date).</summary>
    public static (string Due, string Remaining, DeadlineSeverity Severity) Describe(Deadline deadline, DateOnly today, IWorkingDayCalendar calendar)
    {
        var left = calendar.WorkingDaysUntil(today, deadline.Due);
        return (Due(deadline), Remaining(left), Severity(left));
    }

    /// <summary>The theme colour matching a severity: red overdue or due today, amber soon, plain otherwise.</summary>
    public static MudBlazor.Color Color(DeadlineSeverity severity) => severity switch
    {
        DeadlineSeverity.Danger => MudBlazor.Color.Error,
        DeadlineSeverity.Warning => MudBlazor.Color.Warning,
        _ => MudBlazor.Color.Default,
    };
}
