using GovDataPortal.Features.Identity;
using GovDataPortal.Features.Policies;
using GovDataPortal.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace GovDataPortal.Features.Workflow;

/// <summary>
/// Durable timers: reminders before and on the due day, and the step's timeout action after it (remind daily, escalate
/// to the data authority, or deemed approval — hubei Art. 20). A sweep claims due rows with FOR UPDATE SKIP LOCKED,
/// acts, and marks them fired in the same transaction: each action happens once, whatever the number of nodes, and a
/// node killed mid-sweep leaves its rows to the next sweep.
/// </summary>
public sealed partial class WorkflowEngine
{
    private void ScheduleTimers(PortalDbContext db, FlowTask task)
    {
        if (task.DueDate is not { } due || task.DeadlineDays is not { } days) return;
        var o = options.Value;
        var now = clock.GetUtcNow();
        var total = days + task.ExtensionDays;
        if (o.RemindDaysBefore > 0 && total > o.RemindDaysBefore)
            AddTimer(db, task, FlowTimerKind.Reminder, Morning(calendar.AddWorkingDays(task.ReceivedAt, total - o.RemindDaysBefore).Due), now);
        if (o.RemindOnDueDay) AddTimer(db, task, FlowTimerKind.DueToday, Morning(due), now);
        AddTimer(db, task, FlowTimerKind.Overdue, task.DueAt!.Value.AddSeconds(1), now);
    }

    private static void AddTimer(PortalDbContext db, FlowTask task, FlowTimerKind kind, DateTimeOffset at, DateTimeOffset now)
    {
        if (at > now || kind == FlowTimerKind.Overdue) db.FlowTimers.Add(new FlowTimer { Task = task, Kind = kind, DueAt = at });
    }

    private DateTimeOffset Morning(DateOnly day) => ChinaTime.StartOfDay(day).AddHours(options.Value.ReminderHour);

    /// <summary>Drops the task's pending timers (its deadline moved).</summary>
    private static async Task CancelTimersAsync(PortalDbContext db, FlowTask task, CancellationToken ct) =>
        db.FlowTimers.RemoveRange(await db.FlowTimers.Where(t => t.TaskId == task.Id && t.FiredAt == null).ToListAsync(ct));

    /// <summary>The instance ended: its other open tasks (an extension request …) are cancelled; their timers then skip.</summary>
    private async Task CancelOpenTasksAsync(PortalDbContext db, FlowInstance instance, CancellationToken ct)
    {
        var open = await db.FlowTasks.Where(t => t.InstanceId == instance.Id && t.Status == FlowTaskStatus.Open).ToListAsync(ct);
        // Filter again in memory: the task decided in this unit of work is still Open in the database, and the query
        // returns its tracked instance, already Done — it must not be cancelled.
        foreach (var t in open.Where(t => t.Status == FlowTaskStatus.Open))
        {
            t.Status = FlowTaskStatus.Cancelled;
            t.CompletedAt = clock.GetUtcNow();
        }
    }

    /// <summary>Runs every due timer (batch by batch) and returns how many fired.</summary>
    public async Task<int> SweepAsync(string node, CancellationToken ct = default)
    {
        var fired = 0;
        while (!ct.IsCancellationRequested)
        {
            var batch = await SweepBatchAsync(node, ct);
            if (batch == 0) break;
            fired += batch;
        }
        return fired;
    }

    private async Task<int> SweepBatchAsync(string node, CancellationToken ct)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        var now = clock.GetUtcNow();
        var timers = await db.FlowTimers
            .FromSql($"""SELECT * FROM flow_timers WHERE "FiredAt" IS NULL AND "DueAt" <= {now} ORDER BY "DueAt", "Id" LIMIT {options.Value.SweepBatchSize} FOR UPDATE SKIP LOCKED""")
            .AsNoTracking().ToListAsync(ct);
        if (timers.Count == 0) return 0;

        var taskIds = timers.Select(t => t.TaskId).Distinct().ToList();
        var tasks = await db.FlowTasks.Include(t => t.Instance).Where(t => taskIds.Contains(t.Id)).ToDictionaryAsync(t => t.Id, ct);
        (_roleMembers, _reminderEvents, _reminderNotes) = ([], [], []);
        try
        {
            foreach (var timer in timers)
            {
                var task = tasks[timer.TaskId];
                // A task closed since the timer was set needs nothing; the row is still marked, so it is never looked at again.
                (timer.FiredAt, timer.FiredBy) = (now, node);
                if (task.Status == FlowTaskStatus.Open) await FireAsync(db, timer, task, ct);
            }
            await db.SaveChangesAsync(ct);
            await BulkInsert.RowsAsync(db, "flow_events", ReminderEventColumns, _reminderEvents, ct);
            await BulkInsert.RowsAsync(db, "notifications", ReminderNoteColumns, _reminderNotes, ct);
            await MarkAsync(db, timers, now, ct);
            await tx.CommitAsync(ct);
        }
        finally
        {
            (_roleMembers, _reminderEvents, _reminderNotes) = (null, null, null);
        }
        return timers.Count;
    }

    /// <summary>
    /// Writes what the batch did to its timers in a few set-based statements (still inside the claiming transaction):
    /// fired ones are stamped, re-armed overdue ones move to their next morning.
    /// </summary>
    private static async Task MarkAsync(PortalDbContext db, List<FlowTimer> timers, DateTimeOffset now, CancellationToken ct)
    {
        var fired = timers.Where(t => t.FiredAt is not null).GroupBy(t => t.FiredBy);
        foreach (var g in fired)
        {
            var ids = g.Select(t => t.Id).ToList();
            await db.FlowTimers.Where(t => ids.Contains(t.Id))
                .ExecuteUpdateAsync(u => u.SetProperty(t => t.FiredAt, now).SetProperty(t => t.FiredBy, g.Key), ct);
        }
        foreach (var g in timers.Where(t => t.FiredAt is null).GroupBy(t => t.DueAt))
        {
            var ids = g.Select(t => t.Id).ToList();
            await db.FlowTimers.Where(t => ids.Contains(t.Id)).ExecuteUpdateAsync(u => u.SetProperty(t => t.DueAt, g.Key), ct);
        }
    }

    private async Task FireAsync(PortalDbContext db, FlowTimer timer, FlowTask task, CancellationToken ct)
    {
        var instance = task.Instance!;
        switch (timer.Kind)
        {
            case FlowTimerKind.Reminder:
                await RemindAsync(db, task, $"即将到期：{instance.FlowName}", $"“{instance.SubjectTitle}”将于 {task.DueDate:yyyy-MM-dd} 到期。", ct); break;
            case FlowTimerKind.DueToday:
                await RemindAsync(db, task, $"今日到期：{instance.FlowName}", $"“{instance.SubjectTitle}”今日 23:59 到期。", ct); break;
            case FlowTimerKind.Overdue when task.OnTimeout == nameof(TimeoutAction.DeemedApproval):
                // hubei Art. 20: not handled in time = consent; the platform grants automatically.
                await ApproveAsync(db, task, "逾期未答复，依规视为同意，由平台自动处理。", FlowActions.DeemedApproval, ct); break;
            case FlowTimerKind.Overdue:
                await OverdueAsync(db, timer, task, ct); break;
        }
    }

    private async Task OverdueAsync(PortalDbContext db, FlowTimer timer, FlowTask task, CancellationToken ct)
    {
        var instance = task.Instance!;
        if (task.OnTimeout == nameof(TimeoutAction.EscalateToAuthority) && !task.Escalated)
        {
            task.Escalated = true;
            Record(instance, task, FlowActions.Escalate, "逾期未办理，已上报数据主管部门督办。", task.RuleText);
            var authority = await DataAuthorityOfAsync(db, instance.ProviderDepartmentId, ct);
            await notifier.ToRoleAsync(db, authority, PortalRoles.AuthorityReviewer, $"逾期督办：{instance.FlowName}",
                $"“{instance.SubjectTitle}”（{task.StepName}）已逾期，请督办。", InboxLink(task.Id), task.Id, ct);
        }
        var overdueBy = -calendar.WorkingDaysUntil(ChinaTime.Today(clock), task.DueDate!.Value);
        await RemindAsync(db, task, $"已逾期：{instance.FlowName}", $"“{instance.SubjectTitle}”已逾期{Math.Max(overdueBy, 1)}个工作日，请尽快办理。", ct);
        // Re-armed in place for the next working morning: one row per overdue task, not one per day.
        if (options.Value.RemindDailyWhenOverdue)
            (timer.DueAt, timer.FiredAt, timer.FiredBy) = (Morning(NextWorkingDay(ChinaTime.Today(clock))), null, null);
    }

    private DateOnly NextWorkingDay(DateOnly day) => calendar.AddWorkingDays(day, 1).Due;

    /// <summary>
    /// A reminder changes nothing, so it is neither audited nor tracked: its history line and notifications are
    /// collected and written in bulk with the batch (thousands of reminders can fall due on one morning).
    /// </summary>
    private async Task RemindAsync(PortalDbContext db, FlowTask task, string title, string body, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        _reminderEvents!.Add([task.InstanceId, task.Id, FlowActions.Remind, null, "系统", null, now, title, task.RuleText]);
        var users = task.AssigneeUserId is { } user ? [user] : await RoleMembersAsync(db, task.AssigneeDepartmentId, task.AssigneeRole!, ct);
        foreach (var userId in users)
            _reminderNotes!.Add([userId, title, body, InboxLink(task.Id), task.Id, now]);
    }

    private List<object?[]>? _reminderEvents;
    private List<object?[]>? _reminderNotes;

    private static readonly string[] ReminderEventColumns =
        ["InstanceId", "TaskId", "Action", "ActorUserId", "ActorName", "ActorDepartmentId", "OccurredAt", "Comment", "RuleText"];

    private static readonly string[] ReminderNoteColumns = ["UserId", "Title", "Body", "Link", "TaskId", "CreatedAt"];

    // Within one sweep batch, many tasks share a department and role: look the members up once.
    private Dictionary<(int, string), List<string>>? _roleMembers;

    private async Task<List<string>> RoleMembersAsync(PortalDbContext db, int departmentId, string role, CancellationToken ct)
    {
        if (_roleMembers?.TryGetValue((departmentId, role), out var cached) == true) return cached;
        var members = await Notifications.Notifier.UsersInRoleAsync(db, departmentId, role, ct);
        if (_roleMembers is not null) _roleMembers[(departmentId, role)] = members;
        return members;
    }
}
