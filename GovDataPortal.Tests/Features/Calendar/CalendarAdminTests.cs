using System.Text;
using GovDataPortal.Features.Calendar;
using GovDataPortal.Infrastructure;
using GovDataPortal.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using static GovDataPortal.Tests.Features.Calendar.CalendarTestData;

namespace GovDataPortal.Tests.Features.Calendar;

/// <summary>
/// Maintaining schedules on the migrated database (2020–2026 loaded and published). Each test works on a year of
/// its own, so the tests of this class never see each other's edits.
/// </summary>
public class CalendarAdminTests(PortalFixture portal) : IClassFixture<PortalFixture>
{
    /// <summary>A made-up but complete schedule for <paramref name="year"/>: 11 lines, the last a makeup Saturday.</summary>
    public static string CompleteCsv(int year, params string[] extraLines)
    {
        var saturday = new DateOnly(year, 10, 8);
        while (saturday.DayOfWeek != DayOfWeek.Saturday) saturday = saturday.AddDays(1);
        return "date,kind,name,year_notice\n" + string.Join("\n", new[]
        {
            "01-01,holiday,元旦", "02-02,holiday,春节", "02-03,holiday,春节", "02-04,holiday,春节", "04-05,holiday,清明节",
            "05-01,holiday,劳动节", "06-05,holiday,端午节", "09-12,holiday,中秋节", "10-01,holiday,国庆节",
            "10-02,holiday,国庆节", $"{saturday:MM-dd},workday,国庆节",
        }.Select(l => $"{year}-{l},{year}").Concat(extraLines)) + "\n";
    }

    private static MemoryStream Utf8(string text) => new(Encoding.UTF8.GetBytes(text));

    private async Task<T> AsAdminAsync<T>(Func<CalendarAdminService, Task<T>> action, string user = "admin")
    {
        await using var scope = await portal.ScopeAsAsync(user);
        return await action(scope.Get<CalendarAdminService>());
    }

    private Task AsAdminAsync(Func<CalendarAdminService, Task> action, string user = "admin") =>
        AsAdminAsync(async s => { await action(s); return 0; }, user);

    private async Task<int> RowCountAsync(int noticeYear)
    {
        await using var db = await portal.DbAsync();
        return await db.CalendarDays.CountAsync(d => d.NoticeYear == noticeYear);
    }

    [Fact]
    public async Task The_loaded_2026_schedule_is_listed_published_complete_with_248_working_days()
    {
        var view = await AsAdminAsync(s => s.ListYearAsync(2026));

        Assert.True(view.IsPublished);
        Assert.True(view.IsComplete);
        Assert.Equal((33, 6, 248), (view.HolidayCount, view.WorkdayCount, view.WorkingDays));
        var makeup = Assert.Single(view.Days, d => d.Date == D("2026-10-10"));
        Assert.Equal(("星期六", "调休上班日", "国庆节"), (makeup.WeekdayText, makeup.KindText, makeup.Name));
    }

    [Fact]
    public async Task The_2023_notice_lists_its_day_in_december_2022()
    {
        var view = await AsAdminAsync(s => s.ListYearAsync(2023));
        Assert.Equal(D("2022-12-31"), view.Days[0].Date);
        Assert.Equal(249, view.WorkingDays);
    }

    [Fact]
    public async Task Importing_and_publishing_a_year_changes_deadlines_at_once()
    {
        var calendar = portal.Services.GetRequiredService<IWorkingDayCalendar>();
        Assert.True(calendar.IsWorkingDay(D("2030-10-01")));    // Tuesday, weekends only
        Assert.True(calendar.AddWorkingDays(D("2030-09-30"), 1).Provisional);

        var imported = await AsAdminAsync(s => s.ImportCsvAsync(2030, Utf8(CompleteCsv(2030))));
        Assert.Equal(new CalendarImportResult(11, 0, 0, 0), imported);
        Assert.True(calendar.IsWorkingDay(D("2030-10-01")));    // imported but not yet published: not in force
        await AsAdminAsync(s => s.PublishAsync(2030, "测试通知"));

        Assert.False(calendar.IsWorkingDay(D("2030-10-01")));
        Assert.True(calendar.IsWorkingDay(D("2030-10-12")));    // the makeup Saturday
        var deadline = calendar.AddWorkingDays(D("2030-09-30"), 1);
        Assert.Equal((D("2030-10-03"), false), (deadline.Due, deadline.Provisional));

        await AsAdminAsync(s => s.UnpublishAsync(2030));
        Assert.Equal(D("2030-10-01"), calendar.AddWorkingDays(D("2030-09-30"), 1).Due);
        Assert.True(calendar.IsProvisional(2030));
    }

    [Fact]
    public async Task Adding_a_day_to_a_published_year_takes_effect_and_is_audited()
    {
        var calendar = portal.Services.GetRequiredService<IWorkingDayCalendar>();
        Assert.True(calendar.IsWorkingDay(D("2025-12-01")));

        await AsAdminAsync(s => s.AddDayAsync(D("2025-12-01"), CalendarDayKind.Holiday, " 测试假日 "));

        Assert.False(calendar.IsWorkingDay(D("2025-12-01")));
        Assert.Equal(247, calendar is WorkingDayCalendar c ? c.Current.WorkingDaysIn(2025) : 0);
        await using var db = await portal.DbAsync();
        Assert.Equal("测试假日", (await db.CalendarDays.SingleAsync(d => d.Date == D("2025-12-01"))).Name);
        Assert.True(await db.AuditRecords.AnyAsync(a => a.EntityType == "CalendarDay" && a.Action == GovDataPortal.Features.Audit.AuditActions.Create));

        await AsAdminAsync(s => s.RemoveDayAsync(D("2025-12-01")));
        Assert.True(calendar.IsWorkingDay(D("2025-12-01")));
    }

    [Fact]
    public async Task A_makeup_day_on_a_wednesday_is_refused()
    {
        var refused = await Assert.ThrowsAsync<ValidationFailedException>(() =>
            AsAdminAsync(s => s.AddDayAsync(D("2031-10-01"), CalendarDayKind.Workday, "国庆节")));
        Assert.Equal(["调休上班日必须是星期六或星期日。"], refused.Errors.ByField[CalendarFields.Kind]);
        Assert.Equal(0, await RowCountAsync(2031));
    }

    [Fact]
    public async Task Over_long_names_and_sources_are_refused_in_Chinese_and_nothing_is_saved()
    {
        var longName = await Assert.ThrowsAsync<ValidationFailedException>(() =>
            AsAdminAsync(s => s.AddDayAsync(D("2041-01-01"), CalendarDayKind.Holiday, new string('元', CalendarRules.NameMaxLength + 1))));
        Assert.Equal([$"名称不能超过{CalendarRules.NameMaxLength}个字符。"], longName.Errors.ByField[CalendarFields.Name]);
        Assert.Equal(0, await RowCountAsync(2041));

        await AsAdminAsync(s => s.ImportCsvAsync(2041, Utf8(CompleteCsv(2041))));
        var longSource = await Assert.ThrowsAsync<ValidationFailedException>(() =>
            AsAdminAsync(s => s.PublishAsync(2041, new string('号', CalendarAdminService.SourceMaxLength + 1))));
        Assert.Equal([$"依据不能超过{CalendarAdminService.SourceMaxLength}个字符。"], longSource.Errors.ByField["source"]);
        Assert.False((await AsAdminAsync(s => s.ListYearAsync(2041))).IsPublished);
    }

    [Fact]
    public async Task A_date_cannot_be_both_holiday_and_makeup_day()
    {
        var refused = await Assert.ThrowsAsync<ValidationFailedException>(() =>
            AsAdminAsync(s => s.AddDayAsync(D("2026-10-10"), CalendarDayKind.Holiday, "国庆节")));
        Assert.StartsWith(CalendarRules.BothKindsMessage, refused.Errors.ByField[CalendarFields.Date].Single());

        var importRefused = await Assert.ThrowsAsync<ValidationFailedException>(() =>
            AsAdminAsync(s => s.ImportCsvAsync(2033, Utf8("date,kind,name,year_notice\n2033-10-01,holiday,国庆节,2033\n2033-10-01,workday,国庆节,2033\n"))));
        Assert.StartsWith("第3行：同一日期不能既是节假日又是调休上班日", importRefused.Errors.ByField[CalendarFields.File].Single());
    }

    [Fact]
    public async Task An_import_with_one_bad_line_saves_nothing()
    {
        var bad = CompleteCsv(2029, "2029-10-03,workday,国庆节,2029"); // a Wednesday: line 13
        var refused = await Assert.ThrowsAsync<ValidationFailedException>(() => AsAdminAsync(s => s.ImportCsvAsync(2029, Utf8(bad))));

        Assert.Equal(["第13行：调休上班日必须是星期六或星期日。"], refused.Errors.ByField[CalendarFields.File]);
        Assert.Equal(0, await RowCountAsync(2029));
    }

    [Fact]
    public async Task An_import_that_would_leave_a_published_year_incomplete_is_refused_and_the_year_is_unchanged()
    {
        var withoutMostFestivals = "date,kind,name,year_notice\n2024-01-01,holiday,元旦,2024\n2024-02-10,holiday,春节,2024\n";
        var refused = await Assert.ThrowsAsync<DomainException>(() => AsAdminAsync(s => s.ImportCsvAsync(2024, Utf8(withoutMostFestivals))));

        Assert.Contains("2024年已发布", refused.Message);
        Assert.Contains("清明节", refused.Message);
        Assert.Equal(36, await RowCountAsync(2024));
        Assert.Equal(251, portal.Services.GetRequiredService<WorkingDayCalendar>().Current.WorkingDaysIn(2024));
    }

    [Fact]
    public async Task Publishing_an_incomplete_year_is_refused()
    {
        await AsAdminAsync(s => s.AddDayAsync(D("2032-01-01"), CalendarDayKind.Holiday, "元旦"));

        var refused = await Assert.ThrowsAsync<DomainException>(() => AsAdminAsync(s => s.PublishAsync(2032)));

        Assert.Equal(CalendarFields.Year, refused.Field);
        Assert.Contains("缺少春节、清明节、劳动节、端午节、中秋节、国庆节", refused.Message);
        Assert.True(portal.Services.GetRequiredService<IWorkingDayCalendar>().IsProvisional(2032));
        Assert.False((await AsAdminAsync(s => s.ListYearAsync(2032))).IsPublished);
    }

    [Fact]
    public async Task Reimporting_a_year_changes_only_what_differs()
    {
        await AsAdminAsync(s => s.ImportCsvAsync(2034, Utf8(CompleteCsv(2034))));
        var changed = CompleteCsv(2034).Replace("2034-06-05,holiday,端午节", "2034-06-05,holiday,端午节假期")
            .Replace("2034-10-02,holiday,国庆节,2034\n", "");

        var result = await AsAdminAsync(s => s.ImportCsvAsync(2034, Utf8(changed)));

        Assert.Equal(new CalendarImportResult(0, 1, 1, 9), result);
        Assert.Equal(10, await RowCountAsync(2034));
    }

    [Fact]
    public async Task An_import_the_database_refuses_halfway_leaves_the_year_and_the_log_as_they_were()
    {
        await AsAdminAsync(s => s.ImportCsvAsync(2036, Utf8(CompleteCsv(2036))));
        var before = await DaysAsync(2036);
        long auditBefore;
        await using (var db = await portal.DbAsync()) auditBefore = await db.AuditRecords.LongCountAsync();
        // A name changed, a day dropped, and two days added of which the database refuses the second: the statement
        // fails after the others were sent, so only a transaction around the whole import keeps it all-or-nothing.
        var file = CompleteCsv(2036, "2036-12-30,holiday,测试,2036", "2036-12-31,holiday,数据库拒绝,2036")
            .Replace("2036-06-05,holiday,端午节", "2036-06-05,holiday,端午节假期").Replace("2036-10-02,holiday,国庆节,2036\n", "");
        await ExecuteAsync("""
            CREATE FUNCTION test_refuse_day() RETURNS trigger LANGUAGE plpgsql AS
            $$ BEGIN IF NEW."Name" = '数据库拒绝' THEN RAISE EXCEPTION 'refused by test trigger'; END IF; RETURN NEW; END $$;
            CREATE TRIGGER test_refuse_day BEFORE INSERT ON calendar_days FOR EACH ROW EXECUTE FUNCTION test_refuse_day();
            """);
        try
        {
            await Assert.ThrowsAnyAsync<DbUpdateException>(() => AsAdminAsync(s => s.ImportCsvAsync(2036, Utf8(file))));
        }
        finally
        {
            await ExecuteAsync("DROP TRIGGER test_refuse_day ON calendar_days; DROP FUNCTION test_refuse_day();");
        }

        Assert.Equal(before, await DaysAsync(2036));
        await using (var db = await portal.DbAsync()) Assert.Equal(auditBefore, await db.AuditRecords.LongCountAsync());
    }

    private async Task<List<(DateOnly, CalendarDayKind, string)>> DaysAsync(int noticeYear)
    {
        await using var db = await portal.DbAsync();
        return (await db.CalendarDays.Where(d => d.NoticeYear == noticeYear).OrderBy(d => d.Date).ToListAsync())
            .Select(d => (d.Date, d.Kind, d.Name)).ToList();
    }

    /// <summary>DDL arranged by the test: as the server's superuser, since the portal's own role may not run any.</summary>
    private Task ExecuteAsync(string sql) => TestDatabase.ExecuteAsync(sql, portal.ConnectionString);

    [Fact]
    public async Task A_day_of_another_notice_cannot_be_imported_again()
    {
        var refused = await Assert.ThrowsAsync<ValidationFailedException>(() => AsAdminAsync(s =>
            s.ImportCsvAsync(2022, Utf8("date,kind,name,year_notice\n2022-12-31,holiday,元旦,2022\n"))));
        Assert.Contains("已属于2023年的节假日安排", refused.Errors.ByField[CalendarFields.File].Single());
    }

    [Fact]
    public async Task A_business_user_may_not_read_or_change_the_calendar()
    {
        await Assert.ThrowsAsync<AccessDeniedException>(() => AsAdminAsync(s => s.ListYearAsync(2026), "zhangwei"));
        await Assert.ThrowsAsync<AccessDeniedException>(() =>
            AsAdminAsync(s => s.AddDayAsync(D("2035-01-01"), CalendarDayKind.Holiday, "元旦"), "zhangwei"));
        await Assert.ThrowsAsync<AccessDeniedException>(() => AsAdminAsync(s => s.ImportCsvAsync(2035, Utf8(CompleteCsv(2035))), "zhangwei"));
        await Assert.ThrowsAsync<AccessDeniedException>(() => AsAdminAsync(s => s.UnpublishAsync(2026), "zhangwei"));
        Assert.Equal(0, await RowCountAsync(2035));
        Assert.False(portal.Services.GetRequiredService<IWorkingDayCalendar>().IsProvisional(2026));
    }
}
