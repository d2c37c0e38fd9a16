using GovDataPortal.Features.Workflow;
using GovDataPortal.Infrastructure;

namespace GovDataPortal.Features.DataChecks;

/// <summary>
/// Keeps a check in step with its flow when an instance ends (called inside the ending transaction). The normal end is
/// <see cref="DataCheckService.AnswerAsync"/>, which has already set the answer in the same unit of work. Any other end:
/// <list type="bullet">
/// <item>withdrawn → the check is closed (nothing more can happen to it);</item>
/// <item>a person approves or rejects the step elsewhere (the generic inbox) → refused: an answer without its result
/// and explanation would tell the requester nothing (shuangpai Art. 27 ¶4, hubei Art. 13 ¶3 require the result);</item>
/// <item>the portal ends it on a timer (a deemed approval — no profile does that for data checks today) → logged, and
/// the check stays 待校核 with no answer: the portal never invents a verification result.</item>
/// </list>
/// </summary>
internal sealed class DataCheckSubjectHandler(CurrentActor actor, ILogger<DataCheckSubjectHandler> log) : IFlowSubjectHandler
{
    public string SubjectType => DataCheckTexts.SubjectType;

    public async Task OnFlowEndedAsync(PortalDbContext db, FlowInstance instance, FlowOutcome outcome, CancellationToken ct)
    {
        if (!long.TryParse(instance.SubjectId, out var id)) return;
        // Find, not a query: it returns the tracked request AnswerAsync changed in this same context.
        var request = await db.DataCheckRequests.FindAsync([id], ct);
        if (request is null || request.FlowInstanceId != instance.Id || request.Status != DataCheckStatus.Submitted) return;

        if (outcome == FlowOutcome.Withdrawn)
        {
            (request.Status, request.ClosedAt) = (DataCheckStatus.Closed, instance.EndedAt);
            return;
        }
        if (actor.IsAuthenticated)
            throw new DomainException($"数据校核须在“数据校核”页面填写校核结果和说明后答复（{DataCheckService.Link(id)}）。");
        log.LogWarning("数据校核 {Id} 的流程 {Instance} 未经答复而结束（{Outcome}），校核保持待校核状态。", id, instance.Id, outcome);
    }
}
