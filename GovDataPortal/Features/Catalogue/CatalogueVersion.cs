using GovDataPortal.Features.Audit;
using GovDataPortal.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace GovDataPortal.Features.Catalogue;

/// <summary>
/// One version of an entry's metadata. A draft takes the department's writing (<see cref="Apply"/>); a submitted version
/// is frozen until it is returned (back to 草稿) or published. A published entry changes only through a new version
/// passing the same review (issue 9 §2); the published one stays current until then.
/// Lifecycle methods (submit, review, publish) sit in CatalogueVersion.Lifecycle.cs.
/// </summary>
public partial class CatalogueVersion : IAudited, IAuditNamed
{
    private CatalogueVersion() { }

    public long Id { get; private set; }
    public long EntryId { get; private set; }
    public int Number { get; private set; }
    public VersionStatus Status { get; private set; }

    public string Name { get; private set; } = "";
    public string? Summary { get; private set; }
    public CatalogueType? CatalogueType { get; private set; }
    public int? ResourceClassId { get; private set; }
    public string? SourceSystem { get; private set; }
    public string? ReferenceStandard { get; private set; }
    public string? CollectionBasis { get; private set; }
    public ResourceFormat? Format { get; private set; }
    public string? FormatDetail { get; private set; }
    public DataSubjects DataSubjects { get; private set; }

    public ShareType? ShareType { get; private set; }
    public ShareConditionKinds ShareConditionKinds { get; private set; }
    public string? ShareNamedDepartments { get; private set; }
    public string? ShareConditions { get; private set; }
    public ShareMethods ShareMethods { get; private set; }
    public ShareOperations ShareOperations { get; private set; }
    public string? ShareBasis { get; private set; }

    public OpenType? OpenType { get; private set; }
    public string? OpenConditions { get; private set; }
    public string? OpenBasis { get; private set; }
    public bool Deidentified { get; private set; }
    public string? DeidentificationMethod { get; private set; }

    public UpdateCycle? UpdateCycle { get; private set; }
    public SecurityLevel? SecurityLevel { get; private set; }
    public List<string> RelatedCodes { get; private set; } = [];
    public long? RecordCount { get; private set; }

    public List<CatalogueItem> Items { get; private set; } = [];

    public string CreatedByUserId { get; private set; } = "";
    public DateTimeOffset CreatedAt { get; private set; }
    public DateTimeOffset UpdatedAt { get; private set; }

    /// <summary>The batch it was last submitted in (one review task per batch).</summary>
    public long? SubmissionId { get; private set; }
    public string? SubmittedByUserId { get; private set; }
    public DateTimeOffset? SubmittedAt { get; private set; }
    public DateTimeOffset? PublishedAt { get; private set; }

    /// <summary>Against the published version: an item removed or its data type changed (grant holders are told first).</summary>
    public bool IsBreakingChange { get; private set; }
    public uint Version { get; private set; }

    /// <summary>A new draft (version 1 of a new entry, or the next version of a published one copied from it).</summary>
    internal static CatalogueVersion Draft(int number, CatalogueContent content, string userId, DateTimeOffset at)
    {
        if (string.IsNullOrWhiteSpace(userId)) throw new DomainException("编制目录须有编制人。");
        var version = new CatalogueVersion { Number = number, Status = VersionStatus.Draft, CreatedByUserId = userId, CreatedAt = at };
        version.Write(content, at);
        return version;
    }

    /// <summary>
    /// The department's writing replaces the draft's. A draft may be incomplete (saved as the specialist goes) but never
    /// holds what the input rule refuses; completeness is judged at submission (<see cref="CatalogueRules.Validate"/>).
    /// </summary>
    public void Apply(CatalogueContent content, DateTimeOffset at)
    {
        if (Status != VersionStatus.Draft) throw new DomainException("只有草稿可以修改；已提交的目录须退回后才能修改。");
        Write(content, at);
    }

    private void Write(CatalogueContent c, DateTimeOffset at)
    {
        CatalogueRules.ValidateDraft(c).ThrowIfInvalid();
        Name = InputText.Normalise(c.Name) ?? "";
        Summary = InputText.NullIfBlank(c.Summary);
        CatalogueType = c.CatalogueType;
        ResourceClassId = c.ResourceClassId;
        SourceSystem = InputText.NullIfBlank(c.SourceSystem);
        ReferenceStandard = InputText.NullIfBlank(c.ReferenceStandard);
        CollectionBasis = InputText.NullIfBlank(c.CollectionBasis);
        Format = c.Format;
        FormatDetail = InputText.NullIfBlank(c.FormatDetail);
        DataSubjects = c.DataSubjects;
        ShareType = c.ShareType;
        ShareConditionKinds = c.ShareConditionKinds;
        ShareNamedDepartments = InputText.NullIfBlank(c.ShareNamedDepartments);
        ShareConditions = InputText.NullIfBlank(c.ShareConditions);
        ShareMethods = c.ShareMethods;
        ShareOperations = c.ShareOperations;
        ShareBasis = InputText.NullIfBlank(c.ShareBasis);
        OpenType = c.OpenType;
        OpenConditions = InputText.NullIfBlank(c.OpenConditions);
        OpenBasis = InputText.NullIfBlank(c.OpenBasis);
        Deidentified = c.Deidentified;
        DeidentificationMethod = InputText.NullIfBlank(c.DeidentificationMethod);
        UpdateCycle = c.UpdateCycle;
        SecurityLevel = c.SecurityLevel;
        RelatedCodes = [.. c.RelatedCodes.Select(InputText.NullIfBlank).OfType<string>().Distinct()];
        RecordCount = c.RecordCount;
        Items.Clear();
        for (var i = 0; i < c.Items.Count; i++) Items.Add(CatalogueItem.From(i + 1, c.Items[i]));
        UpdatedAt = at;
    }

    /// <summary>The version's metadata as the form and the rules read it.</summary>
    public CatalogueContent ToContent() => new()
    {
        Name = Name, Summary = Summary, CatalogueType = CatalogueType, ResourceClassId = ResourceClassId,
        SourceSystem = SourceSystem, ReferenceStandard = ReferenceStandard, CollectionBasis = CollectionBasis,
        Format = Format, FormatDetail = FormatDetail, DataSubjects = DataSubjects,
        Items = [.. Items.OrderBy(i => i.Ordinal).Select(i => i.ToContent())],
        ShareType = ShareType, ShareConditionKinds = ShareConditionKinds, ShareNamedDepartments = ShareNamedDepartments,
        ShareConditions = ShareConditions, ShareMethods = ShareMethods, ShareOperations = ShareOperations, ShareBasis = ShareBasis,
        OpenType = OpenType, OpenConditions = OpenConditions, OpenBasis = OpenBasis, Deidentified = Deidentified,
        DeidentificationMethod = DeidentificationMethod, UpdateCycle = UpdateCycle, SecurityLevel = SecurityLevel,
        RelatedCodes = [.. RelatedCodes], RecordCount = RecordCount,
    };

    public static AuditNames AuditNames { get; } = new("目录版本")
    {
        { nameof(EntryId), "目录条目编号" },
        { nameof(Number), "版本号" },
        { nameof(Status), "状态", AuditNames.Coded<VersionStatus>(CatalogueTexts.Name) },
        { nameof(Name), "信息资源名称" },
        { nameof(Summary), "信息资源摘要" },
        { nameof(CatalogueType), "目录类型" },
        { nameof(ResourceClassId), "信息资源分类编号" },
        { nameof(SourceSystem), "来源信息系统" },
        { nameof(ReferenceStandard), "参考标准" },
        { nameof(CollectionBasis), "采集依据" },
        { nameof(Format), "信息资源格式" },
        { nameof(FormatDetail), "具体格式" },
        { nameof(DataSubjects), "数据主体" },
        { nameof(ShareType), "共享类型" },
        { nameof(ShareConditionKinds), "共享条件类别" },
        { nameof(ShareNamedDepartments), "指定部门及用途" },
        { nameof(ShareConditions), "共享条件" },
        { nameof(ShareMethods), "共享方式" },
        { nameof(ShareOperations), "允许的操作" },
        { nameof(ShareBasis), "不予共享或有条件共享的法律法规依据" },
        { nameof(OpenType), "开放类型" },
        { nameof(OpenConditions), "开放条件" },
        { nameof(OpenBasis), "不予开放依据" },
        { nameof(Deidentified), "已脱敏" },
        { nameof(DeidentificationMethod), "脱敏方法" },
        { nameof(UpdateCycle), "更新周期" },
        { nameof(SecurityLevel), "安全级别" },
        { nameof(RelatedCodes), "关联资源" },
        { nameof(RecordCount), "数据量（条）" },
        { nameof(CreatedByUserId), "编制人编号" },
        { nameof(CreatedAt), "创建时间" },
        { nameof(UpdatedAt), "修改时间" },
        { nameof(SubmissionId), "提交批次编号" },
        { nameof(SubmittedByUserId), "提交人编号" },
        { nameof(SubmittedAt), "提交时间" },
        { nameof(PublishedAt), "发布时间" },
        { nameof(IsBreakingChange), "不兼容变更" },
    };
}

/// <summary>One 信息项 of a version.</summary>
public class CatalogueItem : IAudited, IAuditNamed
{
    private CatalogueItem() { }

    public long Id { get; private set; }
    public long VersionId { get; private set; }
    public int Ordinal { get; private set; }
    public string Name { get; private set; } = "";
    /// <summary>The name as one-source detection compares it (<see cref="CatalogueRules.NormaliseItemName"/>).</summary>
    public string NormalisedName { get; private set; } = "";
    public ItemDataType? DataType { get; private set; }
    public int? Length { get; private set; }
    public ItemSensitivity Sensitivity { get; private set; }
    public string? Description { get; private set; }

    internal static CatalogueItem From(int ordinal, CatalogueItemContent c) => new()
    {
        Ordinal = ordinal,
        Name = InputText.Normalise(c.Name) ?? "",
        NormalisedName = CatalogueRules.NormaliseItemName(c.Name),
        DataType = c.DataType,
        Length = c.Length,
        Sensitivity = c.Sensitivity,
        Description = InputText.NullIfBlank(c.Description),
    };

    public CatalogueItemContent ToContent() =>
        new() { Name = Name, DataType = DataType, Length = Length, Sensitivity = Sensitivity, Description = Description };

    public static AuditNames AuditNames { get; } = new("信息项")
    {
        { nameof(VersionId), "目录版本编号" },
        { nameof(Ordinal), "序号" },
        { nameof(Name), "信息项名称" },
        { nameof(NormalisedName), "规范化名称" },
        { nameof(DataType), "数据类型" },
        { nameof(Length), "数据长度" },
        { nameof(Sensitivity), "敏感类别" },
        { nameof(Description), "描述" },
    };
}

internal sealed class CatalogueVersionConfiguration : IEntityTypeConfiguration<CatalogueVersion>
{
    public void Configure(EntityTypeBuilder<CatalogueVersion> b)
    {
        b.ToTable("catalogue_versions");
        b.HasIndex(v => new { v.EntryId, v.Number }).IsUnique();
        b.HasIndex(v => v.SubmissionId);
        b.Property(v => v.Status).HasConversion<string>().HasMaxLength(24);
        b.Property(v => v.Name).HasMaxLength(CatalogueRules.NameMaxLength).IsRequired();
        b.Property(v => v.Summary).HasMaxLength(CatalogueRules.SummaryMaxLength);
        b.Property(v => v.CatalogueType).HasConversion<string>().HasMaxLength(16);
        b.Property(v => v.SourceSystem).HasMaxLength(CatalogueRules.ShortTextMaxLength);
        b.Property(v => v.ReferenceStandard).HasMaxLength(CatalogueRules.ShortTextMaxLength);
        b.Property(v => v.CollectionBasis).HasMaxLength(CatalogueRules.BasisMaxLength);
        b.Property(v => v.Format).HasConversion<string>().HasMaxLength(24);
        b.Property(v => v.FormatDetail).HasMaxLength(CatalogueRules.FormatDetailMaxLength);
        b.Property(v => v.ShareType).HasConversion<string>().HasMaxLength(16);
        b.Property(v => v.ShareNamedDepartments).HasMaxLength(CatalogueRules.BasisMaxLength);
        b.Property(v => v.ShareConditions).HasMaxLength(CatalogueRules.BasisMaxLength);
        b.Property(v => v.ShareBasis).HasMaxLength(CatalogueRules.BasisMaxLength);
        b.Property(v => v.OpenType).HasConversion<string>().HasMaxLength(16);
        b.Property(v => v.OpenConditions).HasMaxLength(CatalogueRules.BasisMaxLength);
        b.Property(v => v.OpenBasis).HasMaxLength(CatalogueRules.BasisMaxLength);
        b.Property(v => v.DeidentificationMethod).HasMaxLength(CatalogueRules.ShortTextMaxLength);
        b.Property(v => v.UpdateCycle).HasConversion<string>().HasMaxLength(16);
        b.Property(v => v.SecurityLevel).HasConversion<string>().HasMaxLength(16);
        b.Property(v => v.CreatedByUserId).HasMaxLength(64).IsRequired();
        b.Property(v => v.SubmittedByUserId).HasMaxLength(64);
        b.HasOne<ResourceClass>().WithMany().HasForeignKey(v => v.ResourceClassId).OnDelete(DeleteBehavior.Restrict);
        b.HasMany(v => v.Items).WithOne().HasForeignKey(i => i.VersionId).OnDelete(DeleteBehavior.Cascade);
        b.Property(v => v.Version).IsRowVersion();
    }
}

internal sealed class CatalogueItemConfiguration : IEntityTypeConfiguration<CatalogueItem>
{
    public void Configure(EntityTypeBuilder<CatalogueItem> b)
    {
        b.ToTable("catalogue_items");
        b.HasIndex(i => new { i.VersionId, i.Ordinal }).IsUnique();
        b.HasIndex(i => new { i.NormalisedName, i.DataType });
        b.Property(i => i.Name).HasMaxLength(CatalogueRules.ItemNameMaxLength).IsRequired();
        b.Property(i => i.NormalisedName).HasMaxLength(CatalogueRules.ItemNameMaxLength).IsRequired();
        b.Property(i => i.DataType).HasConversion<string>().HasMaxLength(2);
        b.Property(i => i.Sensitivity).HasConversion<string>().HasMaxLength(24);
        b.Property(i => i.Description).HasMaxLength(CatalogueRules.ItemDescriptionMaxLength);
    }
}
