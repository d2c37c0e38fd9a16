namespace GovDataPortal.Features.Calendar;

public sealed record CalendarDayRow(DateOnly Date, CalendarDayKind Kind, string Name, int NoticeYear)
{
    public string WeekdayText => CalendarRules.WeekdayText(Date);
    public string KindText => CalendarRules.KindText(Kind);
}

/// <summary>
/// One notice year as the administrator sees it. <see cref="WorkingDays"/> counts the calendar year as if this
/// schedule were in force (so a draft can be checked against the expected count before publishing).
/// </summary>
public sealed record CalendarYearView(
    int Year,
    bool IsPublished,
    DateTimeOffset? PublishedAt,
    string? Source,
    IReadOnlyList<CalendarDayRow> Days,
    int WorkingDays,
    IReadOnlyList<string> MissingFestivals)
{
    public int HolidayCount => Days.Count(d => d.Kind == CalendarDayKind.Holiday);
    public int WorkdayCount => Days.Count(d => d.Kind == CalendarDayKind.Workday);
    public bool IsComplete => MissingFestivals.Count == 0;
}

public sealed record CalendarImportResult(int Added, int Changed, int Removed, int Unchanged);

/// <summary>A value and its Chinese label, for drop-downs.</summary>
public sealed record CalendarOption<T>(T Value, string Text);
