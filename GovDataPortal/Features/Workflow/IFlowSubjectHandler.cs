using GovDataPortal.Features.Policies;
using GovDataPortal.Infrastructure;

namespace GovDataPortal.Features.Workflow;

/// <summary>How a flow ended, as far as its subject cares.</summary>
public enum FlowOutcome
{
    /// <summary>Every step on its path approved by people.</summary>
    Approved = 1,
    /// <summary>The step that ended it was deemed approved on timeout (视为同意, hubei Art. 20): <see cref="FlowEnd.Note"/> names the rule.</summary>
    DeemedApproved = 2,
    /// <summary>Refused; <see cref="FlowEnd.Note"/> holds the reasons.</summary>
    Rejected = 3,
    /// <summary>The requester took it back.</summary>
    Withdrawn = 4,
    /// <summary>Ended by the portal or an administrator without a decision.</summary>
    Cancelled = 5,
}

/// <summary>The flow a hook is about: who the subject is and the rules it runs under.</summary>
public sealed record FlowRef(long InstanceId, string FlowKey, string SubjectType, string SubjectId, string SubjectTitle, FlowRule Rule,
    FlowParty? RequesterParty);

/// <summary>A step's task(s) just opened.</summary>
public sealed record OpenedStep(string StepKey, string StepName, DateOnly? DueDate, string RuleText);

/// <summary>
/// A step decided (by a person, a 会签 as a whole, or the portal on timeout): <see cref="Action"/> is the FlowActions name
/// (Approve, Reject, Choose, DeemedApproval, a subject's own answer …), <see cref="BranchKey"/> the branch chosen.
/// </summary>
public sealed record DecidedStep(string StepKey, string Action, string? BranchKey, string? Comment, bool ByPortal);

/// <summary>How a flow ended, with the rule (deemed approval) or the reasons (refusal).</summary>
public sealed record FlowEnd(FlowOutcome Outcome, string? Note, DateTimeOffset At, bool ByPortal);

/// <summary>
/// A step answered on the subject's own page, because the answer changes the subject too (a data check records its
/// result and explanation and tells the requester). The generic inbox neither offers nor takes the
/// <see cref="Replaces"/> actions there; it links to <see cref="Link"/> instead, and the engine refuses them with
/// <see cref="Refusal"/>. The feature answers with one of <see cref="Answers"/> (e.g. <see cref="FlowActions.VerifiedNoError"/>),
/// which approves the step and is recorded under its own name.
/// </summary>
public sealed record SubjectAnswering(string Link, string LinkText, string Refusal, StepActions Replaces, IReadOnlyList<string> Answers)
{
    /// <summary>Whether the generic <paramref name="action"/> belongs to the subject's page, not to the inbox.</summary>
    public bool Replaced(string action) =>
        !FlowActions.IsAnswer(action) && FlowActions.StepAction(action) is var needed && needed != StepActions.None && Replaces.HasFlag(needed);
}

/// <summary>
/// The contract between the engine and a feature whose entity is the subject of flows (one per <see cref="SubjectType"/>).
/// Every hook runs inside the engine's unit of work — also when the timer sweep moves the flow — so the subject never
/// lags behind its flow; a hook that throws undoes the whole change. A feature reads its flows through
/// <see cref="FlowReader"/>, never the engine's tables.
/// </summary>
public interface IFlowSubjectHandler
{
    string SubjectType { get; }

    Task OnFlowStartedAsync(PortalDbContext db, FlowRef flow, CancellationToken ct) => Task.CompletedTask;

    Task OnStepOpenedAsync(PortalDbContext db, FlowRef flow, OpenedStep step, CancellationToken ct) => Task.CompletedTask;

    Task OnStepDecidedAsync(PortalDbContext db, FlowRef flow, DecidedStep step, CancellationToken ct) => Task.CompletedTask;

    /// <summary>
    /// The earliest deadline among the flow's open steps changed: a step opened (<paramref name="dueAt"/> null when it
    /// has no day count), was returned for revision (null: a revision has no deadline) or got an extension. A subject
    /// keeps it to sort its lists without reading the engine's tables; when the flow ends, <see cref="OnFlowEndedAsync"/> says so.
    /// </summary>
    Task OnDueChangedAsync(PortalDbContext db, FlowRef flow, DateTimeOffset? dueAt, CancellationToken ct) => Task.CompletedTask;

    Task OnFlowEndedAsync(PortalDbContext db, FlowRef flow, FlowEnd end, CancellationToken ct) => Task.CompletedTask;

    /// <summary>
    /// Where a task at <paramref name="stepKey"/> is answered on the subject's page instead of with the generic
    /// actions; null (the default) when every action the step allows may be taken from the inbox. Asked for steps of the
    /// flow only, never for the engine's own revision and extension tasks.
    /// </summary>
    SubjectAnswering? AnsweredOnSubjectPage(string subjectId, string stepKey) => null;

    /// <summary>True when the feature tells the requester the end itself (the engine then sends no 已办结 message).</summary>
    bool TellsRequesterOfEnd => false;
}
