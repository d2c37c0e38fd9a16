using System.Text.Json.Serialization;
using GovDataPortal.Features.Attachments;
using GovDataPortal.Features.Calendar;
using GovDataPortal.Features.Inbox;
using GovDataPortal.Features.Policies;

namespace GovDataPortal.Features.DataChecks;

/// <summary>
/// Field keys of the data-check forms. camelCase so the API's validation problems name the same fields as its JSON
/// bodies, and the pages show the same errors next to the same inputs.
/// </summary>
public static class DataCheckFields
{
    public const string ProviderDepartmentId = "providerDepartmentId";
    public const string ResourceName = "resourceName";
    public const string CatalogueEntryId = "catalogueEntryId";
    public const string ItemNames = "itemNames";
    public const string RecordIdentifier = "recordIdentifier";
    public const string Kind = "kind";
    public const string Description = "description";
    public const string Evidence = "evidence";
    public const string Answer = "answer";
    public const string Explanation = "explanation";
    public const string ExtensionDays = "extensionDays";
    public const string Reason = "reason";
    public const string TaskId = "taskId";
}

/// <summary>What the requester fills in to raise a check (the evidence file comes separately).</summary>
public sealed record RaiseDataCheckInput(
    int? ProviderDepartmentId,
    string? ResourceName,
    string? RecordIdentifier,
    [property: JsonConverter(typeof(JsonStringEnumConverter<DataCheckKind>))] DataCheckKind? Kind,
    string? Description,
    long? CatalogueEntryId = null,
    IReadOnlyList<string>? ItemNames = null);

/// <summary>A published entry of the provider the requester may pick (issue 9 §5: the check names a catalogue entry).</summary>
public sealed record DataCheckEntryChoice(long Id, string Name, string? ResourceCode, IReadOnlyList<string> ItemNames);

/// <summary>
/// 我部门提起的 (raised by my department), 针对我部门数据的 (about my department's data), or 本区域（督办）: every check
/// about the data of departments the actor's data authority supervises (hubei Art. 13 ¶1), read-only.
/// </summary>
public enum DataCheckScope
{
    Raised = 1,
    AboutMine = 2,
    Region = 3,
}

/// <summary>The columns a list can be sorted by (in SQL).</summary>
public enum DataCheckSort
{
    CreatedAt = 0,
    ResourceName = 1,
    Kind = 2,
    Status = 3,
    RequesterDepartment = 4,
    ProviderDepartment = 5,
    Due = 6,
}

/// <summary>One page of a list: which checks, filtered, sorted and paged in the database.</summary>
public sealed record DataCheckListQuery(
    DataCheckScope Scope,
    DataCheckStatus? Status = null,
    int Skip = 0,
    int Take = DataCheckService.DefaultPageSize,
    DataCheckSort Sort = DataCheckSort.CreatedAt,
    bool Descending = true,
    bool OverdueOnly = false);

/// <summary>The rows of one page and how many rows the whole list has.</summary>
public sealed record DataCheckListPage(IReadOnlyList<DataCheckRow> Items, int Total);

/// <summary>
/// A cheap fingerprint of a check's state: the request's row version and the last history line of its current round.
/// Any answer, close, reopening, return, extension or reminder changes it; an open page polls it to know when to reload.
/// </summary>
public sealed record DataCheckStamp(uint Version, long? LastEventId);

/// <summary>One line of the lists.</summary>
public sealed record DataCheckRow(
    long Id,
    string ResourceName,
    [property: JsonConverter(typeof(JsonStringEnumConverter<DataCheckKind>))] DataCheckKind Kind,
    [property: JsonConverter(typeof(JsonStringEnumConverter<DataCheckStatus>))] DataCheckStatus Status,
    string RequesterDepartment,
    string ProviderDepartment,
    DateTimeOffset CreatedAt,
    DataCheckDeadline? Deadline)
{
    public string KindName => DataCheckTexts.KindName(Kind);
    public string StatusName => DataCheckTexts.StatusName(Status);

    /// <summary>The provider's verification is past its deadline (still 待校核).</summary>
    public bool Overdue => Deadline?.Overdue == true;
}

/// <summary>
/// The deadline of the provider's open check task. <see cref="RemainingWorkingDays"/> as of today (Beijing): positive =
/// left after today, 0 = due today, negative = overdue; null with <see cref="DueDate"/> when no statutory deadline.
/// <see cref="Overdue"/>: the due instant has passed (the same test the lists' 只看逾期 filter runs in SQL).
/// </summary>
public sealed record DataCheckDeadline(DateOnly? DueDate, DateTimeOffset? DueAt, bool Provisional, string RuleText,
    int ExtensionDays, int? RemainingWorkingDays, bool Overdue)
{
    public string DueText => DueDate is { } due ? DeadlineDisplay.Due(due, Provisional) : DeadlineText.NoStatutoryDeadline;
    public string RemainingText => RemainingWorkingDays is { } d ? DeadlineDisplay.Remaining(d) : "";
    public string? Severity => RemainingWorkingDays is { } d ? DeadlineDisplay.Severity(d).ToString().ToLowerInvariant() : null;
}

/// <summary>The provider's open task on this check and what the signed-in person may do with it.</summary>
public sealed record DataCheckTaskView(
    long TaskId,
    uint Version,
    string StepKey,
    string StepName,
    DataCheckDeadline Deadline,
    bool CanAnswer,
    bool CanRequestExtension,
    int ExtensionDaysLeft,
    bool ExtensionPending,
    bool ReturnedForClarification,
    bool CanResubmit,
    ExtensionRule? Extension = null);

public sealed record EvidenceInfo(Guid Id, string FileName, string ContentType, long Length, DateTimeOffset UploadedAt)
{
    public string DownloadUrl => AttachmentEndpoints.DownloadPath(Id);
    public string SizeText => AttachmentRules.SizeText(Length);
}

/// <summary>One run of the flow (the first raise, or the reopening); the requester may reopen once.</summary>
public sealed record DataCheckRound(long InstanceId, int Number, string FlowName, string StatusName, DateTimeOffset StartedAt,
    DateTimeOffset? EndedAt, IReadOnlyList<TimelineEntry> Events);

/// <summary>
/// A check as the actor may see it. <see cref="Supervising"/>: the actor reads it as the reviewer of the data authority
/// that supervises the provider (hubei Art. 13 ¶1) — read-only, nothing to answer, close or reopen.
/// </summary>
public sealed record DataCheckDetail(
    long Id,
    int RequesterDepartmentId,
    string RequesterDepartment,
    string RequesterName,
    int ProviderDepartmentId,
    string ProviderDepartment,
    string ResourceName,
    string? RecordIdentifier,
    [property: JsonConverter(typeof(JsonStringEnumConverter<DataCheckKind>))] DataCheckKind Kind,
    string Description,
    [property: JsonConverter(typeof(JsonStringEnumConverter<DataCheckStatus>))] DataCheckStatus Status,
    [property: JsonConverter(typeof(JsonStringEnumConverter<DataCheckAnswer>))] DataCheckAnswer? Answer,
    string? Explanation,
    DateTimeOffset? AnsweredAt,
    int ReopenCount,
    string? ReopenReason,
    DateTimeOffset CreatedAt,
    DateTimeOffset? ClosedAt,
    long? FlowInstanceId,
    EvidenceInfo? Evidence,
    DataCheckTaskView? OpenTask,
    bool CanClose,
    bool CanReopen,
    bool Supervising,
    IReadOnlyList<DataCheckRound> History,
    string? ResourceCode = null,
    IReadOnlyList<string>? ItemNames = null)
{
    public string KindName => DataCheckTexts.KindName(Kind);
    public string StatusName => DataCheckTexts.StatusName(Status);
    public string? AnswerName => Answer is { } a ? DataCheckTexts.AnswerName(a) : null;
    public string CountingRule => DeadlineText.CountingRule;

    /// <summary>The provider's verification is past its deadline.</summary>
    public bool Overdue => OpenTask is { ReturnedForClarification: false, Deadline.Overdue: true };
}

/// <summary>Body of <c>POST /api/data-checks/{id}/answer</c>.</summary>
public sealed record AnswerDataCheckRequest(
    long? TaskId,
    uint? TaskVersion,
    [property: JsonConverter(typeof(JsonStringEnumConverter<DataCheckAnswer>))] DataCheckAnswer? Answer,
    string? Explanation);

/// <summary>Body of <c>POST /api/data-checks/{id}/extension</c>.</summary>
public sealed record ExtendDataCheckRequest(long? TaskId, uint? TaskVersion, int? ExtensionDays, string? Reason);

/// <summary>Body of <c>POST /api/data-checks/{id}/reopen</c>.</summary>
public sealed record ReopenDataCheckRequest(string? Reason);

public sealed record CreatedDataCheck(long Id);
