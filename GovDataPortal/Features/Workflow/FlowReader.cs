using GovDataPortal.Features.Policies;
using GovDataPortal.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace GovDataPortal.Features.Workflow;

/// <summary>A task as a feature sees it. <see cref="MayDecide"/>: the current user is its assignee and not the submitter.</summary>
public sealed record FlowTaskView(
    long Id, uint Version, FlowTaskKind Kind, string StepKey, string StepName, FlowTaskStatus Status,
    int AssigneeDepartmentId, string? AssigneeRole, string? AssigneeUserId, DateTimeOffset ReceivedAt,
    int? DeadlineDays, int ExtensionDays, DateOnly? DueDate, DateTimeOffset? DueAt, bool Provisional, string RuleText,
    bool Escalated, string? Decision, string? BranchKey, bool IsMine, bool MayDecide);

/// <summary>One history line, with its action's Chinese name.</summary>
public sealed record FlowHistoryLine(long Id, DateTimeOffset OccurredAt, string Action, string ActionName, string? ActorName,
    int? ActorDepartmentId, string? Comment, string? RuleText);

/// <summary>What a requester without an account was told (已告知).</summary>
public sealed record FlowNoticeLine(NoticeMethod Method, string MethodName, DateTimeOffset NotifiedAt, string Content, DateTimeOffset RecordedAt);

/// <summary>One flow of a subject: its state, outcome, tasks, history and notices, and the rules it runs under.</summary>
public sealed record SubjectFlowView(
    long InstanceId, string FlowKey, string FlowName, FlowStatus Status, string StatusName, FlowOutcome? Outcome, string? OutcomeNote,
    DateTimeOffset StartedAt, DateTimeOffset? EndedAt, string SubmittedByUserId, FlowParty? RequesterParty, FlowRule Rule,
    IReadOnlyList<FlowTaskView> Tasks, IReadOnlyList<FlowHistoryLine> History, IReadOnlyList<FlowNoticeLine> Notices)
{
    /// <summary>The open tasks of the flow's current step (several for 会签/或签).</summary>
    public IEnumerable<FlowTaskView> OpenStepTasks => Tasks.Where(t => t.Status == FlowTaskStatus.Open && t.Kind == FlowTaskKind.Step);

    /// <summary>The submitter's open revision task after a return, if any.</summary>
    public FlowTaskView? OpenRevision => Tasks.FirstOrDefault(t => t.Status == FlowTaskStatus.Open && t.Kind == FlowTaskKind.Revision);

    public bool ExtensionPending => Tasks.Any(t => t.Status == FlowTaskStatus.Open && t.Kind == FlowTaskKind.ExtensionConsent);

    /// <summary>Working days still grantable on <paramref name="task"/> (0 where its step or the rules allow none).</summary>
    public int ExtensionDaysLeft(FlowTaskView task) =>
        Rule.Extension is { } e && Rule.Step(task.StepKey)?.Actions.HasFlag(StepActions.RequestExtension) == true
            ? Math.Max(e.MaxTotalDays - task.ExtensionDays, 0) : 0;
}

/// <summary>The open step deadline of a flow, composable into a feature's own list query (sort and filter by due).</summary>
public sealed class OpenStepRow
{
    public long InstanceId { get; init; }
    public long TaskId { get; init; }
    public string StepName { get; init; } = "";
    public DateOnly? DueDate { get; init; }
    public DateTimeOffset? DueAt { get; init; }
    public bool Provisional { get; init; }
    public string RuleText { get; init; } = "";
    public int ExtensionDays { get; init; }
}

/// <summary>
/// The one way a feature reads its subjects' flows: tasks, history, notices and open deadlines, without querying the
/// engine's tables or knowing its own task keys.
/// </summary>
public sealed class FlowReader(FlowRuntime runtime)
{
    /// <summary>Every flow of the subject, oldest first (a reopened data check has two rounds).</summary>
    public async Task<IReadOnlyList<SubjectFlowView>> OfSubjectAsync(PortalDbContext db, string subjectType, string subjectId, CancellationToken ct)
    {
        var ids = await db.FlowInstances.Where(i => i.SubjectType == subjectType && i.SubjectId == subjectId)
            .OrderBy(i => i.Id).Select(i => i.Id).ToListAsync(ct);
        var views = new List<SubjectFlowView>(ids.Count);
        foreach (var id in ids) views.Add((await InstanceAsync(db, id, ct))!);
        return views;
    }

    public async Task<SubjectFlowView?> InstanceAsync(PortalDbContext db, long instanceId, CancellationToken ct)
    {
        var i = await db.FlowInstances.AsNoTracking().FirstOrDefaultAsync(x => x.Id == instanceId, ct);
        if (i is null) return null;
        var tasks = await db.FlowTasks.AsNoTracking().Where(t => t.InstanceId == instanceId).OrderBy(t => t.Id).ToListAsync(ct);
        var events = await db.FlowEvents.AsNoTracking().Where(e => e.InstanceId == instanceId).OrderBy(e => e.Id).ToListAsync(ct);
        var notices = await db.FlowPartyNotices.AsNoTracking().Where(n => n.InstanceId == instanceId).OrderBy(n => n.Id).ToListAsync(ct);
        return new SubjectFlowView(i.Id, i.FlowKey, i.FlowName, i.Status, i.Outcome is { } o ? FlowStatusNames.Of(o) : FlowStatusNames.Of(i.Status),
            i.Outcome, i.OutcomeNote, i.StartedAt, i.EndedAt, i.SubmittedByUserId, i.RequesterParty, runtime.RuleOf(i),
            [.. tasks.Select(t => View(i, t))],
            [.. events.Select(e => new FlowHistoryLine(e.Id, e.OccurredAt, e.Action, FlowActions.DisplayName(e.Action), e.ActorName,
                e.ActorDepartmentId, e.Comment, e.RuleText))],
            [.. notices.Select(n => new FlowNoticeLine(n.Method, NoticeMethods.Name(n.Method), n.NotifiedAt, n.Content, n.RecordedAt))]);
    }

    /// <summary>A task of <paramref name="instanceId"/> (null when the id names a task of another flow).</summary>
    public async Task<FlowTaskView?> TaskAsync(PortalDbContext db, long? instanceId, long taskId, CancellationToken ct)
    {
        var t = await db.FlowTasks.AsNoTracking().Include(x => x.Instance).FirstOrDefaultAsync(x => x.Id == taskId && x.InstanceId == instanceId, ct);
        return t is null ? null : View(t.Instance!, t);
    }

    /// <summary>Open step tasks (not revisions or extension consents), for a feature to join into its own list query.</summary>
    public static IQueryable<OpenStepRow> OpenSteps(PortalDbContext db) =>
        db.FlowTasks.Where(t => t.Status == FlowTaskStatus.Open && t.Kind == FlowTaskKind.Step)
            .Select(t => new OpenStepRow
            {
                InstanceId = t.InstanceId, TaskId = t.Id, StepName = t.StepName, DueDate = t.DueDate, DueAt = t.DueAt,
                Provisional = t.Provisional, RuleText = t.RuleText, ExtensionDays = t.ExtensionDays,
            });

    /// <summary>The newest history line's id: a page showing the flow polls it to notice changes made on any node.</summary>
    public static Task<long?> LastEventIdAsync(PortalDbContext db, long? instanceId, CancellationToken ct) =>
        db.FlowEvents.Where(e => e.InstanceId == instanceId).MaxAsync(e => (long?)e.Id, ct);

    private FlowTaskView View(FlowInstance i, FlowTask t)
    {
        var mine = t.Status == FlowTaskStatus.Open && runtime.IsAssignee(t);
        t.Instance ??= i;
        var own = runtime.DecidesOwnSubject(t);
        return new(t.Id, t.Version, t.Kind, t.StepKey, t.StepName, t.Status, t.AssigneeDepartmentId, t.AssigneeRole, t.AssigneeUserId,
            t.ReceivedAt, t.DeadlineDays, t.ExtensionDays, t.DueDate, t.DueAt, t.Provisional, t.RuleText, t.Escalated, t.Decision,
            t.BranchKey, mine, mine && !own);
    }
}
