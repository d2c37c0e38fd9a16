using GovDataPortal.Features.Audit;
using GovDataPortal.Features.Organisation;
using GovDataPortal.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace GovDataPortal.Features.Catalogue;

/// <summary>
/// A data resource in the catalogue: its provider, its code (given at first publication, never changed or reused) and
/// its versions. The entry carries a copy of the version lists show (<see cref="Show"/>: the published version if
/// there is one, else the latest) with its search grams, so the catalogue list is one indexed table (ADR 0007).
/// Lifecycle methods sit in CatalogueEntry.Lifecycle.cs.
/// </summary>
public partial class CatalogueEntry : IAudited, IAuditNamed
{
    private CatalogueEntry() { }

    public long Id { get; private set; }
    /// <summary>信息资源提供方 (for 基础 and 主题 entries the lead department that compiles them, shuangpai Art. 17).</summary>
    public int ProviderDepartmentId { get; private set; }
    /// <summary>信息资源代码, "{9 digits}/{6 digits}" — null until first published.</summary>
    public string? ResourceCode { get; private set; }
    public EntryStatus Status { get; private set; }
    /// <summary>Versions are known by their number within the entry (known before saving, unlike ids).</summary>
    public int? PublishedVersionNumber { get; private set; }
    public int LatestVersionNumber { get; private set; }
    /// <summary>Once submitted, the data authority sees the entry (drafts before that are the department's own).</summary>
    public bool EverSubmitted { get; private set; }
    public DateTimeOffset CreatedAt { get; private set; }
    public DateTimeOffset? FirstPublishedAt { get; private set; }
    public DateTimeOffset? LastPublishedAt { get; private set; }
    public DateTimeOffset? WithdrawnAt { get; private set; }
    public string? WithdrawalReason { get; private set; }
    /// <summary>The last full review of the entry (hubei Art. 11: 至少每年全面维护一次).</summary>
    public DateTimeOffset? LastFullReviewAt { get; private set; }

    // The shown version's listing (see Show).
    public int ShownVersionNumber { get; private set; }
    public string Name { get; private set; } = "";
    public string? Summary { get; private set; }
    public CatalogueType? CatalogueType { get; private set; }
    public int? ResourceClassId { get; private set; }
    public ResourceFormat? Format { get; private set; }
    public ShareType? ShareType { get; private set; }
    public OpenType? OpenType { get; private set; }
    public UpdateCycle? UpdateCycle { get; private set; }
    public SecurityLevel? SecurityLevel { get; private set; }
    public int ItemCount { get; private set; }
    /// <summary>The shown version's item names, one per line: the exact-substring test of item hits.</summary>
    public string ItemNames { get; private set; } = "";
    /// <summary>Grams of the name (<see cref="CatalogueSearchText"/>): a name hit ranks first.</summary>
    public string[] NameGrams { get; private set; } = [];
    /// <summary>Grams of the name, summary and item names.</summary>
    public string[] TextGrams { get; private set; } = [];
    public DateTimeOffset UpdatedAt { get; private set; }
    public uint Version { get; private set; }

    public Department? ProviderDepartment { get; private set; }
    public List<CatalogueVersion> Versions { get; private set; } = [];

    /// <summary>A department starts a new entry: version 1, a draft only it sees.</summary>
    public static CatalogueEntry Create(int providerDepartmentId, CatalogueContent content, string userId, DateTimeOffset at)
    {
        var entry = new CatalogueEntry
        {
            ProviderDepartmentId = providerDepartmentId, Status = EntryStatus.Draft, CreatedAt = at, LatestVersionNumber = 1,
        };
        var first = CatalogueVersion.Draft(1, content, userId, at);
        entry.Versions.Add(first);
        entry.Show(first, at);
        return entry;
    }

    /// <summary>The version being written or reviewed, or the published one when none is (Versions must be loaded).</summary>
    public CatalogueVersion LatestVersion => Versions.Single(v => v.Number == LatestVersionNumber);

    /// <summary>
    /// A published entry changes only through a new version passing the same review (issue 9 §2): the next version
    /// starts as a draft copied from the published one, which stays visible until the new one is published.
    /// One version in progress at a time. Versions must be loaded.
    /// </summary>
    public CatalogueVersion StartNewVersion(string userId, DateTimeOffset at)
    {
        if (Status != EntryStatus.Published) throw new DomainException("只有已发布的目录条目才能新建版本。");
        var latest = LatestVersion;
        // A discarded draft of a next version does not block the next one (CatalogueEntry.Lifecycle.cs DiscardDraft).
        if (latest.Status is not (VersionStatus.Published or VersionStatus.Discarded))
            throw new DomainException($"该目录条目已有未发布的第{latest.Number}版（{CatalogueTexts.Name(latest.Status)}），请在该版本上继续修改。");
        var published = Versions.Single(v => v.Number == PublishedVersionNumber);
        var next = CatalogueVersion.Draft(LatestVersionNumber + 1, published.ToContent(), userId, at);
        Versions.Add(next);
        LatestVersionNumber = next.Number;
        UpdatedAt = at;
        return next;
    }

    /// <summary>A draft was saved: the list shows it while nothing of the entry is published.</summary>
    public void DraftSaved(CatalogueVersion draft, DateTimeOffset at)
    {
        if (draft.Number != LatestVersionNumber) throw new DomainException("只能修改最新版本。");
        if (PublishedVersionNumber is null) Show(draft, at);
        else UpdatedAt = at;
    }

    /// <summary>
    /// Copies <paramref name="version"/>'s listing onto the entry. Called when a draft is saved while nothing is
    /// published, and when a version is published; a published entry's list row keeps showing the published version
    /// while its next version is drafted and reviewed.
    /// </summary>
    public void Show(CatalogueVersion version, DateTimeOffset at)
    {
        if (version.EntryId != 0 && version.EntryId != Id) throw new DomainException("版本不属于该目录条目。");
        ShownVersionNumber = version.Number;
        Name = version.Name;
        Summary = version.Summary;
        CatalogueType = version.CatalogueType;
        ResourceClassId = version.ResourceClassId;
        Format = version.Format;
        ShareType = version.ShareType;
        OpenType = version.OpenType;
        UpdateCycle = version.UpdateCycle;
        SecurityLevel = version.SecurityLevel;
        var names = version.Items.OrderBy(i => i.Ordinal).Select(i => i.Name).ToList();
        ItemCount = names.Count;
        ItemNames = string.Join('\n', names);
        NameGrams = CatalogueSearchText.Grams(version.Name);
        TextGrams = CatalogueSearchText.Grams([version.Name, version.Summary, .. names]);
        UpdatedAt = at;
    }

    public static AuditNames AuditNames { get; } = new("目录条目")
    {
        { nameof(ProviderDepartmentId), "提供部门编号" },
        { nameof(ResourceCode), "信息资源代码" },
        { nameof(Status), "状态", AuditNames.Coded<EntryStatus>(CatalogueTexts.Name) },
        { nameof(PublishedVersionNumber), "已发布版本号" },
        { nameof(LatestVersionNumber), "最新版本号" },
        { nameof(EverSubmitted), "已提交过审核" },
        { nameof(CreatedAt), "创建时间" },
        { nameof(FirstPublishedAt), "首次发布时间" },
        { nameof(LastPublishedAt), "最近发布时间" },
        { nameof(WithdrawnAt), "撤销时间" },
        { nameof(WithdrawalReason), "撤销理由" },
        { nameof(LastFullReviewAt), "最近全面维护时间" },
        { nameof(ShownVersionNumber), "列表展示版本号" },
        { nameof(Name), "信息资源名称" },
        { nameof(Summary), "信息资源摘要" },
        { nameof(CatalogueType), "目录类型" },
        { nameof(ResourceClassId), "信息资源分类编号" },
        { nameof(Format), "信息资源格式" },
        { nameof(ShareType), "共享类型" },
        { nameof(OpenType), "开放类型" },
        { nameof(UpdateCycle), "更新周期" },
        { nameof(SecurityLevel), "安全级别" },
        { nameof(ItemCount), "信息项数" },
        { nameof(ItemNames), "信息项名称" },
        { nameof(NameGrams), "名称检索词元" },
        { nameof(TextGrams), "全文检索词元" },
        { nameof(UpdatedAt), "更新时间" },
        { nameof(OpeningHold), "开放暂停状态", AuditNames.Coded<OpeningHold>(h => h == Catalogue.OpeningHold.Suspended ? "中止开放" : "已撤回开放") },
        { nameof(OpeningHoldAt), "开放状态变更时间" },
        { nameof(OpeningHoldReason), "开放状态变更理由" },
    };
}

internal sealed class CatalogueEntryConfiguration : IEntityTypeConfiguration<CatalogueEntry>
{
    public void Configure(EntityTypeBuilder<CatalogueEntry> b)
    {
        b.ToTable("catalogue_entries");
        b.Property(e => e.ResourceCode).HasMaxLength(16);
        b.HasIndex(e => e.ResourceCode).IsUnique();
        b.Property(e => e.Status).HasConversion<string>().HasMaxLength(16);
        b.Property(e => e.WithdrawalReason).HasMaxLength(CatalogueRules.BasisMaxLength);
        b.Property(e => e.Name).HasMaxLength(CatalogueRules.NameMaxLength).IsRequired();
        b.Property(e => e.Summary).HasMaxLength(CatalogueRules.SummaryMaxLength);
        b.Property(e => e.CatalogueType).HasConversion<string>().HasMaxLength(16);
        b.Property(e => e.Format).HasConversion<string>().HasMaxLength(24);
        b.Property(e => e.ShareType).HasConversion<string>().HasMaxLength(16);
        b.Property(e => e.OpenType).HasConversion<string>().HasMaxLength(16);
        b.Property(e => e.UpdateCycle).HasConversion<string>().HasMaxLength(16);
        b.Property(e => e.SecurityLevel).HasConversion<string>().HasMaxLength(16);
        b.Property(e => e.ItemNames).IsRequired();
        // ADR 0007: GIN over the grams serves one- and two-character keywords.
        b.HasIndex(e => e.NameGrams).HasMethod("gin");
        b.HasIndex(e => e.TextGrams).HasMethod("gin");
        b.HasIndex(e => new { e.Status, e.ProviderDepartmentId });
        b.HasIndex(e => e.ResourceClassId);
        b.HasOne(e => e.ProviderDepartment).WithMany().HasForeignKey(e => e.ProviderDepartmentId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<ResourceClass>().WithMany().HasForeignKey(e => e.ResourceClassId).OnDelete(DeleteBehavior.Restrict);
        b.HasMany(e => e.Versions).WithOne().HasForeignKey(v => v.EntryId).OnDelete(DeleteBehavior.Cascade);
        b.Property(e => e.Version).IsRowVersion();
    }
}
