using GovDataPortal.Features.Organisation;
using GovDataPortal.Features.Identity;
using GovDataPortal.Features.Policies;
using GovDataPortal.Features.Workflow;
using GovDataPortal.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace GovDataPortal.Features.Inbox;

public sealed partial class InboxService
{
    public const string NotVisibleMessage = "您无权查看该事项：仅办理人、申请部门、提供部门及数据主管部门可以查看。";

    /// <summary>A task with its history and my allowed actions; null when there is no such task.</summary>
    public async Task<TaskDetail?> GetTaskAsync(long taskId, CancellationToken ct = default)
    {
        actor.RequireSignedIn();
        await using var db = await factory.CreateDbContextAsync(ct);
        var task = await db.FlowTasks.AsNoTracking().Include(t => t.Instance).FirstOrDefaultAsync(t => t.Id == taskId, ct);
        if (task is null) return null;
        var instance = task.Instance!;
        await EnsureVisibleAsync(db, instance, ct);
        var history = await HistoryOfAsync(db, instance, ct);
        var (actions, elsewhere) = await AllowedActionsAsync(db, task, ct);
        var forward = actions.Any(a => a.NeedsDepartment) ? await ForwardDepartmentsAsync(db, task, ct) : [];
        // Who sent it: the event that opened the task (the rule of MyOpenTasksAsync).
        var sender = await db.FlowEvents.Where(e => e.InstanceId == task.InstanceId && e.OccurredAt <= task.ReceivedAt
                && (e.TaskId == null || e.TaskId != task.Id))
            .OrderByDescending(e => e.Id)
            .Select(e => new { e.ActorName, Department = db.Departments.Where(d => d.Id == e.ActorDepartmentId).Select(d => d.Name).FirstOrDefault() })
            .FirstOrDefaultAsync(ct);
        var row = WithRemaining(new InboxRow(task.Id, task.Version, instance.Id, instance.SubjectTitle, instance.FlowKey, instance.FlowName,
            task.StepName, task.ReceivedAt, task.DueDate, task.DueAt, task.Provisional, task.RuleText, task.Escalated,
            SenderName: sender?.ActorName, SenderDepartment: sender?.Department), ChinaTime.Today(clock));
        return new TaskDetail(row, task.StepKey, FlowStatusNames.Of(task.Status), task.Status == FlowTaskStatus.Open,
            task.Decision is null ? null : FlowActions.DisplayName(task.Decision), task.CompletedAt, task.RequestedDays,
            history, actions, forward, elsewhere);
    }

    /// <summary>The history page of an instance (for requesters), with the same visibility as a task.</summary>
    public async Task<FlowHistory?> GetHistoryAsync(long instanceId, CancellationToken ct = default)
    {
        actor.RequireSignedIn();
        await using var db = await factory.CreateDbContextAsync(ct);
        var instance = await db.FlowInstances.AsNoTracking().FirstOrDefaultAsync(i => i.Id == instanceId, ct);
        if (instance is null) return null;
        await EnsureVisibleAsync(db, instance, ct);
        return await HistoryOfAsync(db, instance, ct);
    }

    /// <summary>Decides through the engine; a lost race is a <see cref="ConflictException"/> "该任务已由他人处理".</summary>
    public async Task DecideAsync(long taskId, DecisionRequest request, CancellationToken ct = default)
    {
        actor.RequireSignedIn();
        Validate(request);
        try
        {
            await engine.DecideAsync(new TaskDecision(taskId, request.Version!.Value, InputText.Normalise(request.Action)!, InputText.NullIfBlank(request.Comment),
                request.ExtensionDays, request.ForwardToDepartmentId, InputText.NullIfBlank(request.Branch), NoticeOf(request)), ct);
        }
        catch (ConflictException)
        {
            Changed?.Invoke(); // someone else decided it: the open tasks changed all the same
            throw;
        }
        Changed?.Invoke();
    }

    private static PartyNotice? NoticeOf(DecisionRequest r) =>
        r.NoticeMethod is { } method && r.NotifiedAt is { } at ? new PartyNotice(method, at, InputText.Normalise(r.NoticeContent) ?? "") : null;

    /// <summary>What the engine does not check itself: the request is complete, and a forward says why.</summary>
    private static void Validate(DecisionRequest request)
    {
        var errors = new ValidationErrors();
        if (request.Version is null) errors.Add(InboxFields.Version, "请提供任务版本号（version），即打开任务时看到的版本。");
        var action = InputText.Normalise(request.Action);
        if (InputText.IsRefused(action)) errors.Add(InboxFields.Action, "办理操作" + InputText.RefusedMessage);
        else if (string.IsNullOrEmpty(action)) errors.Add(InboxFields.Action, "请选择办理操作。");
        var limit = action == FlowActions.RequestExtension ? WorkflowEngine.ExtensionReasonMaxLength : WorkflowEngine.CommentMaxLength;
        errors.Optional(InboxFields.Comment, request.Comment, "意见", limit);
        if (action == FlowActions.Forward && InputText.IsBlank(request.Comment))
            errors.Add(InboxFields.Comment, "转办须说明原因。");
        errors.ThrowIfInvalid();
    }

    /// <summary>
    /// Who may read a flow: its assignees (of any of its tasks), the requesting and the providing department, and the
    /// 主管部门审核人 of the provider's data authority. Everyone else is refused.
    /// </summary>
    private async Task EnsureVisibleAsync(PortalDbContext db, FlowInstance instance, CancellationToken ct)
    {
        if (instance.SubmittedByUserId == actor.UserId) return;
        if (actor.DepartmentId is { } mine && (mine == instance.RequesterDepartmentId || mine == instance.ProviderDepartmentId)) return;
        var tasks = await db.FlowTasks.AsNoTracking().Where(t => t.InstanceId == instance.Id).ToListAsync(ct);
        if (tasks.Any(engine.IsAssignee)) return;
        if (actor.IsInRole(PortalRoles.AuthorityReviewer) && await IsProvidersAuthorityAsync(db, instance, ct)) return;
        throw new AccessDeniedException(NotVisibleMessage);
    }

    private async Task<bool> IsProvidersAuthorityAsync(PortalDbContext db, FlowInstance instance, CancellationToken ct) =>
        actor.DepartmentId is { } mine && await DataAuthorities.OfDepartmentAsync(db, instance.ProviderDepartmentId, ct) == mine;

    private async Task<FlowHistory> HistoryOfAsync(PortalDbContext db, FlowInstance instance, CancellationToken ct)
    {
        var events = await db.FlowEvents.AsNoTracking().Where(e => e.InstanceId == instance.Id).OrderBy(e => e.Id).ToListAsync(ct);
        var departmentIds = events.Select(e => e.ActorDepartmentId ?? 0)
            .Append(instance.RequesterDepartmentId).Append(instance.ProviderDepartmentId).Distinct().ToList();
        var names = await db.Departments.Where(d => departmentIds.Contains(d.Id)).ToDictionaryAsync(d => d.Id, d => d.Name, ct);
        var currentStep = instance.CurrentStepKey is { } key
            ? await db.FlowTasks.Where(t => t.InstanceId == instance.Id && t.Status == FlowTaskStatus.Open && t.StepKey == key)
                .Select(t => t.StepName).FirstOrDefaultAsync(ct)
            : null;
        return new FlowHistory(instance.Id, instance.FlowName, instance.SubjectType, instance.SubjectId, instance.SubjectTitle,
            links.For(instance.SubjectType, instance.SubjectId), FlowStatusNames.Of(instance.Status), currentStep,
            names.GetValueOrDefault(instance.RequesterDepartmentId, ""), names.GetValueOrDefault(instance.ProviderDepartmentId, ""),
            instance.StartedAt, instance.EndedAt,
            [.. events.Select(e => new TimelineEntry(e.Id, e.OccurredAt, e.Action, FlowActions.DisplayName(e.Action), e.ActorName,
                e.ActorDepartmentId is { } d ? names.GetValueOrDefault(d) : null, e.Comment, e.RuleText))]);
    }

    private static async Task<IReadOnlyList<DepartmentOption>> ForwardDepartmentsAsync(PortalDbContext db, FlowTask task, CancellationToken ct) =>
        await db.Departments.Where(d => d.Id != task.AssigneeDepartmentId).OrderBy(d => d.Name)
            .Select(d => new DepartmentOption(d.Id, d.Name)).ToListAsync(ct);
}
