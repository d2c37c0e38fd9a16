using GovDataPortal.Infrastructure;

namespace GovDataPortal.Features.Catalogue;

public partial class CatalogueObligation
{
    public const string ReasonField = "reason";

    // A round (the first, or one after a refused 无需变更) waits for its flow; not mapped: attached in the same unit of work.
    private bool _awaitingFlow;

    internal static CatalogueObligation For(CatalogueEntry entry) => new()
    {
        EntryId = entry.Id, ProviderDepartmentId = entry.ProviderDepartmentId, Status = ObligationStatus.Open, _awaitingFlow = true,
    };

    public bool IsOpen => Status == ObligationStatus.Open;

    /// <summary>The department said 无需变更 and the data authority has not decided yet.</summary>
    public bool AwaitsNoChangeDecision => Status == ObligationStatus.Open && NoChangeReason is not null;

    /// <summary>Links the flow of the current round, once per round.</summary>
    public void AttachFlow(long instanceId)
    {
        if (FlowInstanceId is not null && !_awaitingFlow) throw new DomainException("该更新义务已关联流程，不能重复关联。");
        (FlowInstanceId, _awaitingFlow) = (instanceId, false);
    }

    /// <summary>
    /// An updated version of the entry was published after the change was recorded: the obligation is met
    /// (changsha Art. 16 ¶3, shuangpai Art. 19 ¶2, foshan Art. 17 "更新目录"). A pending 无需变更 statement is moot.
    /// </summary>
    public void MetBy(long versionId, DateTimeOffset at)
    {
        if (Status != ObligationStatus.Open) throw new DomainException("该更新义务已办结。");
        (Status, MetByVersionId, ClosedAt) = (ObligationStatus.Updated, versionId, at);
    }

    /// <summary>
    /// The department states that the entry needs no change, with its reason; the data authority decides next (the
    /// portal's reading — no seed speaks of it, BuiltInProfiles.NoChangeReading).
    /// </summary>
    public void StateNoChange(string? reason)
    {
        if (Status != ObligationStatus.Open) throw new DomainException("该更新义务已办结。");
        if (NoChangeReason is not null) throw new ConflictException("已说明无需变更，正在等待数据主管部门审核。");
        new ValidationErrors().Require(ReasonField, reason, "无需变更的理由", ReasonMaxLength).ThrowIfInvalid();
        NoChangeReason = InputText.Normalise(reason);
    }

    /// <summary>The data authority accepts the statement: the obligation is closed without a new version.</summary>
    public void AcceptNoChange(DateTimeOffset at)
    {
        if (!AwaitsNoChangeDecision) throw new ConflictException("该更新义务没有待审核的无需变更说明。");
        (Status, ClosedAt) = (ObligationStatus.NoChangeAccepted, at);
    }

    /// <summary>
    /// The data authority refuses the statement: the obligation stays open (the audit log keeps the refused reason) and
    /// a new round of its flow starts, its deadline still counted from the change date.
    /// </summary>
    public void RefuseNoChange()
    {
        if (!AwaitsNoChangeDecision) throw new ConflictException("该更新义务没有待审核的无需变更说明。");
        (NoChangeReason, _awaitingFlow) = (null, true);
    }

    /// <summary>The entry was withdrawn or the flow ended otherwise: nothing more is owed.</summary>
    public void Cancel(DateTimeOffset at)
    {
        if (Status != ObligationStatus.Open) return;
        (Status, ClosedAt) = (ObligationStatus.Cancelled, at);
    }
}
