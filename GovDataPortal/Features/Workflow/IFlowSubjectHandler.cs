using GovDataPortal.Features.Policies;

namespace GovDataPortal.Features.Workflow;

/// <summary>How a flow ended, as far as its subject cares.</summary>
public enum FlowOutcome
{
    /// <summary>Every step approved (by people, or deemed approved on timeout).</summary>
    Approved = 1,
    Rejected = 2,
    Withdrawn = 3,
}

/// <summary>
/// A step answered on the subject's own page, because the answer changes the subject too (a data check records its
/// result and explanation and tells the requester). The generic inbox neither offers nor takes the
/// <see cref="Replaces"/> actions there; it links to <see cref="Link"/> instead, and the engine refuses them with
/// <see cref="Refusal"/>. The feature answers with one of <see cref="Answers"/> (e.g. <see cref="FlowActions.VerifiedNoError"/>),
/// which approves the step and is recorded under its own name.
/// </summary>
/// <param name="Link">The subject's page, relative, e.g. <c>data-checks/12</c>.</param>
/// <param name="LinkText">The button text, e.g. 前往数据校核页面答复.</param>
/// <param name="Refusal">Why a replaced action is refused, in Chinese, naming the page.</param>
/// <param name="Replaces">The generic actions of the step the subject's page takes instead (approve, reject).</param>
/// <param name="Answers">The actions the feature records for its answers.</param>
public sealed record SubjectAnswering(string Link, string LinkText, string Refusal, StepActions Replaces, IReadOnlyList<string> Answers)
{
    /// <summary>Whether the generic <paramref name="action"/> belongs to the subject's page, not to the inbox.</summary>
    public bool Replaced(string action) =>
        !FlowActions.IsAnswer(action) && FlowActions.StepAction(action) is var needed && needed != StepActions.None && Replaces.HasFlag(needed);
}

/// <summary>
/// Implemented by a feature whose entity is the subject of flows (one per <see cref="SubjectType"/>). Called inside the
/// transaction that ends the instance — also when the timer sweep ends it — so the subject never lags behind its flow.
/// </summary>
public interface IFlowSubjectHandler
{
    string SubjectType { get; }

    Task OnFlowEndedAsync(Infrastructure.PortalDbContext db, FlowInstance instance, FlowOutcome outcome, CancellationToken ct);

    /// <summary>
    /// Where a task at <paramref name="stepKey"/> is answered on the subject's page instead of with the generic
    /// actions; null (the default) when every action the step allows may be taken from the inbox.
    /// </summary>
    SubjectAnswering? AnsweredOnSubjectPage(string subjectId, string stepKey) => null;
}
