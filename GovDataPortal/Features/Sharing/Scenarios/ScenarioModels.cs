namespace GovDataPortal.Features.Sharing.Scenarios;

/// <summary>What the scenario list filters by. Null means any.</summary>
public sealed record ScenarioFilter(ScenarioStatus? Status = null, string? Keyword = null);

/// <summary>One scenario as the list and its export show it.</summary>
public sealed record ScenarioRow(long Id, string Name, string Business, int DepartmentId, string DepartmentName, ScenarioStatus Status,
    int EntryCount, DateTimeOffset CreatedAt, DateTimeOffset? ReviewedAt);

public sealed record ScenarioEntryView(long CatalogueEntryId, string ResourceCode, string EntryName, string ProviderName, IReadOnlyList<string> ItemNames);

/// <summary>A scenario with its entries, and what the current user may do with it.</summary>
public sealed record ScenarioDetail(long Id, uint Version, string Name, string Business, string LegalBasis, int DepartmentId, string DepartmentName,
    string RegisteredBy, IReadOnlyList<string> InvolvedDepartments, ScenarioStatus Status, string? ReviewReason, string? ReviewedBy,
    DateTimeOffset CreatedAt, DateTimeOffset? ReviewedAt, DateTimeOffset? WithdrawnAt, IReadOnlyList<ScenarioEntryView> Entries,
    bool CanReview, bool CanWithdraw);

/// <summary>A published entry offered to the form, with its published items.</summary>
public sealed record ScenarioEntryChoice(long Id, string ResourceCode, string Name, string ProviderName, IReadOnlyList<string> ItemNames);

/// <summary>One open share request on the authority's overview (issue 10 §4), with its current step and deadline.</summary>
public sealed record OverviewRow(long Id, ShareRequestKind Kind, string ResourceName, string RequesterName, string ProviderName,
    DateTimeOffset CreatedAt, string? StepName, DateOnly? DueDate, DateTimeOffset? DueAt, string? RuleText, bool Overdue);

public sealed record OverviewPage(IReadOnlyList<OverviewRow> Items, int Total, int Overdue);
