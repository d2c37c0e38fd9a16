using GovDataPortal.Features.Calendar;
using GovDataPortal.Features.Workflow;
using GovDataPortal.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace GovDataPortal.Features.Inbox;

/// <summary>
/// 我的待办 and 已办 of the signed-in person, task details with their history, and decisions (handed to the
/// <see cref="WorkflowEngine"/>, which holds every rule). A context per call, so pages and circuits never hold one.
/// </summary>
public sealed partial class InboxService(
    IDbContextFactory<PortalDbContext> factory,
    CurrentActor actor,
    TimeProvider clock,
    IWorkingDayCalendar calendar,
    WorkflowEngine engine,
    IFlowSubjectLinks links)
{
    /// <summary>Raised in this scope (one circuit) after a decision, so the menu badge can recount.</summary>
    public event Action? Changed;

    /// <summary>The flows of the active profile, for the 流程 filter.</summary>
    public IReadOnlyList<(string Key, string Name)> Flows() => [.. engine.Profile.Flows.Select(f => (f.Key, f.Name))];

    public async Task<InboxPage<InboxRow>> MyOpenTasksAsync(InboxQuery query, CancellationToken ct = default)
    {
        actor.RequireSignedIn();
        await using var db = await factory.CreateDbContextAsync(ct);
        var tasks = OpenForMe(db);
        if (InputText.Term(query.FlowKey) is { } flowKey) tasks = tasks.Where(t => t.Instance!.FlowKey == flowKey);
        if (query.OverdueOnly)
        {
            var now = clock.GetUtcNow();
            tasks = tasks.Where(t => t.DueAt < now);
        }
        var total = await tasks.CountAsync(ct);
        var rows = await Sorted(tasks, query.Sort, query.Descending)
            .Skip(Math.Max(query.Skip, 0)).Take(Math.Clamp(query.Take, 1, InboxQuery.MaxTake))
            .Select(t => new
            {
                Row = new InboxRow(t.Id, t.Version, t.InstanceId, t.Instance!.SubjectTitle, t.Instance.FlowKey, t.Instance.FlowName,
                    t.StepName, t.ReceivedAt, t.DueDate, t.DueAt, t.Provisional, t.RuleText, t.Escalated, null, null, null),
                // Who sent it: the actor of the event that opened the task — the last one recorded by its receipt, not
                // one of the task's own (its decision can share the receipt's instant). Same rule in GetTaskAsync.
                Sender = db.FlowEvents.Where(e => e.InstanceId == t.InstanceId && e.OccurredAt <= t.ReceivedAt
                        && (e.TaskId == null || e.TaskId != t.Id))
                    .OrderByDescending(e => e.Id)
                    .Select(e => new { e.ActorName, Department = db.Departments.Where(d => d.Id == e.ActorDepartmentId).Select(d => d.Name).FirstOrDefault() })
                    .FirstOrDefault(),
            })
            .ToListAsync(ct);
        var today = ChinaTime.Today(clock);
        return new(total, [.. rows.Select(r => WithRemaining(r.Row with { SenderName = r.Sender?.ActorName, SenderDepartment = r.Sender?.Department }, today))]);
    }

    private static IQueryable<FlowTask> Sorted(IQueryable<FlowTask> tasks, InboxSort sort, bool descending) => (sort, descending) switch
    {
        // PostgreSQL sorts NULLs last in ascending order: tasks without a deadline come after every dated one.
        (InboxSort.Received, false) => tasks.OrderBy(t => t.ReceivedAt).ThenBy(t => t.Id),
        (InboxSort.Received, true) => tasks.OrderByDescending(t => t.ReceivedAt).ThenByDescending(t => t.Id),
        (InboxSort.Subject, false) => tasks.OrderBy(t => t.Instance!.SubjectTitle).ThenBy(t => t.Id),
        (InboxSort.Subject, true) => tasks.OrderByDescending(t => t.Instance!.SubjectTitle).ThenByDescending(t => t.Id),
        (_, true) => tasks.OrderByDescending(t => t.DueAt).ThenByDescending(t => t.Id),
        _ => tasks.OrderBy(t => t.DueAt).ThenBy(t => t.Id),
    };

    /// <summary>For the menu badge.</summary>
    public async Task<int> CountOpenAsync(CancellationToken ct = default)
    {
        if (!actor.IsAuthenticated) return 0;
        await using var db = await factory.CreateDbContextAsync(ct);
        return await OpenForMe(db).CountAsync(ct);
    }

    /// <summary>已办: what I decided myself, newest first unless asked otherwise; the decision under its real name.</summary>
    public async Task<InboxPage<DoneRow>> MyDoneTasksAsync(int skip = 0, int take = InboxQuery.DefaultTake,
        DoneSort sort = DoneSort.Completed, bool descending = true, CancellationToken ct = default)
    {
        actor.RequireSignedIn();
        await using var db = await factory.CreateDbContextAsync(ct);
        var me = actor.UserId;
        var done = db.FlowTasks.Where(t => t.CompletedByUserId == me);
        var total = await done.CountAsync(ct);
        done = (sort, descending) switch
        {
            (DoneSort.Subject, false) => done.OrderBy(t => t.Instance!.SubjectTitle).ThenBy(t => t.Id),
            (DoneSort.Subject, true) => done.OrderByDescending(t => t.Instance!.SubjectTitle).ThenByDescending(t => t.Id),
            (_, false) => done.OrderBy(t => t.CompletedAt).ThenBy(t => t.Id),
            _ => done.OrderByDescending(t => t.CompletedAt).ThenByDescending(t => t.Id),
        };
        var rows = await done.Skip(Math.Max(skip, 0)).Take(Math.Clamp(take, 1, InboxQuery.MaxTake))
            .Select(t => new { t.Id, t.InstanceId, t.Instance!.SubjectTitle, t.Instance.FlowName, t.StepName, t.Decision, t.CompletedAt })
            .ToListAsync(ct);
        return new(total, [.. rows.Select(r => new DoneRow(r.Id, r.InstanceId, r.SubjectTitle, r.FlowName, r.StepName,
            r.Decision ?? "", FlowActions.DisplayName(r.Decision ?? ""), r.CompletedAt!.Value))]);
    }

    /// <summary>
    /// Open tasks addressed to me by name, or to my department and one of my roles — the same test as
    /// <see cref="WorkflowEngine.IsAssignee"/>, in one query served by the (department, role, status, due) index.
    /// </summary>
    private IQueryable<FlowTask> OpenForMe(PortalDbContext db)
    {
        var me = actor.UserId;
        var department = actor.DepartmentId ?? -1;
        var roles = MyRoles();
        // The roles inlined as constants (a handful of role sets exist): a parameter array would add a NULL check that
        // keeps AssigneeRole out of the index condition.
        return db.FlowTasks.Where(t => t.Status == FlowTaskStatus.Open && (t.AssigneeUserId == me
            || (t.AssigneeUserId == null && t.AssigneeDepartmentId == department && EF.Constant(roles).Contains(t.AssigneeRole!))));
    }

    private List<string> MyRoles() => [.. Identity.PortalRoles.All.Where(actor.IsInRole)];

    private InboxRow WithRemaining(InboxRow row, DateOnly today) =>
        row with { RemainingWorkingDays = row.DueDate is { } due ? calendar.WorkingDaysUntil(today, due) : null };
}
