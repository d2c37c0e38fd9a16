using GovDataPortal.Infrastructure;

namespace GovDataPortal.Features.Calendar;

/// <summary>
/// An immutable snapshot of the official calendar that answers every working-day question in O(1), without the
/// database. A day is a working day when it is a makeup day (调休上班日), or Mon–Fri and not a holiday
/// (cn-holidays-SOURCES.md, "Working-day rule"). Special days count only when their notice year is published; every
/// other day follows the weekends-only rule, and a deadline touching an unpublished calendar year is provisional (暂定).
/// </summary>
/// <remarks>
/// Days are handled as <see cref="DateOnly.DayNumber"/>s. Inside a window covering the published years, a prefix
/// count (<c>_rank</c>) and the sorted list of working days (<c>_workingDays</c>) turn "the Nth working day after X"
/// into two array reads; outside the window the weekly pattern (5 of 7) is closed arithmetic. So no input walks
/// day by day, whatever the span.
/// </remarks>
public sealed class WorkingDayTable
{
    public const int MinYear = 1900;
    public const int MaxYear = 2200;

    /// <summary>China has kept +08:00 all year since 1992 (summer time ended in 1991); earlier dates ask the zone.</summary>
    private static readonly TimeSpan ChinaOffset = TimeSpan.FromHours(8);
    private static readonly int FixedOffsetFrom = new DateOnly(1992, 1, 1).DayNumber;
    private static readonly long FixedOffsetFromUtcTicks = new DateTimeOffset(1992, 1, 1, 0, 0, 0, ChinaOffset).UtcTicks;
    private static readonly TimeSpan EndOfDay = new TimeOnly(23, 59, 59).ToTimeSpan();

    private readonly int _start;          // first day number of the window
    private readonly int _end;            // day number after the window
    private readonly int[] _rank;         // _rank[i] = working days in [_start, _start + i)
    private readonly int[] _workingDays;  // day numbers of the window's working days, ascending
    private readonly int _rankAtStart;    // working days before the window (weekends-only rule)
    private readonly int _firstPublished;
    private readonly bool[] _published;   // index: year − _firstPublished

    public static WorkingDayTable Empty { get; } = new([], []);

    /// <param name="specialDays">Holidays and makeup days; those of an unpublished notice year are ignored.</param>
    /// <param name="publishedYears">Years whose schedule (notice) is published.</param>
    public WorkingDayTable(IEnumerable<CalendarDay> specialDays, IEnumerable<int> publishedYears)
    {
        var published = publishedYears.Distinct().Order().ToArray();
        var applied = specialDays.Where(d => Array.BinarySearch(published, d.NoticeYear) >= 0).ToList();

        _firstPublished = published.Length == 0 ? 0 : published[0];
        _published = new bool[published.Length == 0 ? 0 : published[^1] - _firstPublished + 1];
        foreach (var y in published) _published[y - _firstPublished] = true;

        var years = published.Concat(applied.Select(d => d.Date.Year)).ToList();
        _start = years.Count == 0 ? 0 : new DateOnly(years.Min(), 1, 1).DayNumber;
        _end = years.Count == 0 ? 0 : new DateOnly(years.Max(), 12, 31).DayNumber + 1;
        _rankAtStart = WeekdaysBefore(_start);
        (_rank, _workingDays) = BuildWindow(_start, _end, applied);
    }

    private static (int[] Rank, int[] WorkingDays) BuildWindow(int start, int end, List<CalendarDay> days)
    {
        var holidays = days.Where(d => d.Kind == CalendarDayKind.Holiday).Select(d => d.Date.DayNumber).ToHashSet();
        var makeups = days.Where(d => d.Kind == CalendarDayKind.Workday).Select(d => d.Date.DayNumber).ToHashSet();
        var rank = new int[end - start + 1];
        var working = new List<int>(end - start);
        for (var d = start; d < end; d++)
        {
            rank[d - start] = working.Count;
            if (makeups.Contains(d) || (IsWeekday(d) && !holidays.Contains(d))) working.Add(d);
        }
        rank[end - start] = working.Count;
        return (rank, working.ToArray());
    }

    // DayNumber 0 (0001-01-01) is a Monday, so day % 7 is 0..4 on Mon–Fri.
    private static bool IsWeekday(int dayNumber) => dayNumber % 7 < 5;

    private static int WeekdaysBefore(int dayNumber) => dayNumber / 7 * 5 + Math.Min(dayNumber % 7, 5);

    private static long NthWeekday(long index) => index / 5 * 7 + index % 5;

    /// <summary>Working days with a day number below <paramref name="dayNumber"/> (over all time).</summary>
    private long RankBefore(int dayNumber)
    {
        if (dayNumber <= _start) return WeekdaysBefore(dayNumber);
        if (dayNumber <= _end) return _rankAtStart + _rank[dayNumber - _start];
        return _rankAtStart + _workingDays.Length + WeekdaysBefore(dayNumber) - WeekdaysBefore(_end);
    }

    /// <summary>The day number of the working day with 0-based global index <paramref name="index"/>.</summary>
    private long WorkingDayAt(long index)
    {
        if (index < _rankAtStart) return NthWeekday(index);
        var inWindow = index - _rankAtStart;
        if (inWindow < _workingDays.Length) return _workingDays[inWindow];
        return NthWeekday(inWindow - _workingDays.Length + WeekdaysBefore(_end));
    }

    public bool IsWorkingDay(DateOnly day)
    {
        var d = day.DayNumber;
        if (d < _start || d >= _end) return IsWeekday(d);
        return _rank[d - _start + 1] != _rank[d - _start];
    }

    public bool IsPublished(int year)
    {
        var i = year - _firstPublished;
        return i >= 0 && i < _published.Length && _published[i];
    }

    /// <summary>
    /// The portal's counting rule (stated on screen): the receipt day is not counted; the deadline is the end (23:59:59 Asia/Shanghai)
    /// of the Nth working day after the receipt date. A receipt on a non-working day needs no special case: the
    /// first working day after it is the first one counted. <paramref name="days"/> = 0 is the receipt day's own end
    /// ("same day"), whether or not it is a working day.
    /// </summary>
    public Deadline AddWorkingDays(DateOnly receivedOn, int days)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(days);
        var due = days == 0 ? receivedOn : DayAt(WorkingDayAt(RankBefore(receivedOn.DayNumber + 1) + days - 1));
        return new Deadline(receivedOn, days, due, EndOf(due), AnyUnpublished(receivedOn.Year, due.Year));
    }

    public Deadline AddWorkingDays(DateTimeOffset receivedAt, int days) => AddWorkingDays(ChinaDate(receivedAt), days);

    /// <summary>The Beijing date of an instant; plain arithmetic since 1992 (a zone conversion costs more than the rest).</summary>
    public static DateOnly ChinaDate(DateTimeOffset instant) =>
        instant.UtcTicks >= FixedOffsetFromUtcTicks
            ? DateOnly.FromDayNumber((int)((instant.UtcTicks + ChinaOffset.Ticks) / TimeSpan.TicksPerDay))
            : DateOnly.FromDateTime(instant.ToChina().DateTime);

    private static DateOnly DayAt(long dayNumber) =>
        dayNumber <= DateOnly.MaxValue.DayNumber
            ? DateOnly.FromDayNumber((int)dayNumber)
            : throw new ArgumentOutOfRangeException(nameof(dayNumber), "期限超出可表示的日期范围。");

    /// <summary>23:59:59 of the day in Asia/Shanghai, carrying the +08:00 offset (not converted to UTC).</summary>
    public static DateTimeOffset EndOf(DateOnly day)
    {
        // Straight from ticks (DayNumber counts days from 0001-01-01, as DateTime ticks do): this runs per deadline.
        var ticks = day.DayNumber * TimeSpan.TicksPerDay + EndOfDay.Ticks;
        if (day.DayNumber >= FixedOffsetFrom) return new DateTimeOffset(ticks, ChinaOffset);
        return new DateTimeOffset(ticks, ChinaTime.Zone.GetUtcOffset(new DateTime(ticks, DateTimeKind.Unspecified)));
    }

    private bool AnyUnpublished(int fromYear, int toYear)
    {
        for (var y = fromYear; y <= toYear; y++)
            if (!IsPublished(y)) return true;
        return false;
    }

    /// <summary>
    /// Working days from <paramref name="today"/> to <paramref name="due"/>: the working days after the earlier date
    /// up to and including the later one, signed (+ left, − overdue, 0 due today). A date past the due date is at
    /// least 1 overdue even over a weekend, so a Friday deadline never reads "due today" on Saturday; likewise a due
    /// date after today is at least 1 left.
    /// </summary>
    public int WorkingDaysUntil(DateOnly today, DateOnly due)
    {
        if (today == due) return 0;
        var (first, last) = today < due ? (today, due) : (due, today);
        var between = (int)(RankBefore(last.DayNumber + 1) - RankBefore(first.DayNumber + 1));
        return today < due ? Math.Max(1, between) : -Math.Max(1, between);
    }

    /// <summary>Working days of a calendar year under this table.</summary>
    public int WorkingDaysIn(int year) =>
        (int)(RankBefore(new DateOnly(year, 12, 31).DayNumber + 1) - RankBefore(new DateOnly(year, 1, 1).DayNumber));
}
