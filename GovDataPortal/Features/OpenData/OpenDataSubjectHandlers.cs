using GovDataPortal.Features.Catalogue;
using GovDataPortal.Features.Policies;
using GovDataPortal.Features.Workflow;
using GovDataPortal.Infrastructure;

namespace GovDataPortal.Features.OpenData;

/// <summary>
/// A conditional-open application's flow: its end sets the application's result, in the ending transaction. Under
/// foshan the application cannot be approved before the signed 承诺书 is recorded (Art. 36 (二)): approving the step
/// is refused here, inside the engine's unit of work, so the inbox and the detail page refuse alike.
/// </summary>
internal sealed class OpenRequestSubjectHandler(TimeProvider clock) : IFlowSubjectHandler
{
    public string SubjectType => OpenDataTexts.RequestSubjectType;

    public async Task OnStepDecidedAsync(PortalDbContext db, FlowRef flow, DecidedStep step, CancellationToken ct)
    {
        if (!OpenDataService.CommitmentRequired(flow.Rule) || step.Action is not (FlowActions.Approve or FlowActions.DeemedApproval)) return;
        var request = await FindAsync(db, flow, ct);
        if (request is { CommitmentSigned: false }) throw new DomainException(OpenDataService.CommitmentMissing);
    }

    public async Task OnFlowEndedAsync(PortalDbContext db, FlowRef flow, FlowEnd end, CancellationToken ct)
    {
        if (await FindAsync(db, flow, ct) is not { } request) return;
        var status = end.Outcome switch
        {
            FlowOutcome.Approved or FlowOutcome.DeemedApproved => OpenRequestStatus.Approved,
            FlowOutcome.Rejected => OpenRequestStatus.Refused,
            _ => OpenRequestStatus.Withdrawn,
        };
        request.Conclude(status, end.Note, clock.GetUtcNow());
    }

    private static async Task<OpenDataRequest?> FindAsync(PortalDbContext db, FlowRef flow, CancellationToken ct) =>
        long.TryParse(flow.SubjectId, out var id) && await db.Set<OpenDataRequest>().FindAsync([id], ct) is { } r && r.FlowInstanceId == flow.InstanceId
            ? r : null;
}

/// <summary>
/// An objection's flow. Hubei Art. 28 (<see cref="FlowRule.OnReceipt"/> = SuspendOpening): the entry's opening is
/// suspended the moment the flow starts — in the same transaction as the objection — and the provider's choice at the
/// verify step withdraws the data, or restores it (恢复开放 / 处理后再开放). A flow that ends otherwise (withdrawn,
/// cancelled) restores an opening it suspended, since nothing was found against the data.
/// </summary>
internal sealed class ObjectionSubjectHandler(ICatalogueOpening opening, TimeProvider clock) : IFlowSubjectHandler
{
    public const string Withdraw = "withdraw", Restore = "restore", Process = "process";

    public string SubjectType => OpenDataTexts.ObjectionSubjectType;

    public async Task OnFlowStartedAsync(PortalDbContext db, FlowRef flow, CancellationToken ct)
    {
        if (!Suspends(flow) || await FindAsync(db, flow.SubjectId, ct) is not { } objection) return;
        await opening.SuspendAsync(db, objection.CatalogueEntryId,
            $"收到数据异议（{OpenDataTexts.Name(objection.Kind)}），依据{flow.Rule.OnReceipt!.Citation}中止开放", ct);
    }

    public async Task OnStepDecidedAsync(PortalDbContext db, FlowRef flow, DecidedStep step, CancellationToken ct)
    {
        if (!Suspends(flow) || step.BranchKey is not (Withdraw or Restore or Process)) return;
        if (await FindAsync(db, flow.SubjectId, ct) is not { } objection || objection.FlowInstanceId != flow.InstanceId) return;
        var reason = $"异议核实后{OpenDataTexts.OutcomeName(step.BranchKey)}（{flow.Rule.OnReceipt!.Citation}）";
        if (step.BranchKey == Withdraw) await opening.WithdrawAsync(db, objection.CatalogueEntryId, reason, ct);
        else await opening.RestoreAsync(db, objection.CatalogueEntryId, reason, ct);
        objection.RecordOpeningOutcome(step.BranchKey);
    }

    public async Task OnFlowEndedAsync(PortalDbContext db, FlowRef flow, FlowEnd end, CancellationToken ct)
    {
        if (await FindAsync(db, flow.SubjectId, ct) is not { } objection || objection.FlowInstanceId != flow.InstanceId) return;
        var concluded = end.Outcome is FlowOutcome.Approved or FlowOutcome.DeemedApproved or FlowOutcome.Rejected;
        if (!concluded && Suspends(flow) && objection.OpeningOutcome is null)
            await opening.RestoreAsync(db, objection.CatalogueEntryId, "异议已撤回，恢复开放", ct);
        objection.Conclude(concluded ? ObjectionStatus.Concluded : ObjectionStatus.Withdrawn, clock.GetUtcNow());
    }

    private static bool Suspends(FlowRef flow) => flow.Rule.OnReceipt?.Kind == ReceiptEffectKind.SuspendOpening;

    private static async Task<DataObjection?> FindAsync(PortalDbContext db, string subjectId, CancellationToken ct) =>
        long.TryParse(subjectId, out var id) ? await db.Set<DataObjection>().FindAsync([id], ct) : null;
}
