using GovDataPortal.Features.Organisation;
using GovDataPortal.Features.Identity;
using GovDataPortal.Features.Inbox;
using GovDataPortal.Features.Policies;
using GovDataPortal.Features.Workflow;
using GovDataPortal.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace GovDataPortal.Features.DataChecks;

public sealed partial class DataCheckService
{
    /// <summary>The most rows <see cref="ListAsync"/> returns (the API's list); pages ask for pages.</summary>
    public const int ListLimit = 500;
    public const int DefaultPageSize = 20;
    public const int MaxPageSize = 100;

    /// <summary>Whether the actor reviews for a data authority and may open 本区域（督办）.</summary>
    public bool CanSupervise => actor.IsAuthenticated && actor.DepartmentId is not null && actor.IsInRole(PortalRoles.AuthorityReviewer);

    /// <summary>The latest checks of a scope, newest first (at most <see cref="ListLimit"/>).</summary>
    public async Task<IReadOnlyList<DataCheckRow>> ListAsync(DataCheckScope scope, DataCheckStatus? status = null,
        CancellationToken ct = default) =>
        (await PageAsync(new DataCheckListQuery(scope, status, 0, ListLimit), ct)).Items;

    /// <summary>
    /// One page of the checks my department raised, that concern its data, or — for a data authority's reviewer — every
    /// check about the data of the departments it supervises; filtered, sorted, counted and paged in one SQL query each.
    /// </summary>
    public async Task<DataCheckListPage> PageAsync(DataCheckListQuery q, CancellationToken ct = default)
    {
        actor.RequireSignedIn();
        var mine = actor.DepartmentId ?? throw new AccessDeniedException("您的账户未归属任何部门。");
        await using var db = await factory.CreateDbContextAsync(ct);
        var requests = db.DataCheckRequests.AsNoTracking();
        switch (q.Scope)
        {
            case DataCheckScope.AboutMine:
                requests = requests.Where(r => r.ProviderDepartmentId == mine);
                break;
            case DataCheckScope.Region:
                if (!CanSupervise) throw new AccessDeniedException(DataCheckTexts.SuperviseOnlyMessage);
                var supervised = await DataAuthorities.SupervisedByAsync(db, mine, ct);
                requests = requests.Where(r => supervised.Contains(r.ProviderDepartmentId));
                break;
            default:
                requests = requests.Where(r => r.RequesterDepartmentId == mine);
                break;
        }
        if (q.Status is { } s) requests = requests.Where(r => r.Status == s);

        var lines = requests.Select(r => new Line
        {
            Request = r,
            Requester = db.Departments.Where(d => d.Id == r.RequesterDepartmentId).Select(d => d.Name).FirstOrDefault(),
            Provider = db.Departments.Where(d => d.Id == r.ProviderDepartmentId).Select(d => d.Name).FirstOrDefault(),
            Task = FlowReader.OpenSteps(db).Where(t => t.InstanceId == r.FlowInstanceId).OrderBy(t => t.TaskId).FirstOrDefault(),
        });
        if (q.OverdueOnly)
        {
            var now = clock.GetUtcNow();
            lines = lines.Where(l => l.Task!.DueAt < now); // no open task: no due instant, so not overdue
        }
        var total = await lines.CountAsync(ct);
        var take = Math.Clamp(q.Take, 1, Math.Max(MaxPageSize, ListLimit));
        var rows = await Sorted(lines, q.Sort, q.Descending).Skip(Math.Max(q.Skip, 0)).Take(take).ToListAsync(ct);
        var today = ChinaTime.Today(clock);
        return new DataCheckListPage([.. rows.Select(l => new DataCheckRow(l.Request.Id, l.Request.ResourceName, l.Request.Kind,
            l.Request.Status, l.Requester ?? "", l.Provider ?? "", l.Request.CreatedAt, l.Task is null ? null : DeadlineOf(l.Task.DueDate, l.Task.DueAt, l.Task.Provisional, l.Task.RuleText, l.Task.ExtensionDays, today)))], total);
    }

    private sealed class Line
    {
        public DataCheckRequest Request { get; init; } = null!;
        public string? Requester { get; init; }
        public string? Provider { get; init; }
        public OpenStepRow? Task { get; init; }
    }

    /// <summary>The chosen column, then the newest first and the id, so pages never overlap.</summary>
    private static IQueryable<Line> Sorted(IQueryable<Line> lines, DataCheckSort sort, bool descending)
    {
        IOrderedQueryable<Line> ordered = (sort, descending) switch
        {
            (DataCheckSort.ResourceName, false) => lines.OrderBy(l => l.Request.ResourceName),
            (DataCheckSort.ResourceName, true) => lines.OrderByDescending(l => l.Request.ResourceName),
            (DataCheckSort.Kind, false) => lines.OrderBy(l => l.Request.Kind),
            (DataCheckSort.Kind, true) => lines.OrderByDescending(l => l.Request.Kind),
            (DataCheckSort.Status, false) => lines.OrderBy(l => l.Request.Status),
            (DataCheckSort.Status, true) => lines.OrderByDescending(l => l.Request.Status),
            (DataCheckSort.RequesterDepartment, false) => lines.OrderBy(l => l.Requester),
            (DataCheckSort.RequesterDepartment, true) => lines.OrderByDescending(l => l.Requester),
            (DataCheckSort.ProviderDepartment, false) => lines.OrderBy(l => l.Provider),
            (DataCheckSort.ProviderDepartment, true) => lines.OrderByDescending(l => l.Provider),
            // Checks without an open deadline (answered, closed) after those with one, whichever the direction.
            (DataCheckSort.Due, false) => lines.OrderBy(l => l.Task!.DueAt == null).ThenBy(l => l.Task!.DueAt),
            (DataCheckSort.Due, true) => lines.OrderBy(l => l.Task!.DueAt == null).ThenByDescending(l => l.Task!.DueAt),
            (_, false) => lines.OrderBy(l => l.Request.CreatedAt),
            _ => lines.OrderByDescending(l => l.Request.CreatedAt),
        };
        return sort == DataCheckSort.CreatedAt
            ? (descending ? ordered.ThenByDescending(l => l.Request.Id) : ordered.ThenBy(l => l.Request.Id))
            : ordered.ThenByDescending(l => l.Request.CreatedAt).ThenByDescending(l => l.Request.Id);
    }

    /// <summary>
    /// The check's current <see cref="DataCheckStamp"/> (one indexed query, nothing else read): an open page polls it and
    /// reloads when it changes, on whichever app node the change was made. Null when there is no such check.
    /// </summary>
    public async Task<DataCheckStamp?> StampAsync(long id, CancellationToken ct = default)
    {
        actor.RequireSignedIn();
        await using var db = await factory.CreateDbContextAsync(ct);
        var check = await db.DataCheckRequests.AsNoTracking().Where(r => r.Id == id)
            .Select(r => new { r.Version, r.FlowInstanceId }).FirstOrDefaultAsync(ct);
        return check is null ? null : new DataCheckStamp(check.Version, await FlowReader.LastEventIdAsync(db, check.FlowInstanceId, ct));
    }

    private DataCheckDeadline DeadlineOf(DateOnly? dueDate, DateTimeOffset? dueAt, bool provisional, string ruleText, int extensionDays,
        DateOnly today) =>
        new(dueDate, dueAt, provisional, ruleText, extensionDays,
            dueDate is { } due ? calendar.WorkingDaysUntil(today, due) : null, dueAt < clock.GetUtcNow());

    private DataCheckDeadline DeadlineOf(FlowTaskView t, DateOnly today) =>
        DeadlineOf(t.DueDate, t.DueAt, t.Provisional, t.RuleText, t.ExtensionDays, today);

    /// <summary>
    /// The check with its evidence, the open task and what I may do, and every round's history; null when there is no
    /// such check; refused (<see cref="DataCheckTexts.NotVisibleMessage"/>) for departments not concerned.
    /// </summary>
    public async Task<DataCheckDetail?> GetAsync(long id, CancellationToken ct = default)
    {
        actor.RequireSignedIn();
        await using var db = await factory.CreateDbContextAsync(ct);
        var r = await db.DataCheckRequests.AsNoTracking().FirstOrDefaultAsync(x => x.Id == id, ct);
        if (r is null) return null;
        if (!await DataCheckAccess.CanSeeAsync(db, actor, r.RequesterDepartmentId, r.ProviderDepartmentId, ct))
            throw new AccessDeniedException(DataCheckTexts.NotVisibleMessage);

        var names = await DepartmentNamesAsync(db, ct);
        var requesterName = await db.Users.Where(u => u.Id == r.RequesterUserId).Select(u => u.DisplayName).FirstOrDefaultAsync(ct);
        var evidence = await db.Attachments.AsNoTracking()
            .Where(a => a.OwnerType == DataCheckTexts.SubjectType && a.OwnerId == Key(r))
            .OrderBy(a => a.UploadedAt)
            .Select(a => new EvidenceInfo(a.Id, a.FileName, a.ContentType, a.Length, a.UploadedAt)).FirstOrDefaultAsync(ct);
        var history = await HistoryAsync(db, r, names, ct);
        var task = await TaskViewAsync(db, r, ct);
        var requesterSide = DataCheckAccess.ActsForRequester(actor, r);
        var supervising = actor.DepartmentId != r.RequesterDepartmentId && actor.DepartmentId != r.ProviderDepartmentId;
        return new DataCheckDetail(r.Id, r.RequesterDepartmentId, names.GetValueOrDefault(r.RequesterDepartmentId, ""), requesterName ?? "",
            r.ProviderDepartmentId, names.GetValueOrDefault(r.ProviderDepartmentId, ""), r.ResourceName, r.RecordIdentifier, r.Kind,
            r.Description, r.Status, r.Answer, r.Explanation, r.AnsweredAt, r.ReopenCount, r.ReopenReason, r.CreatedAt, r.ClosedAt,
            r.FlowInstanceId, evidence, task,
            CanClose: requesterSide && r.Status == DataCheckStatus.Answered,
            CanReopen: requesterSide && r.Status == DataCheckStatus.Answered && r.ReopenCount == 0,
            Supervising: supervising && !requesterSide,
            history, r.ResourceCode, r.ItemNames);
    }

    private static Task<Dictionary<int, string>> DepartmentNamesAsync(PortalDbContext db, CancellationToken ct) =>
        db.Departments.AsNoTracking().ToDictionaryAsync(d => d.Id, d => d.Name, ct);

    /// <summary>Each round of the flow (the first raise, then the reopening), oldest first.</summary>
    private async Task<IReadOnlyList<DataCheckRound>> HistoryAsync(PortalDbContext db, DataCheckRequest r,
        Dictionary<int, string> names, CancellationToken ct)
    {
        var rounds = await flows.OfSubjectAsync(db, DataCheckTexts.SubjectType, Key(r), ct);
        return [.. rounds.Select((i, n) => new DataCheckRound(i.InstanceId, n + 1, i.FlowName, FlowStatusNames.Of(i.Status), i.StartedAt, i.EndedAt,
            [.. i.History.Select(e => new TimelineEntry(e.Id, e.OccurredAt, e.Action, e.ActionName,
                e.ActorName, e.ActorDepartmentId is { } d ? names.GetValueOrDefault(d) : null, e.Comment, e.RuleText))]))];
    }

    /// <summary>The provider's open check task (or the requester's open clarification task) and what I may do with it.</summary>
    private async Task<DataCheckTaskView?> TaskViewAsync(PortalDbContext db, DataCheckRequest r, CancellationToken ct)
    {
        if (r.FlowInstanceId is not { } instanceId || r.Status != DataCheckStatus.Submitted) return null;
        if (await flows.InstanceAsync(db, instanceId, ct) is not { } flow) return null;
        var today = ChinaTime.Today(clock);
        if (flow.OpenRevision is { } returned)
            return new DataCheckTaskView(returned.Id, returned.Version, returned.StepKey, returned.StepName, DeadlineOf(returned, today),
                false, false, 0, false, ReturnedForClarification: true, CanResubmit: returned.IsMine);
        if (flow.OpenStepTasks.FirstOrDefault() is not { } check) return null;
        // The engine refuses self-approval; the page should not offer it either (MayDecide).
        var left = flow.ExtensionDaysLeft(check);
        return new DataCheckTaskView(check.Id, check.Version, check.StepKey, check.StepName, DeadlineOf(check, today),
            CanAnswer: check.MayDecide, CanRequestExtension: check.MayDecide && left > 0 && !flow.ExtensionPending, left,
            flow.ExtensionPending, false, false, flow.Rule.Extension);
    }
}
