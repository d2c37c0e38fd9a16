using GovDataPortal.Features.Policies;
using GovDataPortal.Features.Workflow;
using GovDataPortal.Infrastructure;

namespace GovDataPortal.Features.Catalogue;

/// <summary>
/// A catalogue-update flow as the rest of the portal sees it. The update step and the authority's review of a 无需变更
/// statement are answered on the obligation page (the inbox links there); the filing (备案) is a plain approval in the
/// inbox. A flow ended by withdrawal or cancellation leaves nothing owed.
/// </summary>
internal sealed class ObligationSubjectHandler(ObligationAnswerGate gate) : IFlowSubjectHandler
{
    public string SubjectType => ObligationTexts.SubjectType;

    public SubjectAnswering? AnsweredOnSubjectPage(string subjectId, string stepKey)
    {
        if (gate.IsOpen || stepKey is not (ObligationTexts.UpdateStep or ObligationTexts.ReviewStep) || !long.TryParse(subjectId, out var id))
            return null;
        return new SubjectAnswering(ObligationTexts.Link(id), "前往目录更新义务页面办理", ObligationTexts.Refusal(id),
            StepActions.Approve | StepActions.Reject | StepActions.Choose, []);
    }

    public async Task OnFlowEndedAsync(PortalDbContext db, FlowRef flow, FlowEnd end, CancellationToken ct)
    {
        if (end.Outcome is not (FlowOutcome.Withdrawn or FlowOutcome.Cancelled) || !long.TryParse(flow.SubjectId, out var id)) return;
        // Find, not a query: the tracked obligation a service changed in this same context.
        var obligation = await db.CatalogueObligations.FindAsync([id], ct);
        if (obligation is not null && obligation.FlowInstanceId == flow.InstanceId) obligation.Cancel(end.At);
    }
}
