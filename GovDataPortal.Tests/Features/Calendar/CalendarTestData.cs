using GovDataPortal.Features.Calendar;

namespace GovDataPortal.Tests.Features.Calendar;

/// <summary>The shipped schedule (the embedded CSV the migration loads), read without a database.</summary>
public static class CalendarTestData
{
    public static readonly int[] Years = [2020, 2021, 2022, 2023, 2024, 2025, 2026];

    public static string CsvText()
    {
        using var stream = typeof(CalendarDay).Assembly.GetManifestResourceStream("cn-holidays-2020-2026.csv")
            ?? throw new InvalidOperationException("embedded cn-holidays-2020-2026.csv missing");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }

    public static IReadOnlyList<CalendarDay> Days { get; } = CalendarCsv.Parse(CsvText(), null).Rows
        .Select(r => new CalendarDay { Date = r.Date, Kind = r.Kind, Name = r.Name, NoticeYear = r.NoticeYear }).ToList();

    /// <summary>All of 2020–2026 published, as after the lead's migration.</summary>
    public static WorkingDayTable Table { get; } = new(Days, Years);

    public static DateOnly D(string iso) => DateOnly.ParseExact(iso, "yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
}

/// <summary>An <see cref="IWorkingDayCalendar"/> over a fixed table, for tests of code that only consumes the contract.</summary>
public sealed class TableCalendar(WorkingDayTable table) : IWorkingDayCalendar
{
    public bool IsWorkingDay(DateOnly day) => table.IsWorkingDay(day);
    public bool IsProvisional(int year) => !table.IsPublished(year);
    public Deadline AddWorkingDays(DateOnly receivedOn, int days) => table.AddWorkingDays(receivedOn, days);
    public Deadline AddWorkingDays(DateTimeOffset receivedAt, int days) => table.AddWorkingDays(receivedAt, days);
    public int WorkingDaysUntil(DateOnly today, DateOnly due) => table.WorkingDaysUntil(today, due);
    public void Invalidate() { }
}
