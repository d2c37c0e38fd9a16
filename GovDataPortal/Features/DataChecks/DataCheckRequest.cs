using GovDataPortal.Features.Audit;
using GovDataPortal.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using F = GovDataPortal.Features.DataChecks.DataCheckFields;

namespace GovDataPortal.Features.DataChecks;

public enum DataCheckKind
{
    /// <summary>疑义</summary>
    Doubt = 1,
    /// <summary>错误</summary>
    Error = 2,
}

public enum DataCheckStatus
{
    /// <summary>Waiting for the provider's verification.</summary>
    Submitted = 1,
    /// <summary>The provider answered; the requester closes it or reopens it once.</summary>
    Answered = 2,
    Closed = 3,
}

public enum DataCheckAnswer
{
    /// <summary>确认有误，已更正</summary>
    ConfirmedAndCorrected = 1,
    /// <summary>经核实无误</summary>
    NoError = 2,
}

/// <summary>
/// 数据疑义、错误校核: a user department flags a doubt or an error in a provider's data; the provider verifies and answers
/// within the active profile's deadline (shuangpai Art. 27, hubei Art. 13, longyan Art. 14, foshan Art. 30).
/// The check changes state only through its methods, each guarding what may happen next; the service adds what needs
/// the database or the flow engine (who may act, deadlines, notices). Refusals do not name a regulation: the entity
/// does not know which one is active.
/// </summary>
public class DataCheckRequest : IAudited, IAuditNamed
{
    /// <summary>Length limits of the texts (the columns' sizes): pages show them as counters; longer input is refused, never cut.</summary>
    public const int ResourceNameMaxLength = 200;
    public const int RecordIdentifierMaxLength = 100;
    public const int DescriptionMaxLength = 2000;
    public const int ExplanationMaxLength = 2000;
    public const int ReasonMaxLength = 1000;

    private DataCheckRequest() { }

    public long Id { get; private set; }
    public int RequesterDepartmentId { get; private set; }
    public string RequesterUserId { get; private set; } = "";
    public int ProviderDepartmentId { get; private set; }

    /// <summary>The picked catalogue entry's name (issue 9 §5); free text in checks raised before the catalogue, or where the provider has published none.</summary>
    public string ResourceName { get; private set; } = "";
    /// <summary>The provider's published catalogue entry the check is about (null in free-text checks).</summary>
    public long? CatalogueEntryId { get; private set; }
    /// <summary>Its 信息资源代码 when picked (kept: the entry's name may change in a later version).</summary>
    public string? ResourceCode { get; private set; }
    /// <summary>The entry's 信息项 the doubt is about, when the requester named some.</summary>
    public string[]? ItemNames { get; private set; }
    public string? RecordIdentifier { get; private set; }
    public DataCheckKind Kind { get; private set; }
    public string Description { get; private set; } = "";
    public DataCheckStatus Status { get; private set; }
    public DataCheckAnswer? Answer { get; private set; }
    public string? Explanation { get; private set; }
    public DateTimeOffset? AnsweredAt { get; private set; }

    /// <summary>The requester may reopen an answered check once, with a reason.</summary>
    public int ReopenCount { get; private set; }
    public string? ReopenReason { get; private set; }
    public DateTimeOffset CreatedAt { get; private set; }
    public DateTimeOffset? ClosedAt { get; private set; }
    public long? FlowInstanceId { get; private set; }
    public uint Version { get; private set; }

    // A round (the submission, or a reopening) waits for its flow; not mapped: the flow is attached in the same unit of work.
    private bool _awaitingFlow;

    /// <summary>
    /// What a new check must carry, every problem at once for the form (the service adds what needs the database: that the
    /// provider exists). The user department flags data of another department (shuangpai Art. 27 ¶1, hubei Art. 13 ¶1,
    /// foshan Art. 30: the user raises it, the provider verifies).
    /// </summary>
    public static ValidationErrors Validate(ValidationErrors errors, int requesterDepartmentId, int? providerDepartmentId,
        string? resourceName, string? recordIdentifier, DataCheckKind? kind, string? description)
    {
        if (providerDepartmentId is not { } provider) errors.Add(F.ProviderDepartmentId, "请选择数据提供部门。");
        else if (provider == requesterDepartmentId) errors.Add(F.ProviderDepartmentId, "不能对本部门的数据提起校核，请选择数据提供部门。");
        errors.Require(F.ResourceName, resourceName, "数据资源名称", ResourceNameMaxLength);
        errors.Optional(F.RecordIdentifier, recordIdentifier, "数据记录标识", RecordIdentifierMaxLength);
        if (kind is not { } k || !Enum.IsDefined(k)) errors.Add(F.Kind, "请选择校核类型（疑义或错误）。");
        errors.Require(F.Description, description, "问题描述", DescriptionMaxLength);
        return errors;
    }

    /// <summary>
    /// A user department raises a check (shuangpai Art. 27 ¶1, hubei Art. 13 ¶1, longyan Art. 14, foshan Art. 30): it waits
    /// for the provider's verification, and its flow is attached next (<see cref="AttachFlow"/>).
    /// </summary>
    public static DataCheckRequest Submit(int requesterDepartmentId, string requesterUserId, int? providerDepartmentId,
        string? resourceName, string? recordIdentifier, DataCheckKind? kind, string? description, DateTimeOffset at,
        PickedEntry? entry = null)
    {
        if (string.IsNullOrWhiteSpace(requesterUserId)) throw new DomainException("提起校核须有提起人。");
        Validate(new ValidationErrors(), requesterDepartmentId, providerDepartmentId, resourceName, recordIdentifier, kind, description)
            .ThrowIfInvalid();
        return new DataCheckRequest
        {
            RequesterDepartmentId = requesterDepartmentId,
            RequesterUserId = requesterUserId,
            ProviderDepartmentId = providerDepartmentId!.Value,
            ResourceName = InputText.Normalise(resourceName)!,
            CatalogueEntryId = entry?.EntryId,
            ResourceCode = entry?.ResourceCode,
            ItemNames = entry?.ItemNames is { Count: > 0 } items ? [.. items] : null,
            RecordIdentifier = InputText.NullIfBlank(recordIdentifier),
            Kind = kind!.Value,
            Description = InputText.Normalise(description)!,
            Status = DataCheckStatus.Submitted,
            CreatedAt = at,
            _awaitingFlow = true,
        };
    }

    /// <summary>Links the flow of the current round (the submission, or a reopening), once per round.</summary>
    public void AttachFlow(long instanceId)
    {
        if (FlowInstanceId is not null && !_awaitingFlow) throw new DomainException("该校核已关联流程，不能重复关联。");
        (FlowInstanceId, _awaitingFlow) = (instanceId, false);
    }

    /// <summary>
    /// The provider's verification result with its explanation, fed back to the requester (shuangpai Art. 27 ¶4: 修正结果
    /// 应当及时告知使用部门; hubei Art. 13 ¶3: 反馈校核结果; longyan Art. 14). Only a check waiting for its answer takes one.
    /// </summary>
    public void RecordAnswer(DataCheckAnswer? result, string? explanation, DateTimeOffset at)
    {
        if (Status != DataCheckStatus.Submitted) throw new DomainException("只有待校核的数据校核才能答复。");
        var errors = new ValidationErrors();
        if (result is not { } r || !Enum.IsDefined(r)) errors.Add(F.Answer, "请选择校核结果。");
        errors.Require(F.Explanation, explanation, "校核说明", ExplanationMaxLength).ThrowIfInvalid();
        (Answer, Explanation, AnsweredAt, Status) = (result, InputText.Normalise(explanation), at, DataCheckStatus.Answered);
    }

    /// <summary>
    /// The requester accepts the result it was given (shuangpai Art. 27 ¶4, hubei Art. 13 ¶3 end with the result reaching
    /// the user; closing records that it did): only an answered check closes.
    /// </summary>
    public void Close(DateTimeOffset at)
    {
        if (Status != DataCheckStatus.Answered) throw new DomainException("提供部门答复后才能关闭校核。");
        (Status, ClosedAt) = (DataCheckStatus.Closed, at);
    }

    /// <summary>
    /// The requester is not satisfied with the answer and raises it again — the portal's rule, no regulation counts the
    /// rounds: once, with a reason, while answered and not closed. The answer is cleared (the first round's history and
    /// the audit log keep it); the new round's flow is attached next.
    /// </summary>
    public void Reopen(string? reason)
    {
        if (ReopenCount >= 1) throw new DomainException(DataCheckTexts.ReopenOnceMessage);
        if (Status != DataCheckStatus.Answered) throw new DomainException("提供部门答复后、关闭前才能重新提起。");
        new ValidationErrors().Require(F.Reason, reason, "重新提起的理由", ReasonMaxLength).ThrowIfInvalid();
        (Status, Answer, Explanation, AnsweredAt) = (DataCheckStatus.Submitted, null, null, null);
        (ReopenCount, ReopenReason, _awaitingFlow) = (ReopenCount + 1, InputText.Normalise(reason), true);
    }

    /// <summary>
    /// The requester withdrew the flow before the answer: nothing more can happen to the check, so it is closed without an
    /// answer (the portal never invents a verification result).
    /// </summary>
    public void CloseOnWithdrawal(DateTimeOffset at)
    {
        if (Status != DataCheckStatus.Submitted) throw new DomainException("只有待校核的数据校核才能撤回。");
        (Status, ClosedAt) = (DataCheckStatus.Closed, at);
    }

    public static AuditNames AuditNames { get; } = new("数据校核")
    {
        { nameof(RequesterDepartmentId), "申请部门编号" },
        { nameof(RequesterUserId), "申请人编号" },
        { nameof(ProviderDepartmentId), "提供部门编号" },
        { nameof(ResourceName), "数据资源名称" },
        { nameof(CatalogueEntryId), "目录条目编号" },
        { nameof(ResourceCode), "信息资源代码" },
        { nameof(ItemNames), "信息项" },
        { nameof(RecordIdentifier), "记录标识" },
        { nameof(Kind), "校核类型", AuditNames.Coded<DataCheckKind>(DataCheckTexts.KindName) },
        { nameof(Status), "状态", AuditNames.Coded<DataCheckStatus>(DataCheckTexts.StatusName) },
        { nameof(Description), "问题描述" },
        { nameof(Answer), "核实结论", AuditNames.Coded<DataCheckAnswer>(DataCheckTexts.AnswerName) },
        { nameof(Explanation), "答复说明" },
        { nameof(AnsweredAt), "答复时间" },
        { nameof(ReopenCount), "重新提出次数" },
        { nameof(ReopenReason), "重新提出理由" },
        { nameof(CreatedAt), "提出时间" },
        { nameof(ClosedAt), "关闭时间" },
        { nameof(FlowInstanceId), "流程编号" },
    };
}

/// <summary>A published catalogue entry of the provider picked for a check, and the items named (checked by the service).</summary>
public sealed record PickedEntry(long EntryId, string? ResourceCode, IReadOnlyList<string> ItemNames);

internal sealed class DataCheckRequestConfiguration : IEntityTypeConfiguration<DataCheckRequest>
{
    public void Configure(EntityTypeBuilder<DataCheckRequest> b)
    {
        b.ToTable("data_check_requests");
        b.Property(r => r.RequesterUserId).HasMaxLength(64).IsRequired();
        b.Property(r => r.ResourceName).HasMaxLength(DataCheckRequest.ResourceNameMaxLength).IsRequired();
        b.Property(r => r.ResourceCode).HasMaxLength(16);
        b.HasIndex(r => r.CatalogueEntryId);
        b.Property(r => r.RecordIdentifier).HasMaxLength(DataCheckRequest.RecordIdentifierMaxLength);
        b.Property(r => r.Kind).HasConversion<string>().HasMaxLength(16);
        b.Property(r => r.Description).HasMaxLength(DataCheckRequest.DescriptionMaxLength).IsRequired();
        b.Property(r => r.Status).HasConversion<string>().HasMaxLength(16);
        b.Property(r => r.Answer).HasConversion<string>().HasMaxLength(32);
        b.Property(r => r.Explanation).HasMaxLength(DataCheckRequest.ExplanationMaxLength);
        b.Property(r => r.ReopenReason).HasMaxLength(DataCheckRequest.ReasonMaxLength);
        b.HasIndex(r => new { r.RequesterDepartmentId, r.Status });
        b.HasIndex(r => new { r.ProviderDepartmentId, r.Status });
        b.Property(r => r.Version).IsRowVersion();
    }
}
