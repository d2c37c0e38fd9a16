using GovDataPortal.Features.Audit;
using GovDataPortal.Features.Workflow;
using GovDataPortal.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace GovDataPortal.Features.OpenData;

/// <summary>
/// 有条件开放申请 (changsha Art. 24, shuangpai Art. 32, hubei Art. 27, longyan Art. 17-19, foshan Art. 36): a citizen
/// or an organisation without a portal account asks for a conditionally open entry; staff of the providing department or
/// the data authority enter it (or it arrives through the API). Hubei Art. 27: the application states 用途、使用时限
/// 和安全保障措施. Foshan Art. 36 (二): the applicant signs a 数据开放利用承诺书, recorded here.
/// </summary>
public class OpenDataRequest : IAudited, IAuditNamed
{
    public const int TextMaxLength = 1000;
    public const int NameMaxLength = 200;

    private OpenDataRequest() { }

    public long Id { get; private set; }
    public OpenRequestStatus Status { get; private set; }
    public FlowPartyKind ApplicantKind { get; private set; }
    public string ApplicantName { get; private set; } = "";
    /// <summary>公民身份号码 or 统一社会信用代码.</summary>
    public string IdentityNumber { get; private set; } = "";
    public OrganisationType? OrganisationType { get; private set; }
    public string? Phone { get; private set; }
    public string? Email { get; private set; }
    public string? Address { get; private set; }
    public long CatalogueEntryId { get; private set; }
    public string ResourceCode { get; private set; } = "";
    public string ResourceName { get; private set; } = "";
    public string[] ItemNames { get; private set; } = [];
    public int ProviderDepartmentId { get; private set; }
    /// <summary>The department whose staff entered the application on the applicant's behalf.</summary>
    public int ReceivedByDepartmentId { get; private set; }
    public string ReceivedByUserId { get; private set; } = "";
    public PurposeKind PurposeKind { get; private set; }
    public string Purpose { get; private set; } = "";
    public DateOnly UseFrom { get; private set; }
    public DateOnly UseUntil { get; private set; }
    public string SecurityMeasures { get; private set; } = "";
    public DateOnly? CommitmentSignedOn { get; private set; }
    public string? CommitmentSignedBy { get; private set; }
    public string? CommitmentRecordedByUserId { get; private set; }
    public DateTimeOffset? CommitmentRecordedAt { get; private set; }
    public string? DecisionNote { get; private set; }
    public DateTimeOffset? DecidedAt { get; private set; }
    public long? FlowInstanceId { get; private set; }
    public DateTimeOffset CreatedAt { get; private set; }
    public uint Version { get; private set; }

    public bool CommitmentSigned => CommitmentSignedOn is not null;

    internal static OpenDataRequest Create(FlowParty applicant, OrganisationType? organisationType, OpenRequestInput input,
        OpenEntryChoice entry, IReadOnlyList<string> items, int receivedBy, string userId, DateTimeOffset at) => new()
    {
        Status = OpenRequestStatus.InReview, ApplicantKind = applicant.Kind, ApplicantName = applicant.Name, IdentityNumber = applicant.IdentityNumber,
        OrganisationType = applicant.Kind == FlowPartyKind.Organisation ? organisationType : null,
        Phone = applicant.Phone, Email = applicant.Email, Address = applicant.Address,
        CatalogueEntryId = entry.Id, ResourceCode = entry.ResourceCode, ResourceName = entry.Name, ItemNames = [.. items],
        ProviderDepartmentId = entry.ProviderDepartmentId, ReceivedByDepartmentId = receivedBy, ReceivedByUserId = userId,
        PurposeKind = input.PurposeKind!.Value, Purpose = InputText.Normalise(input.Purpose)!, UseFrom = input.UseFrom!.Value,
        UseUntil = input.UseUntil!.Value, SecurityMeasures = InputText.Normalise(input.SecurityMeasures)!, CreatedAt = at,
    };

    public FlowParty Party => new()
    {
        Kind = ApplicantKind, Name = ApplicantName, IdentityNumber = IdentityNumber, Phone = Phone, Email = Email, Address = Address,
    };

    public void AttachFlow(long instanceId)
    {
        if (FlowInstanceId is not null) throw new InvalidOperationException("The request already has its flow.");
        FlowInstanceId = instanceId;
    }

    /// <summary>Records the signed 承诺书 (foshan Art. 36 (二)): who signed it and on which day.</summary>
    public void RecordCommitment(DateOnly? signedOn, string? signedBy, string userId, DateTimeOffset at, DateOnly today)
    {
        if (Status != OpenRequestStatus.InReview) throw new DomainException($"该申请已{OpenDataTexts.Name(Status)}，不能再登记承诺书。");
        if (CommitmentSigned) throw new ConflictException("承诺书的签署情况已登记。");
        var errors = new ValidationErrors();
        if (signedOn is not { } day) errors.Add(OpenDataFields.SignedOn, "请填写承诺书签署日期。");
        else if (day > today) errors.Add(OpenDataFields.SignedOn, "签署日期不能晚于今天。");
        else if (day < DateOnly.FromDateTime(CreatedAt.UtcDateTime).AddDays(-1)) errors.Add(OpenDataFields.SignedOn, "签署日期不能早于申请日期。");
        errors.Require(OpenDataFields.SignedBy, signedBy, "签署人", NameMaxLength);
        errors.ThrowIfInvalid();
        (CommitmentSignedOn, CommitmentSignedBy, CommitmentRecordedByUserId, CommitmentRecordedAt) = (signedOn, InputText.Normalise(signedBy), userId, at);
    }

    internal void Conclude(OpenRequestStatus status, string? note, DateTimeOffset at)
    {
        if (Status != OpenRequestStatus.InReview) return;
        (Status, DecisionNote, DecidedAt) = (status, note, at);
    }

    public static AuditNames AuditNames { get; } = new("开放申请")
    {
        { nameof(Status), "状态", AuditNames.Coded<OpenRequestStatus>(OpenDataTexts.Name) },
        { nameof(ApplicantKind), "申请人类型", AuditNames.Coded<FlowPartyKind>(OpenDataTexts.Name) },
        { nameof(ApplicantName), "申请人名称" },
        { nameof(IdentityNumber), "证件号码" },
        { nameof(OrganisationType), "单位类型", AuditNames.Coded<OrganisationType>(OpenDataTexts.Name) },
        { nameof(Phone), "联系电话" },
        { nameof(Email), "电子邮箱" },
        { nameof(Address), "联系地址" },
        { nameof(CatalogueEntryId), "目录条目编号" },
        { nameof(ResourceCode), "信息资源代码" },
        { nameof(ResourceName), "信息资源名称" },
        { nameof(ItemNames), "信息项" },
        { nameof(ProviderDepartmentId), "提供部门编号" },
        { nameof(ReceivedByDepartmentId), "受理部门编号" },
        { nameof(ReceivedByUserId), "受理人编号" },
        { nameof(PurposeKind), "用途类别", AuditNames.Coded<PurposeKind>(OpenDataTexts.Name) },
        { nameof(Purpose), "数据用途" },
        { nameof(UseFrom), "使用起始日期" },
        { nameof(UseUntil), "使用截止日期" },
        { nameof(SecurityMeasures), "安全保障措施" },
        { nameof(CommitmentSignedOn), "承诺书签署日期" },
        { nameof(CommitmentSignedBy), "承诺书签署人" },
        { nameof(CommitmentRecordedByUserId), "承诺书登记人编号" },
        { nameof(CommitmentRecordedAt), "承诺书登记时间" },
        { nameof(DecisionNote), "决定说明" },
        { nameof(DecidedAt), "决定时间" },
        { nameof(FlowInstanceId), "流程编号" },
        { nameof(CreatedAt), "受理时间" },
    };
}

internal sealed class OpenDataRequestConfiguration : IEntityTypeConfiguration<OpenDataRequest>
{
    public void Configure(EntityTypeBuilder<OpenDataRequest> b)
    {
        b.ToTable("open_data_requests");
        b.Property(r => r.Status).HasConversion<string>().HasMaxLength(16);
        PartyColumns.Configure(b, nameof(OpenDataRequest.ApplicantKind), nameof(OpenDataRequest.ApplicantName));
        b.Property(r => r.OrganisationType).HasConversion<string>().HasMaxLength(32);
        b.Property(r => r.PurposeKind).HasConversion<string>().HasMaxLength(16);
        b.Property(r => r.Purpose).HasMaxLength(OpenDataRequest.TextMaxLength).IsRequired();
        b.Property(r => r.SecurityMeasures).HasMaxLength(OpenDataRequest.TextMaxLength).IsRequired();
        b.Property(r => r.CommitmentSignedBy).HasMaxLength(OpenDataRequest.NameMaxLength);
        b.Property(r => r.CommitmentRecordedByUserId).HasMaxLength(450);
        b.Property(r => r.DecisionNote).HasMaxLength(2000);
        b.HasIndex(r => new { r.ProviderDepartmentId, r.Status });
        b.HasIndex(r => r.ReceivedByDepartmentId);
        b.HasIndex(r => r.FlowInstanceId).IsUnique();
        b.Property(r => r.Version).IsRowVersion();
    }
}

/// <summary>
/// 公民、法人异议 on a published entry (shuangpai Art. 40, hubei Art. 28): the objector has no portal account; staff
/// enter it or it arrives through the API. Under hubei the entry's opening is suspended on receipt.
/// </summary>
public class DataObjection : IAudited, IAuditNamed
{
    public const int DescriptionMaxLength = 2000;

    private DataObjection() { }

    public long Id { get; private set; }
    public ObjectionStatus Status { get; private set; }
    public FlowPartyKind ObjectorKind { get; private set; }
    public string ObjectorName { get; private set; } = "";
    public string IdentityNumber { get; private set; } = "";
    public string? Phone { get; private set; }
    public string? Email { get; private set; }
    public string? Address { get; private set; }
    public long CatalogueEntryId { get; private set; }
    public string ResourceCode { get; private set; } = "";
    public string ResourceName { get; private set; } = "";
    public int ProviderDepartmentId { get; private set; }
    public int ReceivedByDepartmentId { get; private set; }
    public string ReceivedByUserId { get; private set; } = "";
    public ObjectionKind Kind { get; private set; }
    public string Description { get; private set; } = "";
    /// <summary>The provider's choice on the entry's opening (hubei Art. 28: withdraw / restore / process).</summary>
    public string? OpeningOutcome { get; private set; }
    public DateTimeOffset? ConcludedAt { get; private set; }
    public long? FlowInstanceId { get; private set; }
    public DateTimeOffset CreatedAt { get; private set; }
    public uint Version { get; private set; }

    internal static DataObjection Create(FlowParty objector, OpenEntryChoice entry, ObjectionKind kind, string description,
        int receivedBy, string userId, DateTimeOffset at) => new()
    {
        Status = ObjectionStatus.InProcess, ObjectorKind = objector.Kind, ObjectorName = objector.Name, IdentityNumber = objector.IdentityNumber,
        Phone = objector.Phone, Email = objector.Email, Address = objector.Address, CatalogueEntryId = entry.Id,
        ResourceCode = entry.ResourceCode, ResourceName = entry.Name, ProviderDepartmentId = entry.ProviderDepartmentId,
        ReceivedByDepartmentId = receivedBy, ReceivedByUserId = userId, Kind = kind, Description = description, CreatedAt = at,
    };

    public FlowParty Party => new()
    {
        Kind = ObjectorKind, Name = ObjectorName, IdentityNumber = IdentityNumber, Phone = Phone, Email = Email, Address = Address,
    };

    public void AttachFlow(long instanceId)
    {
        if (FlowInstanceId is not null) throw new InvalidOperationException("The objection already has its flow.");
        FlowInstanceId = instanceId;
    }

    internal void RecordOpeningOutcome(string branch) => OpeningOutcome = branch;

    internal void Conclude(ObjectionStatus status, DateTimeOffset at)
    {
        if (Status != ObjectionStatus.InProcess) return;
        (Status, ConcludedAt) = (status, at);
    }

    public static AuditNames AuditNames { get; } = new("数据异议")
    {
        { nameof(Status), "状态", AuditNames.Coded<ObjectionStatus>(OpenDataTexts.Name) },
        { nameof(ObjectorKind), "异议人类型", AuditNames.Coded<FlowPartyKind>(OpenDataTexts.Name) },
        { nameof(ObjectorName), "异议人名称" },
        { nameof(IdentityNumber), "证件号码" },
        { nameof(Phone), "联系电话" },
        { nameof(Email), "电子邮箱" },
        { nameof(Address), "联系地址" },
        { nameof(CatalogueEntryId), "目录条目编号" },
        { nameof(ResourceCode), "信息资源代码" },
        { nameof(ResourceName), "信息资源名称" },
        { nameof(ProviderDepartmentId), "提供部门编号" },
        { nameof(ReceivedByDepartmentId), "受理部门编号" },
        { nameof(ReceivedByUserId), "受理人编号" },
        { nameof(Kind), "异议类型", AuditNames.Coded<ObjectionKind>(OpenDataTexts.Name) },
        { nameof(Description), "异议内容" },
        { nameof(OpeningOutcome), "开放处理结果" },
        { nameof(ConcludedAt), "办结时间" },
        { nameof(FlowInstanceId), "流程编号" },
        { nameof(CreatedAt), "受理时间" },
    };
}

/// <summary>
/// The columns an open-data request and an objection share: the party without an account (kind, name, identity and
/// contact), the published entry it concerns, and the member of staff who received it.
/// </summary>
internal static class PartyColumns
{
    public static void Configure<T>(EntityTypeBuilder<T> b, string kindProperty, string nameProperty) where T : class
    {
        b.Property<FlowPartyKind>(kindProperty).HasConversion<string>().HasMaxLength(16);
        b.Property<string>(nameProperty).HasMaxLength(OpenDataRequest.NameMaxLength).IsRequired();
        b.Property<string>("IdentityNumber").HasMaxLength(18).IsRequired();
        b.Property<string?>("Phone").HasMaxLength(32);
        b.Property<string?>("Email").HasMaxLength(200);
        b.Property<string?>("Address").HasMaxLength(300);
        b.Property<string>("ResourceCode").HasMaxLength(16).IsRequired();
        b.Property<string>("ResourceName").HasMaxLength(OpenDataRequest.NameMaxLength).IsRequired();
        b.Property<string>("ReceivedByUserId").HasMaxLength(450).IsRequired();
    }
}

internal sealed class DataObjectionConfiguration : IEntityTypeConfiguration<DataObjection>
{
    public void Configure(EntityTypeBuilder<DataObjection> b)
    {
        b.ToTable("data_objections");
        b.Property(o => o.Status).HasConversion<string>().HasMaxLength(16);
        PartyColumns.Configure(b, nameof(DataObjection.ObjectorKind), nameof(DataObjection.ObjectorName));
        b.Property(o => o.Kind).HasConversion<string>().HasMaxLength(16);
        b.Property(o => o.Description).HasMaxLength(DataObjection.DescriptionMaxLength).IsRequired();
        b.Property(o => o.OpeningOutcome).HasMaxLength(16);
        b.HasIndex(o => new { o.ProviderDepartmentId, o.Status });
        b.HasIndex(o => o.CatalogueEntryId);
        b.HasIndex(o => o.FlowInstanceId).IsUnique();
        b.Property(o => o.Version).IsRowVersion();
    }
}
