using GovDataPortal.Features.Identity;
using GovDataPortal.Features.Policies;
using GovDataPortal.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace GovDataPortal.Features.Workflow;

/// <summary>
/// Durable timers: reminders before and on the due day, and the step's timeout action after it (remind daily, escalate
/// to the data authority, or deemed approval — hubei Art. 20). A sweep claims due rows with FOR UPDATE SKIP LOCKED,
/// acts, and marks them fired in the same transaction: each action happens once, whatever the number of nodes, and a
/// node killed mid-sweep leaves its rows to the next sweep.
/// </summary>
public sealed class FlowTimerSweep(
    IDbContextFactory<PortalDbContext> factory,
    FlowRuntime runtime,
    FlowDeadlines deadlines,
    FlowDecisions decisions,
    IOptions<WorkflowOptions> options,
    ILogger<FlowTimerSweep> log)
{
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
        var now = runtime.Now;
        var timers = await db.FlowTimers
            .FromSql($"""SELECT * FROM flow_timers WHERE "FiredAt" IS NULL AND "DueAt" <= {now} ORDER BY "DueAt", "Id" LIMIT {options.Value.SweepBatchSize} FOR UPDATE SKIP LOCKED""")
            .AsNoTracking().ToListAsync(ct);
        if (timers.Count == 0) return 0;

        var taskIds = timers.Select(t => t.TaskId).Distinct().ToList();
        var tasks = await db.FlowTasks.Include(t => t.Instance).Where(t => taskIds.Contains(t.Id)).ToDictionaryAsync(t => t.Id, ct);
        var batch = new ReminderBatch();
        FlowTimer? current = null;
        try
        {
            foreach (var timer in timers)
            {
                current = timer;
                var task = tasks[timer.TaskId];
                // A task closed since the timer was set needs nothing; the row is still marked, so it is never looked at again.
                (timer.FiredAt, timer.FiredBy) = (now, node);
                if (task.Status == FlowTaskStatus.Open) await FireAsync(db, timer, task, batch, ct);
            }
            await db.SaveChangesAsync(ct);
        }
        catch (Exception e) when (e is DomainException or DbUpdateException && current is not null)
        {
            // One timer that cannot act (a data authority or a named user gone) must not stop every other: the batch is
            // undone, that timer waits an hour, the administrators are told, and the next batch takes the rest.
            await tx.RollbackAsync(ct);
            await PostponeAsync(current!, tasks[current!.TaskId], e, ct);
            return timers.Count;
        }
        await batch.WriteAsync(db, ct);
        await MarkAsync(db, timers, now, ct);
        await tx.CommitAsync(ct);
        return timers.Count;
    }

    private async Task PostponeAsync(FlowTimer timer, FlowTask task, Exception e, CancellationToken ct)
    {
        log.LogError(e, "流程计时器 {Timer}（任务 {Task}）无法执行，一小时后重试。", timer.Id, task.Id);
        await using var db = await factory.CreateDbContextAsync(ct);
        await db.FlowTimers.Where(t => t.Id == timer.Id && t.FiredAt == null)
            .ExecuteUpdateAsync(u => u.SetProperty(t => t.DueAt, runtime.Now.AddHours(1)), ct);
        var why = e is DomainException ? e.Message : "保存时出错。";
        await runtime.Notifier.ToEveryoneInRoleAsync(db, PortalRoles.SystemAdmin, $"流程计时无法执行：{task.Instance!.FlowName}",
            $"“{task.Instance.SubjectTitle}”（{task.StepName}）的到期处理未能执行：{why} 一小时后将重试，请尽快处理。", FlowRuntime.InboxLink(task.Id), ct);
        await db.SaveChangesAsync(ct);
    }

    /// <summary>
    /// Writes what the batch did to its timers in a few set-based statements (still inside the claiming transaction):
    /// fired ones are stamped, re-armed overdue ones move to their next morning.
    /// </summary>
    private static async Task MarkAsync(PortalDbContext db, List<FlowTimer> timers, DateTimeOffset now, CancellationToken ct)
    {
        foreach (var g in timers.Where(t => t.FiredAt is not null).GroupBy(t => t.FiredBy))
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

    private async Task FireAsync(PortalDbContext db, FlowTimer timer, FlowTask task, ReminderBatch batch, CancellationToken ct)
    {
        var instance = task.Instance!;
        switch (timer.Kind)
        {
            case FlowTimerKind.Reminder:
                await batch.RemindAsync(db, task, runtime.Now, $"即将到期：{instance.FlowName}", $"“{instance.SubjectTitle}”将于 {task.DueDate:yyyy-MM-dd} 到期。", ct); break;
            case FlowTimerKind.DueToday:
                await batch.RemindAsync(db, task, runtime.Now, $"今日到期：{instance.FlowName}", $"“{instance.SubjectTitle}”今日 23:59 到期。", ct); break;
            case FlowTimerKind.Overdue when task.OnTimeout == nameof(TimeoutAction.DeemedApproval):
                // hubei Art. 20: not handled in time = consent; the platform grants automatically. The subject learns it as deemed.
                await decisions.ApproveAsync(db, task, "逾期未答复，依规视为同意，由平台自动处理。", FlowActions.DeemedApproval, ct); break;
            case FlowTimerKind.Overdue:
                await OverdueAsync(db, timer, task, batch, ct); break;
        }
    }

    private async Task OverdueAsync(PortalDbContext db, FlowTimer timer, FlowTask task, ReminderBatch batch, CancellationToken ct)
    {
        var instance = task.Instance!;
        if (task.OnTimeout == nameof(TimeoutAction.EscalateToAuthority) && !task.Escalated)
        {
            task.Escalated = true;
            runtime.Record(instance, task, FlowActions.Escalate, "逾期未办理，已上报数据主管部门督办。", task.RuleText);
            var authority = await FlowAssignees.DataAuthorityOfAsync(db, instance.ProviderDepartmentId, ct);
            await runtime.Notifier.ToRoleAsync(db, authority, PortalRoles.AuthorityReviewer, $"逾期督办：{instance.FlowName}",
                $"“{instance.SubjectTitle}”（{task.StepName}）已逾期，请督办。", FlowRuntime.InboxLink(task.Id), task.Id, ct);
        }
        await batch.RemindAsync(db, task, runtime.Now, $"已逾期：{instance.FlowName}",
            $"“{instance.SubjectTitle}”已逾期{deadlines.OverdueBy(task)}个工作日，请尽快办理。", ct);
        // Re-armed in place for the next working morning: one row per overdue task, not one per day.
        if (options.Value.RemindDailyWhenOverdue)
            (timer.DueAt, timer.FiredAt, timer.FiredBy) = (deadlines.Morning(deadlines.NextWorkingDay(ChinaTime.Today(runtime.Clock))), null, null);
    }

    /// <summary>
    /// A reminder changes nothing, so it is neither audited nor tracked: its history line and notifications are
    /// collected and written in bulk with the batch (thousands of reminders can fall due on one morning).
    /// </summary>
    private sealed class ReminderBatch
    {
        private static readonly string[] EventColumns =
            ["InstanceId", "TaskId", "Action", "ActorUserId", "ActorName", "ActorDepartmentId", "OccurredAt", "Comment", "RuleText"];

        private static readonly string[] NoteColumns = ["UserId", "Title", "Body", "Link", "TaskId", "CreatedAt"];

        private readonly List<object?[]> _events = [];
        private readonly List<object?[]> _notes = [];

        // Within one sweep batch, many tasks share a department and role: look the members up once.
        private readonly Dictionary<(int, string), List<string>> _roleMembers = [];

        public async Task RemindAsync(PortalDbContext db, FlowTask task, DateTimeOffset now, string title, string body, CancellationToken ct)
        {
            _events.Add([task.InstanceId, task.Id, FlowActions.Remind, null, "系统", null, now, title, task.RuleText]);
            var users = task.AssigneeUserId is { } user ? [user] : await RoleMembersAsync(db, task.AssigneeDepartmentId, task.AssigneeRole!, ct);
            foreach (var userId in users)
                _notes.Add([userId, title, body, FlowRuntime.InboxLink(task.Id), task.Id, now]);
        }

        public async Task WriteAsync(PortalDbContext db, CancellationToken ct)
        {
            await BulkInsert.RowsAsync(db, "flow_events", EventColumns, _events, ct);
            await BulkInsert.RowsAsync(db, "notifications", NoteColumns, _notes, ct);
        }

        private async Task<List<string>> RoleMembersAsync(PortalDbContext db, int departmentId, string role, CancellationToken ct)
        {
            if (_roleMembers.TryGetValue((departmentId, role), out var cached)) return cached;
            var members = await Notifications.Notifier.UsersInRoleAsync(db, departmentId, role, ct);
            _roleMembers[(departmentId, role)] = members;
            return members;
        }
    }
}
