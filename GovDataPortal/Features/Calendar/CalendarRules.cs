using GovDataPortal.Infrastructure;

namespace GovDataPortal.Features.Calendar;

/// <summary>Field keys of calendar forms and problem details.</summary>
public static class CalendarFields
{
    public const string Year = "year";
    public const string Date = "date";
    public const string Kind = "kind";
    public const string Name = "name";
    public const string NoticeYear = "noticeYear";
    public const string File = "file";
    public const string From = "from";
    public const string Days = "days";
}

/// <summary>What a special day and a year's schedule must satisfy before the calculator may use them.</summary>
public static class CalendarRules
{
    public const int NameMaxLength = 50;
    public const string MakeupNotWeekendMessage = "调休上班日必须是星期六或星期日。";
    public const string BothKindsMessage = "同一日期不能既是节假日又是调休上班日。";

    /// <summary>
    /// Shown on the calendar page and cited where deadlines are computed: the portal's counting rule (stated on screen with every deadline).
    /// </summary>
    public const string CountingRule =
        "期限计算规则：受理当日不计入；期限为受理日之后第N个工作日的23:59:59（北京时间）。工作日不含周末和国务院公布的法定节假日，" +
        "含调休上班日。在非工作日受理的，同样从其后的第一个工作日起算。尚未发布节假日安排的年份仅排除周末，期限标注为“暂定”。";

    /// <summary>
    /// The statutory festivals of 《全国年节及纪念日放假办法》 that every yearly notice schedules. A year is complete
    /// (may be published) when each appears in the name of at least one holiday row; a combined item such as
    /// "国庆节、中秋节" counts for both festivals it names.
    /// </summary>
    public static readonly IReadOnlyList<string> Festivals = ["元旦", "春节", "清明节", "劳动节", "端午节", "中秋节", "国庆节"];

    public static IReadOnlyList<string> MissingFestivals(IEnumerable<(CalendarDayKind Kind, string Name)> rows)
    {
        var holidayNames = rows.Where(r => r.Kind == CalendarDayKind.Holiday).Select(r => r.Name).ToList();
        return Festivals.Where(f => !holidayNames.Any(n => n.Contains(f, StringComparison.Ordinal))).ToList();
    }

    public static string IncompleteMessage(int year, IReadOnlyList<string> missing) =>
        $"{year}年的节假日安排不完整，缺少{string.Join("、", missing)}的放假日期。七个法定节日（{string.Join("、", Festivals)}）各须至少有一天放假。";

    /// <summary>Range the portal accepts for schedules and deadline queries.</summary>
    public static bool IsSupportedYear(int year) => year is >= WorkingDayTable.MinYear and <= WorkingDayTable.MaxYear;

    public static string YearRangeMessage => $"年份须在{WorkingDayTable.MinYear}至{WorkingDayTable.MaxYear}之间。";

    /// <summary>
    /// A notice is about one year, but its 元旦 span may start in the previous December (2023's notice has
    /// 2022-12-31; 2012's had a makeup day on 2011-12-31). Nothing else of another year belongs to it.
    /// </summary>
    public static bool BelongsToNotice(DateOnly date, int noticeYear) =>
        date.Year == noticeYear || (date.Year == noticeYear - 1 && date.Month == 12);

    /// <summary>Checks one row on its own; messages are Chinese and keyed by field.</summary>
    public static IEnumerable<(string Field, string Message)> Check(DateOnly date, CalendarDayKind kind, string? name, int noticeYear)
    {
        if (!IsSupportedYear(noticeYear))
            yield return (CalendarFields.NoticeYear, "公告年份" + YearRangeMessage);
        else if (!BelongsToNotice(date, noticeYear))
            yield return (CalendarFields.Date, $"日期 {date:yyyy-MM-dd} 不属于{noticeYear}年的节假日安排（只能是{noticeYear}年内，或{noticeYear - 1}年12月的跨年元旦）。");
        if (!Enum.IsDefined(kind))
            yield return (CalendarFields.Kind, "类型须为节假日或调休上班日。");
        else if (kind == CalendarDayKind.Workday && date.DayOfWeek is not (DayOfWeek.Saturday or DayOfWeek.Sunday))
            yield return (CalendarFields.Kind, MakeupNotWeekendMessage);
        if (InputText.IsRefused(name))
            yield return (CalendarFields.Name, "名称" + InputText.RefusedMessage);
        else if (InputText.IsBlank(name))
            yield return (CalendarFields.Name, "请填写名称（如“春节”）。");
        else if (InputText.Normalise(name)!.Length > NameMaxLength)
            yield return (CalendarFields.Name, $"名称不能超过{NameMaxLength}个字符。");
    }

    public static string KindText(CalendarDayKind kind) => kind switch
    {
        CalendarDayKind.Holiday => "节假日",
        CalendarDayKind.Workday => "调休上班日",
        _ => kind.ToString(),
    };

    public static string WeekdayText(DateOnly date) => date.DayOfWeek switch
    {
        DayOfWeek.Monday => "星期一",
        DayOfWeek.Tuesday => "星期二",
        DayOfWeek.Wednesday => "星期三",
        DayOfWeek.Thursday => "星期四",
        DayOfWeek.Friday => "星期五",
        DayOfWeek.Saturday => "星期六",
        _ => "星期日",
    };
}
