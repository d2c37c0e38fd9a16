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
/// Implemented by a feature whose entity is the subject of flows (one per <see cref="SubjectType"/>). Called inside the
/// transaction that ends the instance — also when the timer sweep ends it — so the subject never lags behind its flow.
/// </summary>
public interface IFlowSubjectHandler
{
    string SubjectType { get; }

    Task OnFlowEndedAsync(Infrastructure.PortalDbContext db, FlowInstance instance, FlowOutcome outcome, CancellationToken ct);
}
