using GovDataPortal.Features.Policies;
using GovDataPortal.Features.Workflow;
using GovDataPortal.Infrastructure;

namespace GovDataPortal.Features.DataChecks;

/// <summary>
/// A check's flow as the rest of the portal sees it.
/// <para>Answering: the provider answers on the data-check page (<see cref="DataCheckService.AnswerAsync"/>) with a
/// result and an explanation (shuangpai Art. 27 ¶4, hubei Art. 13 ¶3 require the result to be fed back), recorded as
/// <see cref="ActionOf"/> the result — never a bare 同意. The generic inbox therefore neither offers nor takes 同意/驳回 on
/// the check step and links to the check's page instead; 退回修改 and 申请延期 stay in the inbox (they do not end the flow).</para>
/// <para>Ending (called inside the ending transaction). The normal end is the answer, already set in the same unit of
/// work. Any other end:</para>
/// <list type="bullet">
/// <item>withdrawn → the check is closed (nothing more can happen to it);</item>
/// <item>a person ends it otherwise (an answer action sent without answering the check) → refused;</item>
/// <item>the portal ends it on a timer (a deemed approval — no profile does that for data checks today) → logged, and
/// the check stays 待校核 with no answer: the portal never invents a verification result.</item>
/// </list>
/// </summary>
internal sealed class DataCheckSubjectHandler(CurrentActor actor, ILogger<DataCheckSubjectHandler> log) : IFlowSubjectHandler
{
    public string SubjectType => DataCheckTexts.SubjectType;

    /// <summary>The flow action that records <paramref name="answer"/> (已办 and the history show its name).</summary>
    public static string ActionOf(DataCheckAnswer answer) => answer switch
    {
        DataCheckAnswer.NoError => FlowActions.VerifiedNoError,
        DataCheckAnswer.ConfirmedAndCorrected => FlowActions.VerifiedCorrected,
        _ => throw new ArgumentOutOfRangeException(nameof(answer), answer, null),
    };

    public static string Refusal(long id) => $"数据校核须在“数据校核”页面填写校核结果和说明后答复（{DataCheckService.Link(id)}）。";

    public SubjectAnswering? AnsweredOnSubjectPage(string subjectId, string stepKey)
    {
        if (!long.TryParse(subjectId, out var id)) return null;
        return new SubjectAnswering(DataCheckService.Link(id), "前往数据校核页面答复", Refusal(id),
            StepActions.Approve | StepActions.Reject, [.. Enum.GetValues<DataCheckAnswer>().Select(ActionOf)]);
    }

    /// <summary>The answer's own message tells the requester (DataCheckService.NotifyAnswerAsync); "已办结" would be untrue.</summary>
    public bool TellsRequesterOfEnd => true;

    public async Task OnFlowEndedAsync(PortalDbContext db, FlowRef flow, FlowEnd end, CancellationToken ct)
    {
        var outcome = end.Outcome;
        if (!long.TryParse(flow.SubjectId, out var id)) return;
        // Find, not a query: it returns the tracked request AnswerAsync changed in this same context.
        var request = await db.DataCheckRequests.FindAsync([id], ct);
        if (request is null || request.FlowInstanceId != flow.InstanceId || request.Status != DataCheckStatus.Submitted) return;

        if (outcome == FlowOutcome.Withdrawn)
        {
            request.CloseOnWithdrawal(end.At);
            return;
        }
        if (actor.IsAuthenticated) throw new DomainException(Refusal(id));
        log.LogWarning("数据校核 {Id} 的流程 {Instance} 未经答复而结束（{Outcome}），校核保持待校核状态。", id, flow.InstanceId, outcome);
    }
}
