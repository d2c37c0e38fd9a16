using System.Globalization;
using GovDataPortal.Infrastructure;
using F = GovDataPortal.Features.Calendar.CalendarFields;

namespace GovDataPortal.Features.Calendar;

/// <summary>Answer of <c>GET /api/calendar/add-working-days</c>; dueAt is 23:59:59 with the +08:00 offset.</summary>
public sealed record AddWorkingDaysResponse(DateOnly From, int Days, DateOnly Due, DateTimeOffset DueAt, bool Provisional);

public sealed record CalendarDayResponse(DateOnly Date, string Kind, string Name);

public sealed record CalendarYearResponse(int Year, bool Published, IReadOnlyList<CalendarDayResponse> Days);

/// <summary>
/// The working-day calculator and the yearly schedules on the token-protected <c>/api</c> group. Query values are
/// taken as strings and checked here, so a bad one is a 400 naming it in Chinese rather than a framework message.
/// </summary>
public static class CalendarEndpoints
{
    public const int MaxDays = 366;

    public static RouteGroupBuilder Map(RouteGroupBuilder api)
    {
        api.MapGet("/calendar/add-working-days", AddWorkingDays).WithName("AddWorkingDays")
            .WithSummary("计算期限：受理日之后第N个工作日的23:59:59（北京时间），受理当日不计入；含未发布年份时标注暂定");
        api.MapGet("/calendar/{year}", GetYear).WithName("GetCalendarYear")
            .WithSummary("某年节假日安排（按公告年份）：节假日与调休上班日；未发布的年份不参与期限计算");
        return api;
    }

    private static AddWorkingDaysResponse AddWorkingDays(string? from, string? days, IWorkingDayCalendar calendar)
    {
        var (receivedOn, count) = ParseQuery(from, days);
        var d = calendar.AddWorkingDays(receivedOn, count);
        return new AddWorkingDaysResponse(d.From, d.Days, d.Due, d.DueAt, d.Provisional);
    }

    internal static (DateOnly From, int Days) ParseQuery(string? from, string? days)
    {
        var errors = new ValidationErrors();
        if (string.IsNullOrWhiteSpace(from))
            errors.Add(F.From, "请提供受理日期 from（格式 YYYY-MM-DD）。");
        else if (!DateOnly.TryParseExact(from.Trim(), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var parsed))
            errors.Add(F.From, "受理日期 from 格式不正确，应为 YYYY-MM-DD，如 2026-09-30。");
        else if (!CalendarRules.IsSupportedYear(parsed.Year))
            errors.Add(F.From, "受理日期 from 的" + CalendarRules.YearRangeMessage);
        if (string.IsNullOrWhiteSpace(days))
            errors.Add(F.Days, $"请提供工作日数 days（0至{MaxDays}的整数）。");
        else if (!int.TryParse(days.Trim(), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var n) || n is < 0 or > MaxDays)
            errors.Add(F.Days, $"工作日数 days 须为0至{MaxDays}的整数。");
        errors.ThrowIfInvalid();
        return (DateOnly.ParseExact(from!.Trim(), "yyyy-MM-dd", CultureInfo.InvariantCulture), int.Parse(days!.Trim(), CultureInfo.InvariantCulture));
    }

    private static async Task<CalendarYearResponse> GetYear(int year, CalendarAdminService calendar, CancellationToken ct)
    {
        var (published, days) = await calendar.ReadYearAsync(year, ct);
        return new CalendarYearResponse(year, published,
            days.Select(d => new CalendarDayResponse(d.Date, d.Kind == CalendarDayKind.Holiday ? "holiday" : "workday", d.Name)).ToList());
    }
}
