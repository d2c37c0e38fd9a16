using GovDataPortal.Features.Identity;
using GovDataPortal.Features.Notifications;
using GovDataPortal.Features.Policies;
using GovDataPortal.Features.Workflow;
using GovDataPortal.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace GovDataPortal.Features.Sharing;

/// <summary>
/// The flows of <see cref="OutsideCatalogueService"/> as the request sees them, inside the engine's unit of work:
/// <list type="bullet">
/// <item>目录外数据需求: the provider's agreement ("reply" approved) makes the request 已同意 at once and tells the
/// requester; the flow goes on with the provider's task to catalogue the data (hubei Art. 22 ¶1), after which the
/// requester asks for the entry like any other.</item>
/// <item>不予共享数据协商: the flow's approved end (after filing where the regulation has it) grants the items asked,
/// exactly once (the grant's unique request id), and tells both departments.</item>
/// <item>A refusal (after any coordination) records the reasons; a withdrawal closes the request.</item>
/// </list>
/// </summary>
internal sealed class OutsideCatalogueHandler(Notifier notifier, TimeProvider clock) : IFlowSubjectHandler
{
    public string SubjectType => SharingTexts.OutsideCatalogueSubjectType;

    public Task OnDueChangedAsync(PortalDbContext db, FlowRef flow, DateTimeOffset? dueAt, CancellationToken ct) =>
        ShareRequestDue.TrackAsync(db, flow, dueAt, ct);

    public async Task OnStepDecidedAsync(PortalDbContext db, FlowRef flow, DecidedStep step, CancellationToken ct)
    {
        if (flow.FlowKey != FlowKeys.UncataloguedDataRequest || step.StepKey != "reply" || step.Action != FlowActions.Approve) return;
        if (await RequestAsync(db, flow, ct) is not { Status: ShareRequestStatus.InReview } request) return;
        request.MarkAgreed($"提供部门同意共享，将把所需数据列入政务数据资源目录（{flow.Rule.Citation}）；列入目录后请按目录申请共享。", clock.GetUtcNow());
        await TellRequesterAsync(db, request, "目录外数据需求已获同意", request.DecisionReason!, ct);
    }

    public async Task OnFlowEndedAsync(PortalDbContext db, FlowRef flow, FlowEnd end, CancellationToken ct)
    {
        if (await RequestAsync(db, flow, ct) is not { } request) return;
        switch (end.Outcome)
        {
            case FlowOutcome.Approved or FlowOutcome.DeemedApproved when request.Kind == ShareRequestKind.Negotiation:
                await GrantAsync(db, request, end, ct);
                break;
            case FlowOutcome.Approved or FlowOutcome.DeemedApproved:
                await TellRequesterAsync(db, request, "所需数据已列入目录",
                    $"提供部门已将“{request.ResourceName}”列入政务数据资源目录，请在目录中找到该数据后申请共享。", ct);
                break;
            case FlowOutcome.Rejected when request.Status == ShareRequestStatus.InReview:
                request.Refuse(end.Note ?? "提供部门不同意提供。", end.At);
                await TellRequesterAsync(db, request, $"{SharingTexts.KindName(request.Kind)}未获同意", $"理由：{request.DecisionReason}", ct);
                break;
            case FlowOutcome.Withdrawn when request.Status == ShareRequestStatus.InReview:
                request.Withdraw(end.At);
                break;
            case FlowOutcome.Cancelled when request.Status == ShareRequestStatus.InReview:
                request.Terminate(end.Note, end.At);
                await TellRequesterAsync(db, request, $"{SharingTexts.KindName(request.Kind)}流程已终止", $"“{request.ResourceName}”：{end.Note}", ct);
                break;
        }
    }

    private async Task GrantAsync(PortalDbContext db, ShareRequest request, FlowEnd end, CancellationToken ct)
    {
        // At least once from the timer sweep: the unique request id of grants makes a second grant impossible, and this
        // check keeps a retry from even trying.
        if (request.Status != ShareRequestStatus.InReview || await db.ShareGrants.AnyAsync(g => g.ShareRequestId == request.Id, ct)) return;
        var grant = ShareGrant.From(request, GrantBasis.Approved, DateOnly.FromDateTime(end.At.ToChina().DateTime), end.At);
        db.ShareGrants.Add(grant);
        await db.SaveChangesAsync(ct);
        request.MarkGranted(grant.Id, end.At);
        var body = $"“{request.ResourceName}”的不予共享数据协商已同意，授权至{request.EndDate:yyyy年M月d日}。";
        await TellRequesterAsync(db, request, "不予共享数据协商已同意", body, ct);
        await notifier.ToRoleAsync(db, request.ProviderDepartmentId, PortalRoles.DepartmentApprover, "不予共享数据协商已授权", body,
            SharingTexts.Link(request.Id), null, ct);
    }

    private Task TellRequesterAsync(PortalDbContext db, ShareRequest request, string title, string body, CancellationToken ct)
    {
        notifier.ToUser(db, request.RequesterUserId, title, body, SharingTexts.Link(request.Id));
        return Task.CompletedTask;
    }

    private static async Task<ShareRequest?> RequestAsync(PortalDbContext db, FlowRef flow, CancellationToken ct)
    {
        if (!long.TryParse(flow.SubjectId, out var id)) return null;
        // Find: the tracked request when the same unit of work already changed it.
        var request = await db.ShareRequests.FindAsync([id], ct);
        return request?.FlowInstanceId == flow.InstanceId ? request : null;
    }
}
