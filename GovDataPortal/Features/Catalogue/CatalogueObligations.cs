using GovDataPortal.Features.Audit;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace GovDataPortal.Features.Catalogue;

public enum ChangeKind
{
    /// <summary>法律、法规修订</summary>
    LawRevision = 1,
    /// <summary>行政管理职能发生变化</summary>
    DutyChange = 2,
}

public enum ObligationStatus
{
    /// <summary>待更新</summary>
    Open = 1,
    /// <summary>已发布更新版本</summary>
    Updated = 2,
    /// <summary>无需变更（数据主管部门已认可）</summary>
    NoChangeAccepted = 3,
    /// <summary>撤销目录等原因不再需要</summary>
    Cancelled = 4,
}

/// <summary>
/// A law revision or a change of duties that obliges a department to update catalogue entries within the profile's
/// days of <see cref="ChangeDate"/> (changsha Art. 16, shuangpai Art. 19, foshan Art. 17), recorded by the department or
/// the data authority. Transitions sit in CatalogueChange.Lifecycle.cs.
/// </summary>
public partial class CatalogueChange : IAudited, IAuditNamed
{
    public const int DescriptionMaxLength = 2000;

    private CatalogueChange() { }

    public long Id { get; private set; }
    public ChangeKind Kind { get; private set; }
    /// <summary>The day the law changed or the duty changed (Asia/Shanghai calendar date): deadlines count from it.</summary>
    public DateOnly ChangeDate { get; private set; }
    public string Description { get; private set; } = "";
    public int RecordedByDepartmentId { get; private set; }
    public string RecordedByUserId { get; private set; } = "";
    public DateTimeOffset RecordedAt { get; private set; }
    public List<CatalogueObligation> Obligations { get; private set; } = [];

    public static AuditNames AuditNames { get; } = new("目录变更事由")
    {
        { nameof(Kind), "类别" },
        { nameof(ChangeDate), "变化发生日期" },
        { nameof(Description), "说明" },
        { nameof(RecordedByDepartmentId), "登记部门编号" },
        { nameof(RecordedByUserId), "登记人编号" },
        { nameof(RecordedAt), "登记时间" },
    };
}

/// <summary>One entry's duty to be updated after a <see cref="CatalogueChange"/>; its flow carries the deadline.</summary>
public partial class CatalogueObligation : IAudited, IAuditNamed
{
    public const int ReasonMaxLength = 1000;

    private CatalogueObligation() { }

    public long Id { get; private set; }
    public long ChangeId { get; private set; }
    public long EntryId { get; private set; }
    public int ProviderDepartmentId { get; private set; }
    public ObligationStatus Status { get; private set; }
    public long? FlowInstanceId { get; private set; }
    /// <summary>The department's statement that the entry needs no change, and why.</summary>
    public string? NoChangeReason { get; private set; }
    /// <summary>The version whose publication met the obligation.</summary>
    public long? MetByVersionId { get; private set; }
    public DateTimeOffset? ClosedAt { get; private set; }
    public uint Version { get; private set; }

    public static AuditNames AuditNames { get; } = new("目录更新义务")
    {
        { nameof(ChangeId), "变更事由编号" },
        { nameof(EntryId), "目录条目编号" },
        { nameof(ProviderDepartmentId), "提供部门编号" },
        { nameof(Status), "状态" },
        { nameof(FlowInstanceId), "流程编号" },
        { nameof(NoChangeReason), "无需变更理由" },
        { nameof(MetByVersionId), "更新版本编号" },
        { nameof(ClosedAt), "办结时间" },
    };
}

/// <summary>
/// The authority's decision that one department is the source of a data item (一数一源, shuangpai Art. 18 and 20(1),
/// foshan Art. 19): items of other providers with the same normalised name and data type show 权威来源: that department.
/// </summary>
public partial class AuthoritativeSource : IAudited, IAuditNamed
{
    public const int NoteMaxLength = 500;

    private AuthoritativeSource() { }

    public long Id { get; private set; }
    public string NormalisedName { get; private set; } = "";
    public ItemDataType DataType { get; private set; }
    /// <summary>The item's name as the authority saw it (for display).</summary>
    public string ItemName { get; private set; } = "";
    public int ProviderDepartmentId { get; private set; }
    public string? Note { get; private set; }
    public string DecidedByUserId { get; private set; } = "";
    public DateTimeOffset DecidedAt { get; private set; }
    public uint Version { get; private set; }

    public static AuditNames AuditNames { get; } = new("权威数据来源")
    {
        { nameof(NormalisedName), "规范化信息项名称" },
        { nameof(DataType), "数据类型" },
        { nameof(ItemName), "信息项名称" },
        { nameof(ProviderDepartmentId), "权威来源部门编号" },
        { nameof(Note), "说明" },
        { nameof(DecidedByUserId), "认定人编号" },
        { nameof(DecidedAt), "认定时间" },
    };
}

internal sealed class CatalogueChangeConfiguration : IEntityTypeConfiguration<CatalogueChange>
{
    public void Configure(EntityTypeBuilder<CatalogueChange> b)
    {
        b.ToTable("catalogue_changes");
        b.Property(c => c.Kind).HasConversion<string>().HasMaxLength(16);
        b.Property(c => c.Description).HasMaxLength(CatalogueChange.DescriptionMaxLength).IsRequired();
        b.Property(c => c.RecordedByUserId).HasMaxLength(64).IsRequired();
        b.HasMany(c => c.Obligations).WithOne().HasForeignKey(o => o.ChangeId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class CatalogueObligationConfiguration : IEntityTypeConfiguration<CatalogueObligation>
{
    public void Configure(EntityTypeBuilder<CatalogueObligation> b)
    {
        b.ToTable("catalogue_obligations");
        b.Property(o => o.Status).HasConversion<string>().HasMaxLength(24);
        b.Property(o => o.NoChangeReason).HasMaxLength(CatalogueObligation.ReasonMaxLength);
        b.HasIndex(o => new { o.ChangeId, o.EntryId }).IsUnique();
        b.HasIndex(o => new { o.EntryId, o.Status });
        b.HasOne<CatalogueEntry>().WithMany().HasForeignKey(o => o.EntryId).OnDelete(DeleteBehavior.Restrict);
        b.Property(o => o.Version).IsRowVersion();
    }
}

internal sealed class AuthoritativeSourceConfiguration : IEntityTypeConfiguration<AuthoritativeSource>
{
    public void Configure(EntityTypeBuilder<AuthoritativeSource> b)
    {
        b.ToTable("authoritative_sources");
        b.Property(s => s.NormalisedName).HasMaxLength(CatalogueRules.ItemNameMaxLength).IsRequired();
        b.Property(s => s.DataType).HasConversion<string>().HasMaxLength(2);
        b.Property(s => s.ItemName).HasMaxLength(CatalogueRules.ItemNameMaxLength).IsRequired();
        b.Property(s => s.Note).HasMaxLength(AuthoritativeSource.NoteMaxLength);
        b.Property(s => s.DecidedByUserId).HasMaxLength(64).IsRequired();
        b.HasIndex(s => new { s.NormalisedName, s.DataType }).IsUnique();
        b.Property(s => s.Version).IsRowVersion();
    }
}
