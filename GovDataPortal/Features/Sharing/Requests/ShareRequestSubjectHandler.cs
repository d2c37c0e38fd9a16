using GovDataPortal.Features.Notifications;
using GovDataPortal.Features.Workflow;
using GovDataPortal.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace GovDataPortal.Features.Sharing.Requests;

/// <summary>
/// A share request's review flow as the request sees it; every hook runs inside the engine's unit of work (a person's
/// decision or the timer sweep), so the request and its grant never lag behind the flow.
/// <list type="bullet">
/// <item>approved, or deemed approved on timeout (hubei Art. 20 ¶3: 视为同意, the platform grants) → exactly one grant:
/// the request must still be under review, no grant may name it yet, and share_grants' unique request id refuses a
/// second one should a retried job get this far;</item>
/// <item>rejected (after any coordination) → refused with the reasons the engine required of the refusal;</item>
/// <item>withdrawn → withdrawn; cancelled by the portal or an administrator → 流程已终止, the requester told why.</item>
/// </list>
/// The approver answers from 我的待办 with the generic approve / reject actions, so no step is answered on the request's page.
/// </summary>
internal sealed class ShareRequestSubjectHandler(Notifier notifier, ILogger<ShareRequestSubjectHandler> log) : IFlowSubjectHandler
{
    public string SubjectType => SharingTexts.SubjectType;

    /// <summary>The request's own messages say what was decided (a grant, or a refusal with its reasons).</summary>
    public bool TellsRequesterOfEnd => true;

    public Task OnDueChangedAsync(PortalDbContext db, FlowRef flow, DateTimeOffset? dueAt, CancellationToken ct) =>
        ShareRequestDue.TrackAsync(db, flow, dueAt, ct);

    public async Task OnFlowEndedAsync(PortalDbContext db, FlowRef flow, FlowEnd end, CancellationToken ct)
    {
        if (!long.TryParse(flow.SubjectId, out var id)) return;
        var request = await db.ShareRequests.FindAsync([id], ct);
        if (request is null || request.FlowInstanceId != flow.InstanceId || request.Status != ShareRequestStatus.InReview) return;
        var link = ShareRequestNames.Link(id);
        switch (end.Outcome)
        {
            case FlowOutcome.Approved or FlowOutcome.DeemedApproved:
                if (await db.ShareGrants.AnyAsync(g => g.ShareRequestId == id, ct)) return;
                var basis = end.Outcome == FlowOutcome.DeemedApproved ? GrantBasis.DeemedConsent : GrantBasis.Approved;
                var grant = await ShareRequestService.GrantAsync(db, request, basis, end.At, ct);
                await ShareRequestService.NotifyGrantedAsync(db, notifier, request, grant, ct);
                break;
            case FlowOutcome.Rejected:
                request.Refuse(end.Note, end.At); // throws without reasons: the whole decision is undone
                await TellRequesterAsync(db, request, "共享申请不予共享", $"“{request.ResourceName}”的共享申请未获同意。理由：{request.DecisionReason}", link, ct);
                break;
            case FlowOutcome.Withdrawn:
                request.Withdraw(end.At);
                break;
            default:
                log.LogWarning("共享申请 {Id} 的流程 {Instance} 未经决定而结束（{Outcome}）：{Note}", id, flow.InstanceId, end.Outcome, end.Note);
                request.Terminate(end.Note, end.At);
                await TellRequesterAsync(db, request, "共享申请流程已终止", $"“{request.ResourceName}”的共享申请流程已终止：{end.Note}", link, ct);
                break;
        }
    }

    private async Task TellRequesterAsync(PortalDbContext db, ShareRequest request, string title, string body, string link, CancellationToken ct)
    {
        foreach (var user in await FlowRuntime.RequesterUsersAsync(db, request.RequesterDepartmentId, request.RequesterUserId, ct))
            notifier.ToUser(db, user, title, body, link);
    }
}
