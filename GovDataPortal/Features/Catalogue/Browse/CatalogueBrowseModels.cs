namespace GovDataPortal.Features.Catalogue;

/// <summary>One line of the catalogue list (the entry's shown version, see <see cref="CatalogueEntry.Show"/>).</summary>
public sealed record CatalogueRow(
    long Id, string? ResourceCode, string Name, string? Summary, int ProviderDepartmentId, string ProviderName,
    int? ResourceClassId, string? ClassCode, string? ClassName, CatalogueType? CatalogueType, ResourceFormat? Format,
    ShareType? ShareType, OpenType? OpenType, UpdateCycle? UpdateCycle, SecurityLevel? SecurityLevel, EntryStatus Status,
    int ItemCount, DateTimeOffset UpdatedAt);

/// <summary>One page of the catalogue list and how many entries the filter matches in all.</summary>
public sealed record CatalogueSearchResult(IReadOnlyList<CatalogueRow> Items, int Total, int Page, int PageSize);

/// <summary>A department as the provider filter offers it.</summary>
public sealed record CatalogueProviderOption(int Id, string Name);

/// <summary>A classification node as the classification filter offers it (the tree in code order).</summary>
public sealed record CatalogueClassOption(int Id, string Code, string Name, ClassLevel Level);

/// <summary>One version as the entry page lists it.</summary>
public sealed record CatalogueVersionLine(
    int Number, VersionStatus Status, DateTimeOffset CreatedAt, DateTimeOffset UpdatedAt, DateTimeOffset? SubmittedAt,
    DateTimeOffset? PublishedAt, bool IsBreakingChange, bool IsPublished, bool IsShown);

/// <summary>A related entry (关联资源) the viewer may see; <see cref="Id"/> is null when no entry carries the code (any more).</summary>
public sealed record RelatedEntryLine(string ResourceCode, long? Id, string? Name, string? ProviderName, EntryStatus? Status);

/// <summary>An open review task of the entry's flows.</summary>
public sealed record CatalogueOpenTask(string FlowName, string StepName, string AssigneeDepartment, DateOnly? DueDate, string RuleText);

/// <summary>
/// The entry page's content: the entry, the version shown (the published one unless the viewer may see and asked for
/// another), the versions the viewer may see, the classification path, related entries and open tasks.
/// </summary>
public sealed record CatalogueEntryDetail(
    CatalogueEntry Entry,
    string ProviderName,
    string ProviderCreditCode,
    CatalogueVersion Shown,
    IReadOnlyList<CatalogueVersionLine> Versions,
    IReadOnlyList<CatalogueClassOption> ClassPath,
    IReadOnlyList<RelatedEntryLine> Related,
    IReadOnlyList<CatalogueOpenTask> OpenTasks,
    bool CanSeeUnpublished)
{
    /// <summary>The entry has a version newer than the shown one that the viewer may open (being written or reviewed).</summary>
    public CatalogueVersionLine? Pending => Versions.FirstOrDefault(v => v.Number > Shown.Number
        && v.Status is VersionStatus.Draft or VersionStatus.DepartmentReview or VersionStatus.AuthorityReview);
}
