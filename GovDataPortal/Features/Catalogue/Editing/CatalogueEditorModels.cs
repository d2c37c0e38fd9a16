using GovDataPortal.Features.Policies;

namespace GovDataPortal.Features.Catalogue.Editing;

/// <summary>A classification node for the picker (<see cref="IsLeaf"/>: no child, the only kind an entry may sit on).</summary>
public sealed record EditorClass(int Id, int? ParentId, string Code, string Name, ClassLevel Level, bool IsLeaf);

/// <summary>A reviewer's comment from a return, shown beside <see cref="Field"/> (null: on the whole entry, shown at the top).</summary>
public sealed record EditorComment(string? Field, string Text, string StepName, string ByName, DateTimeOffset At);

/// <summary>
/// What the form edits: the entry (null <see cref="EntryId"/> for a new one), the version the writing goes to and the
/// row versions it was read at (a save with older ones is refused as 已被他人修改). <see cref="StartsNewVersion"/>: the
/// entry is published and the first save opens version <see cref="VersionNumber"/> as a copy of the published one.
/// </summary>
public sealed record CatalogueEditorModel(
    long? EntryId,
    int ProviderDepartmentId,
    string ProviderName,
    string ProviderCreditCode,
    string? ResourceCode,
    EntryStatus EntryStatus,
    int VersionNumber,
    VersionStatus VersionStatus,
    bool StartsNewVersion,
    int? PublishedVersionNumber,
    uint EntryRowVersion,
    uint VersionRowVersion,
    CatalogueContent Content,
    IReadOnlyList<EditorComment> Comments,
    string? ReadOnlyReason)
{
    public bool IsNew => EntryId is null;
    public bool IsReadOnly => ReadOnlyReason is not null;
}

/// <summary>
/// A save of the form: the entry and version it was loaded as and their row versions (<see cref="CatalogueEditorModel"/>),
/// with the department's writing.
/// </summary>
public sealed record DraftSaveRequest(long? EntryId, int VersionNumber, bool StartsNewVersion, uint EntryRowVersion, uint VersionRowVersion,
    CatalogueContent Content);

/// <summary>The saved draft (its new row versions, for the next save) and what still keeps it from being submitted.</summary>
public sealed record DraftSaveResult(long EntryId, int VersionNumber, uint EntryRowVersion, uint VersionRowVersion,
    IReadOnlyDictionary<string, List<string>> Problems);

/// <summary>Everything the form needs besides the entry: the rules' context and the tree.</summary>
public sealed record EditorSetup(CatalogueRuleContext RuleContext, IReadOnlyList<EditorClass> Classes)
{
    public Jurisdiction Jurisdiction => RuleContext.Jurisdiction;
}
