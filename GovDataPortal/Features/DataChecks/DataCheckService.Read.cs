using GovDataPortal.Features.Inbox;
using GovDataPortal.Features.Policies;
using GovDataPortal.Features.Workflow;
using GovDataPortal.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace GovDataPortal.Features.DataChecks;

public sealed partial class DataCheckService
{
    public const int ListLimit = 500;

    /// <summary>The latest checks my department raised, or that concern my department's data.</summary>
    public async Task<IReadOnlyList<DataCheckRow>> ListAsync(DataCheckScope scope, DataCheckStatus? status = null,
        CancellationToken ct = default)
    {
        actor.RequireSignedIn();
        var mine = actor.DepartmentId ?? throw new AccessDeniedException("您的账户未归属任何部门。");
        await using var db = await factory.CreateDbContextAsync(ct);
        var query = scope == DataCheckScope.AboutMine
            ? db.DataCheckRequests.AsNoTracking().Where(r => r.ProviderDepartmentId == mine)
            : db.DataCheckRequests.AsNoTracking().Where(r => r.RequesterDepartmentId == mine);
        if (status is { } s) query = query.Where(r => r.Status == s);
        var rows = await query.OrderByDescending(r => r.CreatedAt).ThenByDescending(r => r.Id).Take(ListLimit)
            .Select(r => new
            {
                r.Id, r.ResourceName, r.Kind, r.Status, r.CreatedAt,
                Requester = db.Departments.Where(d => d.Id == r.RequesterDepartmentId).Select(d => d.Name).FirstOrDefault(),
                Provider = db.Departments.Where(d => d.Id == r.ProviderDepartmentId).Select(d => d.Name).FirstOrDefault(),
                Task = db.FlowTasks.Where(t => t.InstanceId == r.FlowInstanceId && t.Status == FlowTaskStatus.Open
                        && t.StepKey != WorkflowEngine.ExtensionConsentStep && t.StepKey != WorkflowEngine.ResubmitStep)
                    .OrderBy(t => t.Id).FirstOrDefault(),
            })
            .ToListAsync(ct);
        var today = ChinaTime.Today(clock);
        return [.. rows.Select(r => new DataCheckRow(r.Id, r.ResourceName, r.Kind, r.Status, r.Requester ?? "", r.Provider ?? "",
            r.CreatedAt, r.Task is null ? null : DeadlineOf(r.Task, today)))];
    }

    private DataCheckDeadline DeadlineOf(FlowTask task, DateOnly today) =>
        new(task.DueDate, task.DueAt, task.Provisional, task.RuleText, task.ExtensionDays,
            task.DueDate is { } due ? calendar.WorkingDaysUntil(today, due) : null);

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
        return new DataCheckDetail(r.Id, r.RequesterDepartmentId, names.GetValueOrDefault(r.RequesterDepartmentId, ""), requesterName ?? "",
            r.ProviderDepartmentId, names.GetValueOrDefault(r.ProviderDepartmentId, ""), r.ResourceName, r.RecordIdentifier, r.Kind,
            r.Description, r.Status, r.Answer, r.Explanation, r.AnsweredAt, r.ReopenCount, r.ReopenReason, r.CreatedAt, r.ClosedAt,
            r.FlowInstanceId, evidence, task,
            CanClose: requesterSide && r.Status == DataCheckStatus.Answered,
            CanReopen: requesterSide && r.Status == DataCheckStatus.Answered && r.ReopenCount == 0,
            history);
    }

    private static Task<Dictionary<int, string>> DepartmentNamesAsync(PortalDbContext db, CancellationToken ct) =>
        db.Departments.AsNoTracking().ToDictionaryAsync(d => d.Id, d => d.Name, ct);

    /// <summary>Each round of the flow (the first raise, then the reopening), oldest first.</summary>
    private static async Task<IReadOnlyList<DataCheckRound>> HistoryAsync(PortalDbContext db, DataCheckRequest r,
        Dictionary<int, string> names, CancellationToken ct)
    {
        var instances = await db.FlowInstances.AsNoTracking().Include(i => i.Events)
            .Where(i => i.SubjectType == DataCheckTexts.SubjectType && i.SubjectId == Key(r))
            .OrderBy(i => i.Id).ToListAsync(ct);
        return [.. instances.Select((i, n) => new DataCheckRound(i.Id, n + 1, i.FlowName, StatusName(i.Status), i.StartedAt, i.EndedAt,
            [.. i.Events.OrderBy(e => e.Id).Select(e => new TimelineEntry(e.Id, e.OccurredAt, e.Action, FlowActions.DisplayName(e.Action),
                e.ActorName, e.ActorDepartmentId is { } d ? names.GetValueOrDefault(d) : null, e.Comment, e.RuleText))]))];
    }

    private static string StatusName(FlowStatus status) => status switch
    {
        FlowStatus.Running => "办理中",
        FlowStatus.Completed => "已办结",
        FlowStatus.Rejected => "未获同意",
        FlowStatus.Withdrawn => "已撤回",
        _ => status.ToString(),
    };

    /// <summary>The provider's open check task (or the requester's open clarification task) and what I may do with it.</summary>
    private async Task<DataCheckTaskView?> TaskViewAsync(PortalDbContext db, DataCheckRequest r, CancellationToken ct)
    {
        if (r.FlowInstanceId is not { } instanceId || r.Status != DataCheckStatus.Submitted) return null;
        var open = await db.FlowTasks.AsNoTracking().Include(t => t.Instance)
            .Where(t => t.InstanceId == instanceId && t.Status == FlowTaskStatus.Open).OrderBy(t => t.Id).ToListAsync(ct);
        var today = ChinaTime.Today(clock);
        if (open.FirstOrDefault(t => t.StepKey == WorkflowEngine.ResubmitStep) is { } returned)
            return new DataCheckTaskView(returned.Id, returned.Version, returned.StepKey, returned.StepName, DeadlineOf(returned, today),
                false, false, 0, false, ReturnedForClarification: true, CanResubmit: engine.IsAssignee(returned));
        var check = open.FirstOrDefault(t => t.StepKey != WorkflowEngine.ExtensionConsentStep);
        if (check is null) return null;
        var pending = open.Any(t => t.StepKey == WorkflowEngine.ExtensionConsentStep);
        // The engine refuses self-approval; the page should not offer it either.
        var mayAct = engine.IsAssignee(check) && check.Instance!.SubmittedByUserId != actor.UserId;
        var left = ExtensionDaysLeft(check);
        return new DataCheckTaskView(check.Id, check.Version, check.StepKey, check.StepName, DeadlineOf(check, today),
            CanAnswer: mayAct, CanRequestExtension: mayAct && left > 0 && !pending, left, pending, false, false);
    }

    /// <summary>0 where the active profile allows no extension of this step (every profile but shuangpai, Art. 27 ¶2).</summary>
    private int ExtensionDaysLeft(FlowTask check)
    {
        var flow = engine.Profile.Flow(FlowKeys.DataCheck);
        if (flow?.Extension is not { } rule || flow.Step(check.StepKey)?.Actions.HasFlag(StepActions.RequestExtension) != true) return 0;
        return Math.Max(rule.MaxTotalDays - check.ExtensionDays, 0);
    }
}
