namespace GovDataPortal.Infrastructure;

/// <summary>Instants are stored in UTC; people read them in Asia/Shanghai.</summary>
public static class ChinaTime
{
    public static readonly TimeZoneInfo Zone = TimeZoneInfo.FindSystemTimeZoneById("Asia/Shanghai");

    public static DateTimeOffset ToChina(this DateTimeOffset instant) => TimeZoneInfo.ConvertTime(instant, Zone);

    public static string Format(DateTimeOffset? instant) =>
        instant is null ? "—" : instant.Value.ToChina().ToString("yyyy-MM-dd HH:mm:ss", System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>Beijing time to the minute, as lists show it ("2026-11-20 09:05"); "—" when there is none.</summary>
    public static string FormatMinutes(DateTimeOffset? instant) =>
        instant is null ? "—" : instant.Value.ToChina().ToString("yyyy-MM-dd HH:mm", System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>A configured duration as people say it: "30 分钟", "8 小时", "1 小时 30 分钟".</summary>
    public static string FormatDuration(TimeSpan span)
    {
        var hours = (int)span.TotalHours;
        var minutes = span.Minutes;
        return (hours, minutes) switch
        {
            (0, _) => $"{(int)span.TotalMinutes} 分钟",
            (_, 0) => $"{hours} 小时",
            _ => $"{hours} 小时 {minutes} 分钟",
        };
    }

    private static readonly string[] WeekDays = ["星期日", "星期一", "星期二", "星期三", "星期四", "星期五", "星期六"];

    /// <summary>"2026年12月1日 星期二".</summary>
    public static string LongDate(DateOnly day) => $"{day.Year}年{day.Month}月{day.Day}日 {WeekDays[(int)day.DayOfWeek]}";

    /// <summary>The Beijing calendar date of an instant.</summary>
    public static DateOnly DateOf(DateTimeOffset instant) => DateOnly.FromDateTime(instant.ToChina().DateTime);

    public static DateOnly Today(TimeProvider clock) => DateOnly.FromDateTime(clock.GetUtcNow().ToChina().DateTime);

    /// <summary>The UTC instant at which a China calendar day begins.</summary>
    public static DateTimeOffset StartOfDay(DateOnly day) =>
        new DateTimeOffset(day.ToDateTime(TimeOnly.MinValue), Zone.GetUtcOffset(day.ToDateTime(TimeOnly.MinValue))).ToUniversalTime();
}
