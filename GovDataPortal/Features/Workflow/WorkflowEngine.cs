using GovDataPortal.Features.Calendar;
using GovDataPortal.Features.Identity;
using GovDataPortal.Features.Notifications;
using GovDataPortal.Features.Policies;
using GovDataPortal.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace GovDataPortal.Features.Workflow;

/// <summary>What a feature asks for when its subject enters a flow.</summary>
public sealed record StartFlow(
    string FlowKey, string SubjectType, string SubjectId, string SubjectTitle,
    int ProviderDepartmentId, int RequesterDepartmentId, string? NamedUserId = null);

/// <summary>A person's decision on a task; <see cref="Version"/> is the task version they saw.</summary>
public sealed record TaskDecision(
    long TaskId, uint Version, string Action, string? Comment,
    int? ExtensionDays = null, int? ForwardToDepartmentId = null);

/// <summary>
/// The approval-flow engine. Flows and deadlines come from the active policy profile; instances, tasks, history and
/// timers are rows in the caller's unit of work, so a subject and its flow always change together. Every deadline of
/// every later flow is computed here, through <see cref="IWorkingDayCalendar"/>.
/// </summary>
public sealed partial class WorkflowEngine(
    IDbContextFactory<PortalDbContext> factory,
    CurrentActor actor,
    TimeProvider clock,
    IWorkingDayCalendar calendar,
    PolicyCatalog policies,
    IOptions<WorkflowOptions> options,
    Notifier notifier,
    IEnumerable<IFlowSubjectHandler> handlers)
{
    public const string TaskTakenMessage = "该任务已由他人处理";
    public const string ResubmitStep = "resubmit";
    public const string ExtensionConsentStep = "extension-consent";

    /// <summary>The longest comment a history line holds (flow_events.Comment).</summary>
    public const int CommentMaxLength = 2000;

    /// <summary>An extension's reason, recorded after "申请延期N个工作日：" within <see cref="CommentMaxLength"/>.</summary>
    public const int ExtensionReasonMaxLength = 1000;

    public PolicyProfile Profile => policies.Active;

    public FlowRule Flow(string key) => Profile.Flow(key)
        ?? throw new DomainException($"当前适用的《{Profile.Title}》未规定该流程（{key}）。");

    /// <summary>Starts a flow in <paramref name="db"/>; the caller saves it together with the subject.</summary>
    public async Task<FlowInstance> StartAsync(PortalDbContext db, StartFlow start, CancellationToken ct)
    {
        actor.RequireSignedIn();
        var flow = Flow(start.FlowKey);
        var instance = new FlowInstance
        {
            FlowKey = flow.Key, FlowName = flow.Name, Jurisdiction = Profile.Key,
            SubjectType = start.SubjectType, SubjectId = start.SubjectId, SubjectTitle = start.SubjectTitle,
            ProviderDepartmentId = start.ProviderDepartmentId, RequesterDepartmentId = start.RequesterDepartmentId,
            SubmittedByUserId = actor.UserId!, NamedUserId = start.NamedUserId,
            Status = FlowStatus.Running, StartedAt = clock.GetUtcNow(),
        };
        db.FlowInstances.Add(instance);
        Record(instance, null, FlowActions.Submit, null, flow.Citation.ToString());
        await OpenStepAsync(db, instance, flow.FirstStep, ct);
        return instance;
    }

    /// <summary>Acts on a task in a context of its own; "该任务已由他人处理" if someone was faster.</summary>
    public async Task DecideAsync(TaskDecision decision, CancellationToken ct = default)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        await DecideAsync(db, decision, ct);
        await SaveDecisionAsync(db, ct);
    }

    public const string ExtensionPendingMessage = "已有待审批的延期申请。";

    /// <summary>Saves a decision's unit of work, turning a lost race into the Chinese message.</summary>
    public static async Task SaveDecisionAsync(PortalDbContext db, CancellationToken ct)
    {
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateConcurrencyException)
        {
            throw new ConflictException(TaskTakenMessage);
        }
        catch (DbUpdateException e) when (UniqueViolation.Is(e, FlowTaskConfiguration.OneOpenExtensionIndex))
        {
            // Another extension request of this flow was saved between our check and our insert.
            throw new ConflictException(ExtensionPendingMessage);
        }
    }

    /// <summary>Applies a decision to <paramref name="db"/> without saving (for features that change their subject too).</summary>
    public async Task<FlowTask> DecideAsync(PortalDbContext db, TaskDecision decision, CancellationToken ct)
    {
        var task = await LoadOpenTaskAsync(db, decision, ct);
        var instance = task.Instance!;
        GuardActor(task, instance, decision.Action);
        var step = task.StepKey == ExtensionConsentStep ? null : Flow(instance.FlowKey).Step(task.StepKey);
        var answering = AnsweringOf(instance, task);
        if (answering?.Replaced(decision.Action) == true)
            throw new DomainException(answering.Refusal, "action");

        switch (decision.Action)
        {
            case FlowActions.Approve when task.StepKey == ExtensionConsentStep:
                await GrantExtensionAsync(db, task, decision, ct); break;
            case FlowActions.Reject when task.StepKey == ExtensionConsentStep:
                await RefuseExtensionAsync(db, task, decision, ct); break;
            case FlowActions.Resubmit when task.StepKey == ResubmitStep:
                await ResubmitAsync(db, task, decision, ct); break;
            case FlowActions.Approve: Allow(step, StepActions.Approve); await ApproveAsync(db, task, decision.Comment, FlowActions.Approve, ct); break;
            case FlowActions.Reject: Allow(step, StepActions.Reject); await RejectAsync(db, task, decision.Comment, ct); break;
            case FlowActions.Return: Allow(step, StepActions.Return); await ReturnAsync(db, task, decision.Comment, ct); break;
            case FlowActions.RequestExtension: Allow(step, StepActions.RequestExtension); await RequestExtensionAsync(db, task, decision, ct); break;
            case FlowActions.Forward: Allow(step, StepActions.Forward); await ForwardAsync(db, task, decision, ct); break;
            // A subject's own answer (经核实无误…): only where its feature declares it, approving the step under its own name.
            case var answer when FlowActions.IsAnswer(answer) && answering?.Answers.Contains(answer) == true:
                Allow(step, StepActions.Approve); await ApproveAsync(db, task, decision.Comment, answer, ct); break;
            default: throw new DomainException("该环节不允许此操作。", "action");
        }
        return task;
    }

    private async Task<FlowTask> LoadOpenTaskAsync(PortalDbContext db, TaskDecision decision, CancellationToken ct)
    {
        var task = await db.FlowTasks.Include(t => t.Instance).FirstOrDefaultAsync(t => t.Id == decision.TaskId, ct)
            ?? throw new NotFoundException("任务不存在。");
        if (task.Status != FlowTaskStatus.Open || task.Version != decision.Version) throw new ConflictException(TaskTakenMessage);
        return task;
    }

    /// <summary>Only the assignee acts, and never on what they submitted themselves.</summary>
    private void GuardActor(FlowTask task, FlowInstance instance, string action)
    {
        actor.RequireSignedIn();
        if (!IsAssignee(task)) throw new AccessDeniedException("该任务不属于您的部门或角色。");
        // The submitter may resubmit their own returned subject, and nothing else of it.
        if (instance.SubmittedByUserId == actor.UserId && action != FlowActions.Resubmit)
            throw new DomainException("不能审批本人提交的事项。");
    }

    /// <summary>Where the subject's feature answers <paramref name="task"/> on its own page; null where the inbox may.</summary>
    public SubjectAnswering? AnsweringOf(FlowInstance instance, FlowTask task) =>
        handlers.Where(h => h.SubjectType == instance.SubjectType)
            .Select(h => h.AnsweredOnSubjectPage(instance.SubjectId, task.StepKey))
            .FirstOrDefault(a => a is not null);

    public bool IsAssignee(FlowTask task) =>
        task.AssigneeUserId is not null
            ? task.AssigneeUserId == actor.UserId
            : task.AssigneeDepartmentId == actor.DepartmentId && task.AssigneeRole is not null && actor.IsInRole(task.AssigneeRole);

    private static void Allow(StepRule? step, StepActions action)
    {
        if (step is null || !step.Actions.HasFlag(action)) throw new DomainException("该环节不允许此操作。", "action");
    }
}
