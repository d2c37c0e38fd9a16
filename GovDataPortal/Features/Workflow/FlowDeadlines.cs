using GovDataPortal.Features.Calendar;
using GovDataPortal.Features.Policies;
using GovDataPortal.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace GovDataPortal.Features.Workflow;

/// <summary>
/// Every deadline of every flow: counted in working days through <see cref="IWorkingDayCalendar"/> from the step's
/// anchor (the task's arrival, the flow's start, or a date given at the start), plus granted extensions; and the
/// durable timers around it (a reminder before, one on the day, the timeout action after).
/// </summary>
public sealed class FlowDeadlines(IWorkingDayCalendar calendar, TimeProvider clock, IOptions<WorkflowOptions> options)
{
    /// <summary>The day counting starts from for <paramref name="step"/> in <paramref name="instance"/>.</summary>
    public static DateOnly CountsFrom(FlowInstance instance, StepRule step, DateTimeOffset receivedAt) => step.Anchor switch
    {
        DeadlineAnchor.FlowStarted => ChinaTime.DateOf(instance.StartedAt),
        DeadlineAnchor.GivenDate => instance.AnchorDate ?? throw new DomainException("该流程的期限自指定日期起算，但未提供该日期。"),
        _ => ChinaTime.DateOf(receivedAt),
    };

    /// <summary>Due = the Nth working day after <see cref="FlowTask.CountsFrom"/>, N = the rule's days plus granted extensions.</summary>
    public void SetDeadline(FlowTask task)
    {
        if (task.DeadlineDays is not { } days || task.CountsFrom is not { } from) return;
        var deadline = calendar.AddWorkingDays(from, days + task.ExtensionDays);
        // Stored as a UTC instant (timestamptz); shown in Beijing time.
        (task.DueDate, task.DueAt, task.Provisional) = (deadline.Due, deadline.DueAt.ToUniversalTime(), deadline.Provisional);
    }

    public void ScheduleTimers(PortalDbContext db, FlowTask task)
    {
        if (task.DueDate is not { } due || task.DeadlineDays is not { } days || task.CountsFrom is not { } from) return;
        var o = options.Value;
        var now = clock.GetUtcNow();
        var total = days + task.ExtensionDays;
        if (o.RemindDaysBefore > 0 && total > o.RemindDaysBefore)
            AddTimer(db, task, FlowTimerKind.Reminder, Morning(calendar.AddWorkingDays(from, total - o.RemindDaysBefore).Due), now);
        if (o.RemindOnDueDay) AddTimer(db, task, FlowTimerKind.DueToday, Morning(due), now);
        AddTimer(db, task, FlowTimerKind.Overdue, task.DueAt!.Value.AddSeconds(1), now);
    }

    /// <summary>Drops the task's pending timers (its deadline moved).</summary>
    public static async Task CancelTimersAsync(PortalDbContext db, FlowTask task, CancellationToken ct) =>
        db.FlowTimers.RemoveRange(await db.FlowTimers.Where(t => t.TaskId == task.Id && t.FiredAt == null).ToListAsync(ct));

    public DateTimeOffset Morning(DateOnly day) => ChinaTime.StartOfDay(day).AddHours(options.Value.ReminderHour);

    public DateOnly NextWorkingDay(DateOnly day) => calendar.AddWorkingDays(day, 1).Due;

    /// <summary>Working days a task is overdue by today (at least 1 once its timeout fired).</summary>
    public int OverdueBy(FlowTask task) => Math.Max(-calendar.WorkingDaysUntil(ChinaTime.Today(clock), task.DueDate!.Value), 1);

    private static void AddTimer(PortalDbContext db, FlowTask task, FlowTimerKind kind, DateTimeOffset at, DateTimeOffset now)
    {
        if (at > now || kind == FlowTimerKind.Overdue) db.FlowTimers.Add(new FlowTimer { Task = task, Kind = kind, DueAt = at });
    }
}
