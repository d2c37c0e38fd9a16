namespace GovDataPortal.Features.Calendar;

/// <summary>
/// A computed deadline: the end (23:59:59 Asia/Shanghai) of the <see cref="Days"/>-th working day after the receipt
/// date <see cref="From"/>; the receipt day is not counted, and a receipt on a non-working day counts from the next
/// working day the same way (the portal's counting rule, stated on screen). <see cref="Provisional"/>: a year in the
/// span has no published schedule, so weekends alone were used (shown as 暂定).
/// </summary>
public sealed record Deadline(DateOnly From, int Days, DateOnly Due, DateTimeOffset DueAt, bool Provisional);

/// <summary>Working-day arithmetic over the official calendar, held in memory (never queries the database).</summary>
public interface IWorkingDayCalendar
{
    bool IsWorkingDay(DateOnly day);

    /// <summary>True when the year has no published schedule (weekends only, 暂定).</summary>
    bool IsProvisional(int year);

    Deadline AddWorkingDays(DateOnly receivedOn, int days);

    /// <summary>Receipt instant converted to its Asia/Shanghai date first.</summary>
    Deadline AddWorkingDays(DateTimeOffset receivedAt, int days);

    /// <summary>
    /// Working days from <paramref name="today"/> to <paramref name="due"/>: positive = that many left after today,
    /// 0 = due today, negative = overdue by that many working days.
    /// </summary>
    int WorkingDaysUntil(DateOnly today, DateOnly due);

    /// <summary>Drops the cache after an edit; the next call reloads.</summary>
    void Invalidate();
}
