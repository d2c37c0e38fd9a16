using System.Text.Json.Serialization;
using GovDataPortal.Features.Workflow;

namespace GovDataPortal.Features.Catalogue;

/// <summary>A change of law or duties and the published entries it affects.</summary>
public sealed record RecordChangeInput(
    [property: JsonConverter(typeof(JsonStringEnumConverter<ChangeKind>))] ChangeKind? Kind,
    DateOnly? ChangeDate,
    string? Description,
    IReadOnlyList<long>? EntryIds);

/// <summary>A published entry the actor may name as affected by a change.</summary>
public sealed record ObligationEntryChoice(long Id, string Name, string? ResourceCode, string ProviderName);

/// <summary>One recorded change with how many of its obligations are still open.</summary>
public sealed record ChangeRow(long Id, ChangeKind Kind, DateOnly ChangeDate, string Description, string RecordedBy,
    DateTimeOffset RecordedAt, int Obligations, int Open);

/// <summary>
/// One obligation as lists show it: the change, the entry, where its flow stands (the open step, its due date counted
/// from the change date, working days left) and the article behind the deadline (<see cref="RuleText"/>).
/// </summary>
public sealed record ObligationRow(
    long Id, long ChangeId, ChangeKind Kind, DateOnly ChangeDate, string ChangeDescription,
    long EntryId, string EntryName, string? ResourceCode, int ProviderDepartmentId, string ProviderName,
    ObligationStatus Status, string? NoChangeReason, long? MetByVersionId, DateTimeOffset? ClosedAt,
    string? OpenStepName, DateOnly? DueDate, bool Provisional, string? RuleText, int? WorkingDaysLeft);

/// <summary>An obligation with its flows (a refused 无需变更 starts another round) and what the actor may do now.</summary>
public sealed record ObligationDetail(ObligationRow Row, string Basis, IReadOnlyList<SubjectFlowView> Flows,
    bool CanStateNoChange, bool CanDecideNoChange, string? WaitingFor);
