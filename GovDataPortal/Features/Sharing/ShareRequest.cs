using System.Text.Json.Serialization;
using GovDataPortal.Features.Audit;
using GovDataPortal.Features.Catalogue;
using GovDataPortal.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace GovDataPortal.Features.Sharing;

/// <summary>
/// A department's request for another department's data (issue 10 §1): the entry and the least items it needs (hubei
/// Art. 20, foshan Art. 29), the duty it serves (履职依据), the application scenario, the sharing mode and operations,
/// its users and the end date. Its review is a flow of the active profile (the service starts it); the request changes
/// state only through the methods below, which guard what may happen next. Refusals never name a regulation: the entity
/// does not know which profile is active (the service and the pages show the flow's citation).
/// </summary>
public class ShareRequest : IAudited, IAuditNamed
{
    public const int TextMaxLength = 1000;
    public const int NameMaxLength = 200;
    public const int UsersMaxLength = 500;
    public const int ReasonMaxLength = 2000;

    private ShareRequest() { }

    public long Id { get; private set; }
    public ShareRequestKind Kind { get; private set; }
    public ShareRequestStatus Status { get; private set; }
    public int RequesterDepartmentId { get; private set; }
    public string RequesterUserId { get; private set; } = "";
    public int ProviderDepartmentId { get; private set; }
    /// <summary>The published entry asked for; null for data not yet in the catalogue (hubei Art. 22).</summary>
    public long? CatalogueEntryId { get; private set; }
    /// <summary>Its 信息资源代码, kept as it was when asked.</summary>
    public string? ResourceCode { get; private set; }
    /// <summary>The entry's name when asked, or the description of uncatalogued data.</summary>
    public string ResourceName { get; private set; } = "";
    /// <summary>The 信息项 asked for (least necessary: hubei Art. 20, foshan Art. 29).</summary>
    public string[] ItemNames { get; private set; } = [];
    /// <summary>履职依据: the duty the data serves and its legal basis.</summary>
    public string DutyBasis { get; private set; } = "";
    /// <summary>应用场景: what the data is used for.</summary>
    public string Scenario { get; private set; } = "";
    /// <summary>A registered application scenario the request falls under (foshan Art. 28).</summary>
    public long? ApplicationScenarioId { get; private set; }
    public ShareMethods Methods { get; private set; }
    public ShareOperations Operations { get; private set; }
    /// <summary>使用对象: who will use the data (posts, systems).</summary>
    public string Users { get; private set; } = "";
    /// <summary>The last day the requester needs the data (the grant's end date).</summary>
    public DateOnly EndDate { get; private set; }
    /// <summary>Reasons of a refusal, or the note of an agreement.</summary>
    public string? DecisionReason { get; private set; }
    public DateTimeOffset? DecidedAt { get; private set; }
    public long? FlowInstanceId { get; private set; }
    public long? GrantId { get; private set; }
    /// <summary>
    /// The deadline of the step now open, kept from the flow engine's notices so the authority's overview sorts
    /// 50,000 open requests off one index; null once decided, and while no step with a day count is open.
    /// </summary>
    public DateTimeOffset? CurrentDueAt { get; private set; }
    public DateTimeOffset CreatedAt { get; private set; }
    public uint Version { get; private set; }

    /// <summary>The texts every request needs; the service adds what needs the entry and the database.</summary>
    public static ValidationErrors Validate(ValidationErrors errors, ShareRequestDraft d, DateOnly today)
    {
        errors.Require(ShareRequestFields.DutyBasis, d.DutyBasis, "履职依据", TextMaxLength);
        if (d.Kind != ShareRequestKind.Unconditional) errors.Require(ShareRequestFields.Scenario, d.Scenario, "应用场景", TextMaxLength);
        else errors.Optional(ShareRequestFields.Scenario, d.Scenario, "应用场景", TextMaxLength);
        errors.Require(ShareRequestFields.Users, d.Users, "使用对象", UsersMaxLength);
        if (d.Kind != ShareRequestKind.Uncatalogued && d.Kind != ShareRequestKind.Negotiation && d.ItemNames.Count == 0)
            errors.Add(ShareRequestFields.ItemNames, "请至少选择一个所需的信息项（按最小必要原则申请）。");
        if (d.Methods == ShareMethods.None) errors.Add(ShareRequestFields.Methods, "请选择共享方式。");
        if (d.Operations == ShareOperations.None) errors.Add(ShareRequestFields.Operations, "请选择使用方式（查阅、比对或获取）。");
        if (d.EndDate is not { } end) errors.Add(ShareRequestFields.EndDate, "请填写使用截止日期。");
        else if (end <= today) errors.Add(ShareRequestFields.EndDate, "使用截止日期应晚于今天。");
        else if (end > today.AddYears(5)) errors.Add(ShareRequestFields.EndDate, "使用截止日期不能超过5年，到期后可重新申请。");
        return errors;
    }

    /// <summary>A new request (already validated by the service).</summary>
    public static ShareRequest Create(ShareRequestDraft d, int requesterDepartmentId, string requesterUserId, int providerDepartmentId,
        string resourceName, string? resourceCode, DateTimeOffset at)
    {
        if (requesterDepartmentId == providerDepartmentId) throw new DomainException("本部门的数据无需申请共享。");
        return new ShareRequest
        {
            Kind = d.Kind, Status = ShareRequestStatus.InReview, RequesterDepartmentId = requesterDepartmentId,
            RequesterUserId = requesterUserId, ProviderDepartmentId = providerDepartmentId, CatalogueEntryId = d.CatalogueEntryId,
            ResourceCode = resourceCode, ResourceName = resourceName, ItemNames = [.. d.ItemNames], DutyBasis = InputText.Normalise(d.DutyBasis)!,
            Scenario = InputText.Normalise(d.Scenario) ?? "", ApplicationScenarioId = d.ApplicationScenarioId, Methods = d.Methods,
            Operations = d.Operations, Users = InputText.Normalise(d.Users)!, EndDate = d.EndDate!.Value, CreatedAt = at,
        };
    }

    public void AttachFlow(long instanceId)
    {
        if (FlowInstanceId is not null) throw new InvalidOperationException("The request already has its flow.");
        FlowInstanceId = instanceId;
    }

    /// <summary>The grant the approval (or the unconditional share) produced; a request is granted once.</summary>
    public void MarkGranted(long grantId, DateTimeOffset at)
    {
        if (Status != ShareRequestStatus.InReview) throw new DomainException($"该申请已{SharingTexts.StatusName(Status)}，不能再授权。");
        (Status, GrantId, DecidedAt, CurrentDueAt) = (ShareRequestStatus.Granted, grantId, at, null);
    }

    /// <summary>Agreed without a grant: uncatalogued data to be catalogued first, or a negotiation filed with the authority.</summary>
    public void MarkAgreed(string? note, DateTimeOffset at)
    {
        if (Status != ShareRequestStatus.InReview) throw new DomainException($"该申请已{SharingTexts.StatusName(Status)}。");
        (Status, DecisionReason, DecidedAt, CurrentDueAt) = (ShareRequestStatus.Agreed, note, at, null);
    }

    /// <summary>A refusal always carries its reasons (changsha Art. 22, hubei Art. 20, foshan Art. 26).</summary>
    public void Refuse(string? reasons, DateTimeOffset at)
    {
        if (Status != ShareRequestStatus.InReview) throw new DomainException($"该申请已{SharingTexts.StatusName(Status)}，不能再作出不予共享的决定。");
        if (string.IsNullOrWhiteSpace(reasons)) throw new DomainException("不同意共享的，须说明理由和依据。");
        (Status, DecisionReason, DecidedAt, CurrentDueAt) = (ShareRequestStatus.Refused, InputText.Normalise(reasons), at, null);
    }

    public void Withdraw(DateTimeOffset at)
    {
        if (Status != ShareRequestStatus.InReview) throw new DomainException("只有审核中的申请才能撤回。");
        (Status, DecidedAt, CurrentDueAt) = (ShareRequestStatus.Withdrawn, at, null);
    }

    /// <summary>The flow was ended without a decision (by the portal or an administrator): the request ends with it.</summary>
    public void Terminate(string? note, DateTimeOffset at)
    {
        if (Status != ShareRequestStatus.InReview) throw new DomainException($"该申请已{SharingTexts.StatusName(Status)}。");
        (Status, DecisionReason, DecidedAt, CurrentDueAt) = (ShareRequestStatus.Terminated, InputText.Normalise(note), at, null);
    }

    /// <summary>The deadline of the step now open (see <see cref="CurrentDueAt"/>); ignored once the request is decided.</summary>
    public void TrackDue(DateTimeOffset? dueAt)
    {
        if (Status == ShareRequestStatus.InReview) CurrentDueAt = dueAt;
    }

    public static AuditNames AuditNames { get; } = new("共享申请")
    {
        { nameof(Kind), "申请类型", AuditNames.Coded<ShareRequestKind>(SharingTexts.KindName) },
        { nameof(Status), "状态", AuditNames.Coded<ShareRequestStatus>(SharingTexts.StatusName) },
        { nameof(RequesterDepartmentId), "申请部门编号" },
        { nameof(RequesterUserId), "申请人编号" },
        { nameof(ProviderDepartmentId), "提供部门编号" },
        { nameof(CatalogueEntryId), "目录条目编号" },
        { nameof(ResourceCode), "信息资源代码" },
        { nameof(ResourceName), "数据资源名称" },
        { nameof(ItemNames), "信息项" },
        { nameof(DutyBasis), "履职依据" },
        { nameof(Scenario), "应用场景" },
        { nameof(ApplicationScenarioId), "应用场景编号" },
        { nameof(Methods), "共享方式" },
        { nameof(Operations), "使用方式" },
        { nameof(Users), "使用对象" },
        { nameof(EndDate), "使用截止日期" },
        { nameof(DecisionReason), "决定理由" },
        { nameof(DecidedAt), "决定时间" },
        { nameof(FlowInstanceId), "流程编号" },
        { nameof(GrantId), "授权编号" },
        { nameof(CurrentDueAt), "当前环节办理期限" },
        { nameof(CreatedAt), "申请时间" },
    };
}

/// <summary>What the form or the API sends; the service validates it against the entry.</summary>
public sealed record ShareRequestDraft
{
    [JsonConverter(typeof(JsonStringEnumConverter<ShareRequestKind>))]
    public ShareRequestKind Kind { get; init; }
    public long? CatalogueEntryId { get; init; }
    /// <summary>For uncatalogued data: the presumed provider and a description of the data (hubei Art. 22).</summary>
    public int? ProviderDepartmentId { get; init; }
    public string? DataDescription { get; init; }
    public IReadOnlyList<string> ItemNames { get; init; } = [];
    public string? DutyBasis { get; init; }
    public string? Scenario { get; init; }
    public long? ApplicationScenarioId { get; init; }
    /// <summary>In JSON by name, several separated by commas ("PlatformApi, PlatformQueryVerify"), as the grants API writes them.</summary>
    [JsonConverter(typeof(JsonStringEnumConverter<ShareMethods>))]
    public ShareMethods Methods { get; init; }
    [JsonConverter(typeof(JsonStringEnumConverter<ShareOperations>))]
    public ShareOperations Operations { get; init; }
    public string? Users { get; init; }
    public DateOnly? EndDate { get; init; }
}

/// <summary>Field keys of validation messages (the form's fields and the API's JSON names).</summary>
public static class ShareRequestFields
{
    public const string CatalogueEntryId = "catalogueEntryId", ProviderDepartmentId = "providerDepartmentId",
        DataDescription = "dataDescription", ItemNames = "itemNames", DutyBasis = "dutyBasis", Scenario = "scenario",
        ApplicationScenarioId = "applicationScenarioId", Methods = "methods", Operations = "operations", Users = "users",
        EndDate = "endDate", Reason = "reason";
}

internal sealed class ShareRequestConfiguration : IEntityTypeConfiguration<ShareRequest>
{
    public void Configure(EntityTypeBuilder<ShareRequest> b)
    {
        b.ToTable("share_requests");
        b.Property(r => r.Kind).HasConversion<string>().HasMaxLength(16);
        b.Property(r => r.Status).HasConversion<string>().HasMaxLength(16);
        b.Property(r => r.RequesterUserId).HasMaxLength(64).IsRequired();
        b.Property(r => r.ResourceCode).HasMaxLength(16);
        b.Property(r => r.ResourceName).HasMaxLength(ShareRequest.NameMaxLength).IsRequired();
        b.Property(r => r.DutyBasis).HasMaxLength(ShareRequest.TextMaxLength).IsRequired();
        b.Property(r => r.Scenario).HasMaxLength(ShareRequest.TextMaxLength).IsRequired();
        b.Property(r => r.Users).HasMaxLength(ShareRequest.UsersMaxLength).IsRequired();
        b.Property(r => r.DecisionReason).HasMaxLength(ShareRequest.ReasonMaxLength);
        b.HasIndex(r => new { r.RequesterDepartmentId, r.Status });
        b.HasIndex(r => new { r.ProviderDepartmentId, r.Status });
        b.HasIndex(r => r.CatalogueEntryId);
        b.HasIndex(r => r.FlowInstanceId);
        // The authority's overview: open requests, earliest deadline first (nulls last, PostgreSQL's default order); the
        // two departments included so its page and its counts read the index alone.
        b.HasIndex(r => new { r.Status, r.CurrentDueAt, r.CreatedAt, r.Id })
            .IncludeProperties(r => new { r.ProviderDepartmentId, r.RequesterDepartmentId });
        b.Property(r => r.Version).IsRowVersion();
    }
}
