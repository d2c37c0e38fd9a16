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
        if (!string.IsNullOrWhiteSpace(query.FlowKey)) tasks = tasks.Where(t => t.Instance!.FlowKey == query.FlowKey);
        if (query.OverdueOnly)
        {
            var now = clock.GetUtcNow();
            tasks = tasks.Where(t => t.DueAt < now);
        }
        var total = await tasks.CountAsync(ct);
        // PostgreSQL sorts NULLs last in ascending order: tasks without a deadline come after every dated one.
        var rows = await tasks.OrderBy(t => t.DueAt).ThenBy(t => t.Id)
            .Skip(Math.Max(query.Skip, 0)).Take(Math.Clamp(query.Take, 1, InboxQuery.MaxTake))
            .Select(t => new InboxRow(t.Id, t.Version, t.InstanceId, t.Instance!.SubjectTitle, t.Instance.FlowKey, t.Instance.FlowName,
                t.StepName, t.ReceivedAt, t.DueDate, t.DueAt, t.Provisional, t.RuleText, t.Escalated, null))
            .ToListAsync(ct);
        var today = ChinaTime.Today(clock);
        return new(total, [.. rows.Select(r => WithRemaining(r, today))]);
    }

    /// <summary>For the menu badge.</summary>
    public async Task<int> CountOpenAsync(CancellationToken ct = default)
    {
        if (!actor.IsAuthenticated) return 0;
        await using var db = await factory.CreateDbContextAsync(ct);
        return await OpenForMe(db).CountAsync(ct);
    }

    /// <summary>已办: what I decided myself, newest first.</summary>
    public async Task<InboxPage<DoneRow>> MyDoneTasksAsync(int skip = 0, int take = InboxQuery.DefaultTake, CancellationToken ct = default)
    {
        actor.RequireSignedIn();
        await using var db = await factory.CreateDbContextAsync(ct);
        var me = actor.UserId;
        var done = db.FlowTasks.Where(t => t.CompletedByUserId == me);
        var total = await done.CountAsync(ct);
        var rows = await done.OrderByDescending(t => t.CompletedAt).ThenByDescending(t => t.Id)
            .Skip(Math.Max(skip, 0)).Take(Math.Clamp(take, 1, InboxQuery.MaxTake))
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
