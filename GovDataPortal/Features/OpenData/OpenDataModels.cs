using GovDataPortal.Features.Workflow;

namespace GovDataPortal.Features.OpenData;

/// <summary>A conditional-open application as staff enter it (or the API receives it).</summary>
public sealed record OpenRequestInput
{
    public FlowPartyKind? ApplicantKind { get; init; }
    public string? ApplicantName { get; init; }
    public string? IdentityNumber { get; init; }
    public OrganisationType? OrganisationType { get; init; }
    public string? Phone { get; init; }
    public string? Email { get; init; }
    public string? Address { get; init; }
    public long? CatalogueEntryId { get; init; }
    public IReadOnlyList<string>? ItemNames { get; init; }
    public PurposeKind? PurposeKind { get; init; }
    public string? Purpose { get; init; }
    public DateOnly? UseFrom { get; init; }
    public DateOnly? UseUntil { get; init; }
    public string? SecurityMeasures { get; init; }
}

/// <summary>An objection as staff enter it (or the API receives it).</summary>
public sealed record ObjectionInput
{
    public FlowPartyKind? ObjectorKind { get; init; }
    public string? ObjectorName { get; init; }
    public string? IdentityNumber { get; init; }
    public string? Phone { get; init; }
    public string? Email { get; init; }
    public string? Address { get; init; }
    public long? CatalogueEntryId { get; init; }
    public ObjectionKind? Kind { get; init; }
    public string? Description { get; init; }
}

public sealed record CommitmentInput(DateOnly? SignedOn, string? SignedBy);

/// <summary>A published entry as open data names it (from the catalogue's sharing contract).</summary>
public sealed record OpenEntryChoice(long Id, string ResourceCode, string Name, int ProviderDepartmentId, IReadOnlyList<string> Items);

public sealed record CreatedRecord(long Id);

public sealed record OpenRequestRow(long Id, string ApplicantName, string ResourceName, string StatusName, DateTimeOffset CreatedAt, bool CommitmentSigned);

public sealed record ObjectionRow(long Id, string ObjectorName, string ResourceName, string KindName, string StatusName, DateTimeOffset CreatedAt);

public sealed record OpenRequestDetail(OpenDataRequest Request, string ProviderName, SubjectFlowView? Flow, bool CommitmentRequired);

public sealed record ObjectionDetail(DataObjection Objection, string ProviderName, SubjectFlowView? Flow, bool OpeningSuspended);

public static class OpenDataFields
{
    public const string ApplicantKind = "applicantKind", ApplicantName = "applicantName", IdentityNumber = "identityNumber",
        OrganisationType = "organisationType", CatalogueEntryId = "catalogueEntryId", ItemNames = "itemNames", PurposeKind = "purposeKind",
        Purpose = "purpose", UseFrom = "useFrom", UseUntil = "useUntil", SecurityMeasures = "securityMeasures", SignedOn = "signedOn",
        SignedBy = "signedBy", Kind = "kind", Description = "description";
}
