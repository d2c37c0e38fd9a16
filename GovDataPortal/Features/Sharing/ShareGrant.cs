using GovDataPortal.Features.Audit;
using GovDataPortal.Features.Catalogue;
using GovDataPortal.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace GovDataPortal.Features.Sharing;

/// <summary>
/// 共享授权 (issue 10 §1): which department may use which items of an entry, how (operations, mode), for what, from
/// when until when, under which agreement. It expires by itself after its end date (a Hangfire job records that; use is
/// refused from the day after the end date whether or not the job has run). The provider may suspend or end it for
/// misuse with a reason, and the authority is told (shuangpai Art. 25).
/// </summary>
public class ShareGrant : IAudited, IAuditNamed
{
    public const int ReasonMaxLength = 1000;
    public const int AgreementMaxLength = 100;

    private ShareGrant() { }

    public long Id { get; private set; }
    /// <summary>The request it answers (unique: a request is granted at most once, however often a job retries).</summary>
    public long? ShareRequestId { get; private set; }
    public GrantBasis Basis { get; private set; }
    public int RequesterDepartmentId { get; private set; }
    public int ProviderDepartmentId { get; private set; }
    public long CatalogueEntryId { get; private set; }
    public string? ResourceCode { get; private set; }
    public string ResourceName { get; private set; } = "";
    public string[] ItemNames { get; private set; } = [];
    public ShareOperations Operations { get; private set; }
    public ShareMethods Methods { get; private set; }
    public string Purpose { get; private set; } = "";
    public DateOnly StartDate { get; private set; }
    public DateOnly EndDate { get; private set; }
    /// <summary>使用协议 reference where the regulation requires an agreement (shuangpai Art. 24, longyan Art. 12).</summary>
    public string? AgreementReference { get; private set; }
    public GrantStatus Status { get; private set; }
    public string? StatusReason { get; private set; }
    public DateTimeOffset? StatusChangedAt { get; private set; }
    /// <summary>When the reminder before the end date went out (at most once per grant).</summary>
    public DateTimeOffset? ExpiryReminderSentAt { get; private set; }
    public DateTimeOffset CreatedAt { get; private set; }
    public uint Version { get; private set; }

    public static ShareGrant From(ShareRequest request, GrantBasis basis, DateOnly startDate, DateTimeOffset at, string? agreement = null)
    {
        if (request.CatalogueEntryId is not { } entryId) throw new DomainException("目录外的数据须先列入目录，才能授权共享。");
        return new ShareGrant
        {
            ShareRequestId = request.Id, Basis = basis, RequesterDepartmentId = request.RequesterDepartmentId,
            ProviderDepartmentId = request.ProviderDepartmentId, CatalogueEntryId = entryId, ResourceCode = request.ResourceCode,
            ResourceName = request.ResourceName, ItemNames = [.. request.ItemNames], Operations = request.Operations,
            Methods = request.Methods, Purpose = request.Scenario.Length > 0 ? request.Scenario : request.DutyBasis,
            StartDate = startDate, EndDate = request.EndDate, AgreementReference = agreement, Status = GrantStatus.Active, CreatedAt = at,
        };
    }

    /// <summary>Whether the grant allows use on <paramref name="day"/> (China date): active and within its dates.</summary>
    public bool UsableOn(DateOnly day) => Status == GrantStatus.Active && day >= StartDate && day <= EndDate;

    /// <summary>Why a use on <paramref name="day"/> with <paramref name="operation"/> is refused; null when allowed.</summary>
    public string? RefusalFor(DateOnly day, ShareOperations operation, IEnumerable<string> items)
    {
        if (Status == GrantStatus.Suspended) return $"该授权已被提供部门暂停：{StatusReason}";
        if (Status == GrantStatus.Ended) return $"该授权已被提供部门终止：{StatusReason}";
        if (Status == GrantStatus.Expired || day > EndDate) return $"该授权已于{EndDate:yyyy年M月d日}到期。";
        if (day < StartDate) return $"该授权自{StartDate:yyyy年M月d日}起生效。";
        if (operation == ShareOperations.None || !Operations.HasFlag(operation)) return "该授权不包括此使用方式。";
        var outside = items.Where(i => !ItemNames.Contains(i)).ToList();
        return outside.Count > 0 ? $"信息项“{string.Join("、", outside)}”不在授权范围内。" : null;
    }

    /// <summary>The provider suspends for misuse (shuangpai Art. 25); a reason is required.</summary>
    public void Suspend(string? reason, DateTimeOffset at)
    {
        if (Status != GrantStatus.Active) throw new DomainException("只有有效的授权才能暂停。");
        (Status, StatusReason, StatusChangedAt) = (GrantStatus.Suspended, Reason(reason, "暂停"), at);
    }

    public void Resume(DateTimeOffset at, DateOnly today)
    {
        if (Status != GrantStatus.Suspended) throw new DomainException("只有已暂停的授权才能恢复。");
        if (today > EndDate) throw new DomainException("该授权已过使用截止日期，不能恢复，请使用部门重新申请。");
        (Status, StatusReason, StatusChangedAt) = (GrantStatus.Active, null, at);
    }

    /// <summary>The provider ends the grant for misuse; final.</summary>
    public void End(string? reason, DateTimeOffset at)
    {
        if (Status is not (GrantStatus.Active or GrantStatus.Suspended)) throw new DomainException("该授权已失效，无需终止。");
        (Status, StatusReason, StatusChangedAt) = (GrantStatus.Ended, Reason(reason, "终止"), at);
    }

    /// <summary>Past its end date (the expiry job); suspended grants expire too.</summary>
    public void Expire(DateTimeOffset at, DateOnly today)
    {
        if (Status is not (GrantStatus.Active or GrantStatus.Suspended) || today <= EndDate) return;
        (Status, StatusChangedAt) = (GrantStatus.Expired, at);
    }

    public void MarkReminded(DateTimeOffset at) => ExpiryReminderSentAt ??= at;

    /// <summary>The usage agreement signed after approval (shuangpai Art. 24 ¶1 item 2, longyan Art. 12 ¶1); a wrong number may be corrected.</summary>
    public void RecordAgreement(string? reference)
    {
        if (Status is GrantStatus.Ended or GrantStatus.Expired) throw new DomainException("该授权已失效，不能再登记使用协议。");
        AgreementReference = InputText.Normalise(reference) switch
        {
            null or "" => throw new DomainException("请填写使用协议编号。", AgreementField),
            { Length: > AgreementMaxLength } => throw new DomainException($"使用协议编号不能超过{AgreementMaxLength}个字符。", AgreementField),
            var r => r,
        };
    }

    public const string AgreementField = "agreementReference";

    private static string Reason(string? reason, string what) =>
        InputText.Normalise(reason) is { Length: > 0 } r
            ? r.Length <= ReasonMaxLength ? r : throw new DomainException($"{what}理由不能超过{ReasonMaxLength}个字符。")
            : throw new DomainException($"{what}授权须说明理由。");

    public static AuditNames AuditNames { get; } = new("共享授权")
    {
        { nameof(ShareRequestId), "共享申请编号" },
        { nameof(Basis), "授权依据", AuditNames.Coded<GrantBasis>(SharingTexts.BasisName) },
        { nameof(RequesterDepartmentId), "使用部门编号" },
        { nameof(ProviderDepartmentId), "提供部门编号" },
        { nameof(CatalogueEntryId), "目录条目编号" },
        { nameof(ResourceCode), "信息资源代码" },
        { nameof(ResourceName), "数据资源名称" },
        { nameof(ItemNames), "信息项" },
        { nameof(Operations), "使用方式" },
        { nameof(Methods), "共享方式" },
        { nameof(Purpose), "用途" },
        { nameof(StartDate), "起始日期" },
        { nameof(EndDate), "截止日期" },
        { nameof(AgreementReference), "使用协议编号" },
        { nameof(Status), "状态", AuditNames.Coded<GrantStatus>(SharingTexts.GrantStatusName) },
        { nameof(StatusReason), "状态变更理由" },
        { nameof(StatusChangedAt), "状态变更时间" },
        { nameof(ExpiryReminderSentAt), "到期提醒时间" },
        { nameof(CreatedAt), "授权时间" },
    };
}

/// <summary>
/// One use of shared data, recorded through the API (longyan Art. 21: 用途、使用人、审批人、数据项、时间、方式、介质).
/// Append-only; the provider sees the log of its data (longyan Art. 24).
/// </summary>
public class GrantUse : IAuditNamed
{
    public const int TextMaxLength = 200;

    private GrantUse() { }

    public long Id { get; private set; }
    public long GrantId { get; private set; }
    public DateTimeOffset UsedAt { get; private set; }
    public string Purpose { get; private set; } = "";
    /// <summary>使用人</summary>
    public string UserName { get; private set; } = "";
    /// <summary>审批人</summary>
    public string Approver { get; private set; } = "";
    public string[] ItemNames { get; private set; } = [];
    public ShareOperations Operation { get; private set; }
    public ShareMethods Method { get; private set; }
    /// <summary>介质 (e.g. 接口, 光盘); free text.</summary>
    public string? Medium { get; private set; }
    /// <summary>The portal account (token owner) that recorded it.</summary>
    public string RecordedByUserId { get; private set; } = "";

    public static AuditNames AuditNames { get; } = new("数据使用记录")
    {
        { nameof(GrantId), "共享授权编号" },
        { nameof(UsedAt), "使用时间" },
        { nameof(Purpose), "用途" },
        { nameof(UserName), "使用人" },
        { nameof(Approver), "审批人" },
        { nameof(ItemNames), "数据项" },
        { nameof(Operation), "使用方式" },
        { nameof(Method), "共享方式" },
        { nameof(Medium), "介质" },
        { nameof(RecordedByUserId), "记录人编号" },
    };

    public static GrantUse Record(ShareGrant grant, DateTimeOffset at, string purpose, string userName, string approver,
        IReadOnlyList<string> items, ShareOperations operation, ShareMethods method, string? medium, string recordedBy) => new()
    {
        GrantId = grant.Id, UsedAt = at, Purpose = purpose, UserName = userName, Approver = approver, ItemNames = [.. items],
        Operation = operation, Method = method, Medium = medium, RecordedByUserId = recordedBy,
    };
}

internal sealed class ShareGrantConfiguration : IEntityTypeConfiguration<ShareGrant>
{
    public void Configure(EntityTypeBuilder<ShareGrant> b)
    {
        b.ToTable("share_grants");
        b.HasIndex(g => g.ShareRequestId).IsUnique();
        b.Property(g => g.Basis).HasConversion<string>().HasMaxLength(24);
        b.Property(g => g.Status).HasConversion<string>().HasMaxLength(16);
        b.Property(g => g.ResourceCode).HasMaxLength(16);
        b.Property(g => g.ResourceName).HasMaxLength(ShareRequest.NameMaxLength).IsRequired();
        b.Property(g => g.Purpose).HasMaxLength(ShareRequest.TextMaxLength).IsRequired();
        b.Property(g => g.AgreementReference).HasMaxLength(ShareGrant.AgreementMaxLength);
        b.Property(g => g.StatusReason).HasMaxLength(ShareGrant.ReasonMaxLength);
        b.HasIndex(g => new { g.RequesterDepartmentId, g.Status });
        b.HasIndex(g => new { g.ProviderDepartmentId, g.Status });
        b.HasIndex(g => new { g.CatalogueEntryId, g.Status });
        b.HasIndex(g => new { g.Status, g.EndDate });
        b.Property(g => g.Version).IsRowVersion();
    }
}

internal sealed class GrantUseConfiguration : IEntityTypeConfiguration<GrantUse>
{
    public void Configure(EntityTypeBuilder<GrantUse> b)
    {
        b.ToTable("grant_uses");
        b.HasOne<ShareGrant>().WithMany().HasForeignKey(u => u.GrantId).OnDelete(DeleteBehavior.Restrict);
        b.HasIndex(u => new { u.GrantId, u.UsedAt });
        b.Property(u => u.Purpose).HasMaxLength(GrantUse.TextMaxLength).IsRequired();
        b.Property(u => u.UserName).HasMaxLength(GrantUse.TextMaxLength).IsRequired();
        b.Property(u => u.Approver).HasMaxLength(GrantUse.TextMaxLength).IsRequired();
        b.Property(u => u.Operation).HasConversion<string>().HasMaxLength(16);
        b.Property(u => u.Method).HasConversion<string>().HasMaxLength(32);
        b.Property(u => u.Medium).HasMaxLength(GrantUse.TextMaxLength);
        b.Property(u => u.RecordedByUserId).HasMaxLength(64).IsRequired();
    }
}
