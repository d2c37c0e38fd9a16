using GovDataPortal.Infrastructure;

namespace GovDataPortal.Features.Calendar;

/// <summary>
/// Reminds administrators to enter next year's schedule. The State Council usually publishes it in Oct–Dec
/// (cn-holidays-SOURCES.md, "2027 — not covered"); from 1 November on, deadlines running into a year without a
/// published schedule are already common enough to warn about.
/// </summary>
public sealed class CalendarNoticeService(IWorkingDayCalendar calendar, TimeProvider clock)
{
    public const int WarnFromMonth = 11;

    public bool NextYearMissing(DateOnly today) => today.Month >= WarnFromMonth && calendar.IsProvisional(today.Year + 1);

    /// <summary>The year to ask for today (Asia/Shanghai), or null when nothing is missing.</summary>
    public int? MissingYear()
    {
        var today = ChinaTime.Today(clock);
        return NextYearMissing(today) ? today.Year + 1 : null;
    }

    public static string Message(int year) =>
        $"明年（{year}年）的节假日安排尚未录入，期限将按仅排除周末暂定计算。请系统管理员在“工作日历”中录入并发布。";
}
