using GovDataPortal.Features.Calendar;
using static GovDataPortal.Tests.Features.Calendar.CalendarTestData;

namespace GovDataPortal.Tests.Features.Calendar;

/// <summary>The working-day arithmetic against the official 2020–2026 schedule (no database).</summary>
public class WorkingDayTableTests
{
    private static readonly WorkingDayTable T = Table;

    [Fact]
    public void Every_makeup_day_of_the_schedule_is_a_working_day_and_every_holiday_row_is_not()
    {
        Assert.Equal(46, Days.Count(d => d.Kind == CalendarDayKind.Workday));
        Assert.Equal(208, Days.Count(d => d.Kind == CalendarDayKind.Holiday));
        foreach (var d in Days)
            Assert.True(T.IsWorkingDay(d.Date) == (d.Kind == CalendarDayKind.Workday), $"{d.Date} {d.Kind} {d.Name}");
    }

    /// <summary>The days just outside each holiday span, classified by the rule of cn-holidays-SOURCES.md.</summary>
    [Fact]
    public void The_day_before_and_after_every_holiday_span_follow_the_rule()
    {
        var spans = HolidaySpans();
        Assert.Equal(46, spans.Count); // 7 festivals × 7 years, less the combined 国庆/中秋 items and the extended 2020 春节
        foreach (var (first, last) in spans)
        {
            foreach (var outside in new[] { first.AddDays(-1), last.AddDays(1) })
                Assert.True(T.IsWorkingDay(outside) == ByRule(outside), $"{outside} next to span {first}..{last}");
            for (var d = first; d <= last; d = d.AddDays(1))
                Assert.False(T.IsWorkingDay(d), $"{d} inside span {first}..{last}");
        }
    }

    private static List<(DateOnly First, DateOnly Last)> HolidaySpans()
    {
        var holidays = Days.Where(d => d.Kind == CalendarDayKind.Holiday).Select(d => d.Date).Order().ToList();
        var spans = new List<(DateOnly, DateOnly)>();
        foreach (var d in holidays)
            if (spans.Count > 0 && spans[^1].Item2.AddDays(1) == d) spans[^1] = (spans[^1].Item1, d);
            else spans.Add((d, d));
        return spans;
    }

    private static bool ByRule(DateOnly d)
    {
        var row = Days.FirstOrDefault(x => x.Date == d);
        if (row is not null) return row.Kind == CalendarDayKind.Workday;
        return d.DayOfWeek is not (DayOfWeek.Saturday or DayOfWeek.Sunday);
    }

    [Theory]
    [InlineData("2026-02-13", true)]  // Friday before
    [InlineData("2026-02-14", true)]  // Saturday makeup day
    [InlineData("2026-02-15", false)]
    [InlineData("2026-02-20", false)] // Friday inside 春节
    [InlineData("2026-02-23", false)] // Monday, last day
    [InlineData("2026-02-24", true)]
    [InlineData("2026-02-28", true)]  // Saturday makeup day after
    [InlineData("2026-03-01", false)]
    public void The_2026_spring_festival_span(string day, bool working) => Assert.Equal(working, T.IsWorkingDay(D(day)));

    [Theory]
    [InlineData("2025-09-27", false)] // Saturday
    [InlineData("2025-09-28", true)]  // Sunday makeup day
    [InlineData("2025-09-30", true)]
    [InlineData("2025-10-01", false)]
    [InlineData("2025-10-08", false)] // Wednesday, last day of 国庆节、中秋节
    [InlineData("2025-10-09", true)]
    [InlineData("2025-10-11", true)]  // Saturday makeup day
    [InlineData("2025-10-12", false)]
    public void The_2025_national_day_span_with_its_two_makeup_days(string day, bool working) => Assert.Equal(working, T.IsWorkingDay(D(day)));

    [Theory]
    [InlineData("2023-12-29", true)]
    [InlineData("2023-12-30", false)] // weekend "与周末连休", not a holiday row
    [InlineData("2023-12-31", false)]
    [InlineData("2024-01-01", false)]
    [InlineData("2024-01-02", true)]
    [InlineData("2022-12-30", true)]
    [InlineData("2022-12-31", false)] // from the 2023 notice
    [InlineData("2023-01-02", false)]
    [InlineData("2023-01-03", true)]
    public void New_years_day_spans_around_the_turn_of_the_year(string day, bool working) => Assert.Equal(working, T.IsWorkingDay(D(day)));

    [Fact]
    public void The_holiday_on_2024_new_years_day_is_a_row_of_its_own()
    {
        Assert.Single(Days, d => d.NoticeYear == 2024 && d.Name == "元旦");
        Assert.DoesNotContain(Days, d => d.Date == D("2023-12-30") || d.Date == D("2023-12-31"));
    }

    [Theory]
    [InlineData(2020, 249)]
    [InlineData(2021, 250)]
    [InlineData(2022, 249)]
    [InlineData(2023, 249)]
    [InlineData(2024, 251)]
    [InlineData(2025, 248)]
    [InlineData(2026, 248)]
    public void Working_days_per_year_match_the_sanity_counts(int year, int expected) => Assert.Equal(expected, T.WorkingDaysIn(year));

    [Theory]
    [InlineData("2026-09-30", 5, "2026-10-13")] // 10-01..07 off; 10-08, 10-09, 10-10 (Sat makeup), 10-12, 10-13
    [InlineData("2020-12-31", 3, "2021-01-06")] // 2021-01-01..03 off
    [InlineData("2022-12-30", 1, "2023-01-03")] // 2022-12-31..2023-01-02 off
    [InlineData("2026-11-21", 1, "2026-11-23")] // received Saturday: Monday is the first working day after it
    [InlineData("2026-11-22", 1, "2026-11-23")] // received Sunday
    [InlineData("2026-10-03", 1, "2026-10-08")] // received on a holiday
    [InlineData("2026-10-01", 3, "2026-10-10")] // the makeup Saturday counts
    [InlineData("2026-10-10", 1, "2026-10-12")] // received on the makeup Saturday itself: not counted
    [InlineData("2026-02-13", 1, "2026-02-14")] // before 春节: the Saturday makeup day is the next working day
    [InlineData("2026-02-13", 2, "2026-02-24")]
    [InlineData("2026-02-12", 2, "2026-02-14")]
    [InlineData("2026-11-20", 10, "2026-12-04")]
    [InlineData("2024-02-08", 1, "2024-02-09")] // 除夕 2024 stays a working day
    public void Deadlines_count_working_days_after_the_receipt_date(string from, int days, string due)
    {
        var d = T.AddWorkingDays(D(from), days);
        Assert.Equal(D(due), d.Due);
        Assert.Equal(new DateTimeOffset(D(due).ToDateTime(new TimeOnly(23, 59, 59)), TimeSpan.FromHours(8)), d.DueAt);
        Assert.Equal(TimeSpan.FromHours(8), d.DueAt.Offset);
        Assert.False(d.Provisional);
        Assert.Equal((D(from), days), (d.From, d.Days));
    }

    [Theory]
    [InlineData("2026-11-20")] // a working day
    [InlineData("2026-11-21")] // a Saturday
    [InlineData("2026-10-01")] // a holiday
    public void Zero_days_is_due_at_the_end_of_the_receipt_day(string from)
    {
        var d = T.AddWorkingDays(D(from), 0);
        Assert.Equal(D(from), d.Due);
        Assert.Equal("23:59:59 +08:00", d.DueAt.ToString("HH:mm:ss zzz", System.Globalization.CultureInfo.InvariantCulture));
    }

    [Fact]
    public void The_end_of_a_day_carries_the_offset_in_force_in_Beijing_that_day()
    {
        Assert.Equal(new DateTimeOffset(2026, 10, 13, 23, 59, 59, TimeSpan.FromHours(8)), WorkingDayTable.EndOf(D("2026-10-13")));
        // China kept summer time (+09:00) from 1986 to 1991.
        Assert.Equal(TimeSpan.FromHours(9), WorkingDayTable.EndOf(D("1988-07-01")).Offset);
        Assert.Equal(TimeSpan.FromHours(8), WorkingDayTable.EndOf(D("1991-12-31")).Offset);
    }

    [Fact]
    public void Negative_days_are_refused() =>
        Assert.Throws<ArgumentOutOfRangeException>(() => T.AddWorkingDays(D("2026-01-05"), -1));

    [Fact]
    public void A_receipt_instant_counts_from_its_Beijing_date()
    {
        // 17:30 UTC on 30 Sept is 01:30 on 1 Oct in Beijing: received during the holiday.
        var d = T.AddWorkingDays(new DateTimeOffset(2026, 9, 30, 17, 30, 0, TimeSpan.Zero), 1);
        Assert.Equal(D("2026-10-01"), d.From);
        Assert.Equal(D("2026-10-08"), d.Due);
    }

    [Theory]
    [InlineData("2026-09-30T15:59:59Z", "2026-09-30")]
    [InlineData("2026-09-30T16:00:00Z", "2026-10-01")]
    [InlineData("2026-10-01T00:00:00+08:00", "2026-10-01")]
    [InlineData("2026-09-30T23:00:00-05:00", "2026-10-01")]
    [InlineData("1988-07-01T15:30:00Z", "1988-07-02")] // +09:00 summer time then
    [InlineData("1988-07-01T14:30:00Z", "1988-07-01")]
    public void The_Beijing_date_of_an_instant(string instant, string date) =>
        Assert.Equal(D(date), WorkingDayTable.ChinaDate(DateTimeOffset.Parse(instant, System.Globalization.CultureInfo.InvariantCulture)));

    [Fact]
    public void A_year_without_published_schedule_counts_weekends_only_and_is_provisional()
    {
        Assert.True(T.IsWorkingDay(D("2027-01-01"))); // a Friday; any 2027 元旦 is unknown yet
        Assert.False(T.IsWorkingDay(D("2027-01-02")));
        Assert.False(T.IsPublished(2027));
        var d = T.AddWorkingDays(D("2027-03-05"), 1); // Friday → Monday
        Assert.Equal(D("2027-03-08"), d.Due);
        Assert.True(d.Provisional);
    }

    [Fact]
    public void A_span_crossing_into_an_unpublished_year_is_provisional_and_one_ending_before_it_is_not()
    {
        var crossing = T.AddWorkingDays(D("2026-12-28"), 10); // 12-29..31, 2027-01-01, 01-04..08, 01-11
        Assert.Equal(D("2027-01-11"), crossing.Due);
        Assert.True(crossing.Provisional);

        var inside = T.AddWorkingDays(D("2026-12-28"), 3);
        Assert.Equal(D("2026-12-31"), inside.Due);
        Assert.False(inside.Provisional);
    }

    [Fact]
    public void A_receipt_in_an_unpublished_year_is_provisional()
    {
        var d = T.AddWorkingDays(D("2019-12-31"), 1);
        Assert.Equal(D("2020-01-02"), d.Due); // 2020-01-01 元旦
        Assert.True(d.Provisional);
    }

    [Fact]
    public void Special_days_of_an_unpublished_notice_are_ignored()
    {
        var only2025 = new WorkingDayTable(Days, [2025]);
        Assert.True(only2025.IsWorkingDay(D("2026-10-01")));   // Thursday, its holiday not in force
        Assert.False(only2025.IsWorkingDay(D("2026-10-10")));  // Saturday, its makeup day not in force
        Assert.False(only2025.IsWorkingDay(D("2025-10-01")));
        Assert.True(only2025.AddWorkingDays(D("2026-09-30"), 5).Provisional);
        Assert.Equal(D("2026-10-07"), only2025.AddWorkingDays(D("2026-09-30"), 5).Due);
    }

    [Fact]
    public void An_empty_table_is_weekends_only_everywhere()
    {
        var empty = WorkingDayTable.Empty;
        Assert.Equal(D("2026-10-07"), empty.AddWorkingDays(D("2026-09-30"), 5).Due);
        Assert.Equal(261, empty.WorkingDaysIn(2027));
        Assert.True(empty.AddWorkingDays(D("2026-09-30"), 5).Provisional);
    }

    [Theory]
    [InlineData("2026-09-30", "2026-10-13", 5)]
    [InlineData("2026-10-13", "2026-10-13", 0)]
    [InlineData("2026-10-14", "2026-10-13", -1)]
    [InlineData("2026-10-20", "2026-10-13", -5)]
    [InlineData("2026-10-01", "2026-10-08", 1)]  // today a holiday, due the first working day after it
    [InlineData("2026-10-17", "2026-10-16", -1)] // Saturday after a Friday deadline: overdue, not "due today"
    [InlineData("2026-10-19", "2026-10-16", -1)]
    [InlineData("2026-10-16", "2026-10-17", 1)]  // a due date after today is never "due today"
    [InlineData("2026-12-30", "2027-01-04", 3)]  // 12-31, 2027-01-01 (weekends only), 01-04
    public void Working_days_until_a_due_date(string today, string due, int expected) =>
        Assert.Equal(expected, T.WorkingDaysUntil(D(today), D(due)));

    /// <summary>Cross-check of the O(1) arithmetic against plain day-by-day counting, across the window edges.</summary>
    [Fact]
    public void The_fast_arithmetic_agrees_with_stepping_day_by_day()
    {
        var random = new Random(20261120);
        for (var i = 0; i < 3000; i++)
        {
            var from = D("2018-06-01").AddDays(random.Next(0, 365 * 10));
            var days = random.Next(0, 120);
            var naive = from;
            for (var left = days; left > 0;)
            {
                naive = naive.AddDays(1);
                if (T.IsWorkingDay(naive)) left--;
            }
            var due = T.AddWorkingDays(from, days).Due;
            Assert.True(naive == due, $"{from} + {days}: stepping {naive}, table {due}");
            Assert.Equal(days, T.WorkingDaysUntil(from, due));
        }
    }

    [Fact]
    public void Dates_far_outside_the_schedule_follow_the_weekly_pattern()
    {
        Assert.Equal(D("1900-01-02"), T.AddWorkingDays(D("1900-01-01"), 1).Due); // Monday → Tuesday
        Assert.Equal(D("2200-01-03"), T.AddWorkingDays(D("2199-12-31"), 3).Due); // Tuesday → Wed, Thu, Fri
        Assert.Equal(D("2200-01-06"), T.AddWorkingDays(D("2199-12-31"), 4).Due); // … skipping the weekend
        Assert.Equal(D("2019-12-31"), T.AddWorkingDays(D("2019-12-27"), 2).Due); // before the window, into it
    }
}
