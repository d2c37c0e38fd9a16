using GovDataPortal.Features.Policies;
using GovDataPortal.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace GovDataPortal.Features.Workflow;

/// <summary>
/// What a feature asks for when its subject enters a flow. <paramref name="AnchorDate"/> is the date
/// <see cref="DeadlineAnchor.GivenDate"/> steps count from (e.g. the law-change date); <paramref name="RequesterParty"/>
/// a requester without a portal account (then <paramref name="RequesterDepartmentId"/> is the department that received
/// the application on its behalf).
/// </summary>
public sealed record StartFlow(
    string FlowKey, string SubjectType, string SubjectId, string SubjectTitle,
    int ProviderDepartmentId, int RequesterDepartmentId, string? NamedUserId = null,
    DateOnly? AnchorDate = null, FlowParty? RequesterParty = null);

/// <summary>What a requester without an account was told, how and when (for a step that <see cref="StepRule.NotifiesRequester"/>).</summary>
public sealed record PartyNotice(NoticeMethod Method, DateTimeOffset NotifiedAt, string Content);

/// <summary>A person's decision on a task; <see cref="Version"/> is the task version they saw.</summary>
public sealed record TaskDecision(
    long TaskId, uint Version, string Action, string? Comment,
    int? ExtensionDays = null, int? ForwardToDepartmentId = null, string? BranchKey = null, PartyNotice? Notice = null);

/// <summary>
/// The approval-flow engine's front door. Flows come from the active policy profile (a running flow keeps the rules it
/// started under); instances, tasks, history and timers are rows in the caller's unit of work, so a subject and its flow
/// always change together. The work is done by <see cref="FlowRouter"/> (routes and ends), <see cref="FlowDecisions"/>,
/// <see cref="FlowDeadlines"/>, <see cref="FlowExtensions"/> and <see cref="FlowTimerSweep"/>.
/// </summary>
public sealed class WorkflowEngine(
    IDbContextFactory<PortalDbContext> factory,
    FlowRuntime runtime,
    FlowRouter router,
    FlowDecisions decisions,
    FlowExtensions extensions,
    FlowParties parties,
    FlowTimerSweep sweep,
    IServiceScopeFactory scopes)
{
    public const string TaskTakenMessage = "该任务已由他人处理";
    public const string ExtensionPendingMessage = FlowExtensions.PendingMessage;
    public const int CommentMaxLength = FlowRuntime.CommentMaxLength;
    public const int ExtensionReasonMaxLength = FlowExtensions.ReasonMaxLength;

    public PolicyProfile Profile => runtime.Profile;

    public FlowRule Flow(string key) => runtime.ActiveFlow(key);

    /// <summary>The rules <paramref name="instance"/> runs under (those it started with).</summary>
    public FlowRule RuleOf(FlowInstance instance) => runtime.RuleOf(instance);

    /// <summary>Starts a flow in <paramref name="db"/>; the caller saves it together with the subject.</summary>
    public async Task<FlowInstance> StartAsync(PortalDbContext db, StartFlow start, CancellationToken ct)
    {
        runtime.Actor.RequireSignedIn();
        var profile = Profile; // once: an activation meanwhile must not split the flow's rules from its recorded version
        var flow = profile.Flow(start.FlowKey) ?? Flow(start.FlowKey);
        var party = parties.Check(flow, start.RequesterParty);
        if (flow.GivenDateName is { } dateName && flow.Steps.Any(s => s.Anchor == DeadlineAnchor.GivenDate) && start.AnchorDate is null)
            throw new DomainException($"请填写{dateName}。", "anchorDate");
        if (start.AnchorDate is { } anchor && anchor > ChinaTime.Today(runtime.Clock))
            throw new DomainException($"{flow.GivenDateName ?? "起算日期"}不能晚于今天。", "anchorDate");
        var instance = new FlowInstance
        {
            FlowKey = flow.Key, FlowName = flow.Name, Jurisdiction = profile.Key, RulesVersion = profile.Version,
            SubjectType = start.SubjectType, SubjectId = start.SubjectId, SubjectTitle = start.SubjectTitle,
            ProviderDepartmentId = start.ProviderDepartmentId, RequesterDepartmentId = start.RequesterDepartmentId,
            SubmittedByUserId = runtime.Actor.UserId!, NamedUserId = start.NamedUserId, AnchorDate = start.AnchorDate,
            RequesterParty = party, Status = FlowStatus.Running, StartedAt = runtime.Now,
        };
        db.FlowInstances.Add(instance);
        runtime.Record(instance, null, FlowActions.Submit, null, flow.Citation.ToString());
        foreach (var handler in runtime.HandlersOf(instance)) await handler.OnFlowStartedAsync(db, runtime.RefOf(instance), ct);
        await router.OpenStepAsync(db, instance, flow.FirstStep, ct);
        return instance;
    }

    /// <summary>Acts on a task in a context of its own; "该任务已由他人处理" if someone was faster.</summary>
    public async Task DecideAsync(TaskDecision decision, CancellationToken ct = default)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        await DecideAsync(db, decision, ct);
        await SaveDecisionAsync(db, ct);
    }

    /// <summary>
    /// The portal settles an open step because the fact it waited for has happened (e.g. an updated catalogue version was
    /// published for an update obligation): no person decides, so — as the timer sweep does for a deemed approval — the
    /// decision is taken by an anonymous actor (the history reads 系统) and follows the step's routes with every hook, in
    /// the caller's unit of work. <paramref name="branchKey"/> picks the branch of a choice step. Nothing when the task
    /// is no longer open.
    /// </summary>
    public async Task SettleByPortalAsync(PortalDbContext db, long taskId, string? branchKey, string comment, CancellationToken ct)
    {
        var task = await db.FlowTasks.Include(t => t.Instance).FirstOrDefaultAsync(t => t.Id == taskId, ct);
        if (task is not { Status: FlowTaskStatus.Open, Kind: FlowTaskKind.Step }) return;
        await using var scope = scopes.CreateAsyncScope(); // nobody signed in: the portal
        var portal = scope.ServiceProvider.GetRequiredService<FlowDecisions>();
        var step = runtime.RuleOf(task.Instance!).Step(task.StepKey) ?? throw new DomainException("该环节已不在流程规则中。");
        if (branchKey is not null && step.Branches.Any(b => b.Key == branchKey))
            await portal.ChooseAsync(db, task, step, branchKey, comment, ct);
        else
            await portal.ApproveAsync(db, task, comment, FlowActions.Approve, ct);
    }

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
        GuardActor(task);
        switch (task.Kind)
        {
            case FlowTaskKind.ExtensionConsent when decision.Action == FlowActions.Approve: await extensions.GrantAsync(db, task, decision.Comment, ct); break;
            case FlowTaskKind.ExtensionConsent when decision.Action == FlowActions.Reject: await extensions.RefuseAsync(db, task, decision.Comment, ct); break;
            case FlowTaskKind.Revision when decision.Action == FlowActions.Resubmit: await decisions.ResubmitAsync(db, task, decision.Comment, ct); break;
            case FlowTaskKind.Step: await DecideStepAsync(db, task, decision, ct); break;
            default: throw new DomainException("该环节不允许此操作。", "action");
        }
        return task;
    }

    private async Task DecideStepAsync(PortalDbContext db, FlowTask task, TaskDecision d, CancellationToken ct)
    {
        var step = runtime.RuleOf(task.Instance!).Step(task.StepKey) ?? throw new DomainException("该环节已不在流程规则中。");
        var answering = runtime.AnsweringOf(task.Instance!, task);
        if (answering?.Replaced(d.Action) == true) throw new DomainException(answering.Refusal, "action");
        switch (d.Action)
        {
            case FlowActions.Approve: Allow(step, StepActions.Approve); await ApproveAsync(db, task, step, d, FlowActions.Approve, ct); break;
            case FlowActions.Reject: Allow(step, StepActions.Reject); await decisions.RejectAsync(db, task, d.Comment, ct); break;
            case FlowActions.Return: Allow(step, StepActions.Return); await decisions.ReturnAsync(db, task, step, d.Comment, ct); break;
            case FlowActions.Choose: Allow(step, StepActions.Choose); await decisions.ChooseAsync(db, task, step, d.BranchKey, d.Comment, ct); break;
            case FlowActions.RequestExtension: Allow(step, StepActions.RequestExtension); AloneAt(step, "申请延期");
                await extensions.RequestAsync(db, task, d.ExtensionDays, d.Comment, ct); break;
            case FlowActions.Forward: Allow(step, StepActions.Forward); await decisions.ForwardAsync(db, task, step, d.ForwardToDepartmentId, d.Comment, ct); break;
            // A subject's own answer (经核实无误…): only where its feature declares it, approving the step under its own name.
            case var answer when FlowActions.IsAnswer(answer) && answering?.Answers.Contains(answer) == true:
                Allow(step, StepActions.Approve); await ApproveAsync(db, task, step, d, answer, ct); break;
            default: throw new DomainException("该环节不允许此操作。", "action");
        }
    }

    private async Task ApproveAsync(PortalDbContext db, FlowTask task, StepRule step, TaskDecision d, string action, CancellationToken ct)
    {
        if (step.NotifiesRequester) parties.RecordNotice(db, task, d.Notice);
        await decisions.ApproveAsync(db, task, d.Comment, action, ct);
    }

    /// <summary>The requester takes a running flow back; the subject's feature hears it as <see cref="FlowOutcome.Withdrawn"/>.</summary>
    public async Task WithdrawAsync(PortalDbContext db, long instanceId, string? reason, CancellationToken ct)
    {
        var instance = await RunningAsync(db, instanceId, ct);
        if (instance.SubmittedByUserId != runtime.Actor.UserId) throw new AccessDeniedException("只有提交人可以撤回。");
        runtime.Record(instance, null, FlowActions.Withdraw, reason, null);
        await router.EndAsync(db, instance, new FlowEnd(FlowOutcome.Withdrawn, reason, runtime.Now, false), ct);
    }

    /// <summary>Ends a running flow without a decision (its subject went away); the subject hears <see cref="FlowOutcome.Cancelled"/>.</summary>
    public async Task CancelAsync(PortalDbContext db, long instanceId, string reason, CancellationToken ct)
    {
        var instance = await RunningAsync(db, instanceId, ct);
        runtime.Record(instance, null, FlowActions.Cancel, reason, null);
        await router.EndAsync(db, instance, new FlowEnd(FlowOutcome.Cancelled, reason, runtime.Now, !runtime.Actor.IsAuthenticated), ct);
    }

    private static async Task<FlowInstance> RunningAsync(PortalDbContext db, long instanceId, CancellationToken ct)
    {
        var instance = await db.FlowInstances.FirstOrDefaultAsync(i => i.Id == instanceId, ct) ?? throw new NotFoundException("流程不存在。");
        if (instance.Status != FlowStatus.Running) throw new ConflictException("流程已结束。");
        return instance;
    }

    /// <summary>Runs every due timer; see <see cref="FlowTimerSweep"/>.</summary>
    public Task<int> SweepAsync(string node, CancellationToken ct = default) => sweep.SweepAsync(node, ct);

    private static async Task<FlowTask> LoadOpenTaskAsync(PortalDbContext db, TaskDecision decision, CancellationToken ct)
    {
        var task = await db.FlowTasks.Include(t => t.Instance).FirstOrDefaultAsync(t => t.Id == decision.TaskId, ct)
            ?? throw new NotFoundException("任务不存在。");
        if (task.Status != FlowTaskStatus.Open || task.Version != decision.Version) throw new ConflictException(TaskTakenMessage);
        return task;
    }

    /// <summary>Only the assignee acts, and never on what they submitted themselves (<see cref="FlowRuntime.DecidesOwnSubject"/>).</summary>
    private void GuardActor(FlowTask task)
    {
        runtime.Actor.RequireSignedIn();
        if (!runtime.IsAssignee(task)) throw new AccessDeniedException("该任务不属于您的部门或角色。");
        if (runtime.DecidesOwnSubject(task)) throw new DomainException("不能审批本人提交的事项。");
    }

    /// <summary>Where the subject's feature answers <paramref name="task"/> on its own page; null where the inbox may.</summary>
    public SubjectAnswering? AnsweringOf(FlowInstance instance, FlowTask task) => runtime.AnsweringOf(instance, task);

    public bool IsAssignee(FlowTask task) => runtime.IsAssignee(task);

    /// <inheritdoc cref="FlowRuntime.DecidesOwnSubject"/>
    public bool DecidesOwnSubject(FlowTask task) => runtime.DecidesOwnSubject(task);

    /// <summary>Return, forward and extension move one actor's task: refused where several actors share the step.</summary>
    private static void AloneAt(StepRule step, string what)
    {
        if (step.Also.Count > 0) throw new DomainException($"多方办理的环节不能{what}。", "action");
    }

    private static void Allow(StepRule step, StepActions action)
    {
        if (!step.Actions.HasFlag(action)) throw new DomainException("该环节不允许此操作。", "action");
    }
}
