using System.Security.Claims;
using Bunit;
using GovDataPortal.Features.Calendar;
using GovDataPortal.Features.Identity;
using GovDataPortal.Infrastructure;
using GovDataPortal.Tests.Components;
using GovDataPortal.Tests.Support;
using Microsoft.Extensions.DependencyInjection;
using static GovDataPortal.Tests.Features.Calendar.CalendarTestData;

namespace GovDataPortal.Tests.Features.Calendar;

/// <summary>The reminder to enter next year's schedule (no database: the calendar is the shipped table).</summary>
public class CalendarNoticeTests
{
    private static CalendarNoticeService Notice(WorkingDayTable table, DateTimeOffset now) =>
        new(new TableCalendar(table), new SettableClock(now));

    private static readonly DateTimeOffset Nov1Beijing = new(2026, 11, 1, 0, 30, 0, TimeSpan.FromHours(8));

    [Fact]
    public void From_1_November_an_unpublished_next_year_is_missing()
    {
        var notice = Notice(Table, Nov1Beijing);
        Assert.True(notice.NextYearMissing(D("2026-11-01")));
        Assert.True(notice.NextYearMissing(D("2026-12-31")));
        Assert.False(notice.NextYearMissing(D("2026-10-31")));
        Assert.Equal(2027, notice.MissingYear()); // 00:30 Beijing is still 31 Oct in UTC
    }

    [Fact]
    public void Nothing_is_missing_once_next_year_is_published()
    {
        var with2027 = new WorkingDayTable(Days, [.. Years, 2027]);
        Assert.False(Notice(with2027, Nov1Beijing).NextYearMissing(D("2026-11-01")));
        Assert.Null(Notice(with2027, Nov1Beijing).MissingYear());
    }

    [Fact]
    public void On_31_October_Beijing_time_there_is_no_banner_year()
    {
        var oct31 = new DateTimeOffset(2026, 10, 31, 23, 30, 0, TimeSpan.FromHours(8));
        Assert.Null(Notice(Table, oct31).MissingYear());
    }

    /// <summary>The banner rendered by bUnit for a user with <paramref name="role"/> (or nobody) at <paramref name="now"/>.</summary>
    private sealed class Banner : PortalComponentTest
    {
        public IRenderedComponent<CalendarYearBanner> Render(string? role, DateTimeOffset now)
        {
            var actor = new CurrentActor();
            if (role is not null)
                actor.Set(new ClaimsPrincipal(new ClaimsIdentity([new Claim(ClaimTypes.Name, "x"), new Claim(ClaimTypes.Role, role)], "test")), null);
            Services.AddSingleton(actor);
            Services.AddSingleton(Notice(Table, now));
            return Render<CalendarYearBanner>();
        }
    }

    [Fact]
    public async Task The_banner_shows_the_system_administrator_the_missing_year_with_a_link_and_can_be_closed()
    {
        await using var context = new Banner();
        var cut = context.Render(PortalRoles.SystemAdmin, Nov1Beijing);

        var banner = cut.Find(".gdp-calendar-banner");
        Assert.Contains("明年（2027年）的节假日安排尚未录入，期限将按仅排除周末暂定计算。请系统管理员在“工作日历”中录入并发布。", banner.TextContent);
        Assert.Equal("admin/calendar?year=2027", banner.QuerySelector("a")!.GetAttribute("href"));

        cut.Find(".gdp-calendar-banner button").Click();
        Assert.Empty(cut.FindAll(".gdp-calendar-banner"));
    }

    [Theory]
    [InlineData(PortalRoles.DataSpecialist)]
    [InlineData(null)]
    public async Task The_banner_stays_hidden_from_everyone_else(string? role)
    {
        await using var context = new Banner();
        Assert.Empty(context.Render(role, Nov1Beijing).FindAll(".gdp-calendar-banner"));
    }

    [Fact]
    public async Task The_banner_stays_hidden_before_November()
    {
        await using var context = new Banner();
        Assert.Empty(context.Render(PortalRoles.SystemAdmin, new DateTimeOffset(2026, 10, 31, 12, 0, 0, TimeSpan.FromHours(8)))
            .FindAll(".gdp-calendar-banner"));
    }
}
