using System.Text.Json.Serialization;
using GovDataPortal.Features.Catalogue;

namespace GovDataPortal.Features.Sharing.Grants;

/// <summary>Which grants a list shows: those the actor's department uses, provides, or (the data authority) supervises.</summary>
public enum GrantScope
{
    /// <summary>我使用的授权: the actor's department is the requester.</summary>
    Using = 1,
    /// <summary>本部门提供的授权: the actor's department provides the data.</summary>
    Providing = 2,
    /// <summary>The data authority's reviewers: every grant of the departments it supervises.</summary>
    Region = 3,
}

/// <summary>A page of grants; <see cref="Scope"/> null = every grant visible to the actor (the API).</summary>
public sealed record GrantQuery(GrantScope? Scope = null, long? EntryId = null, int? DepartmentId = null, GrantStatus? Status = null,
    int Page = 1, int PageSize = 20)
{
    public const int MaxPageSize = 100;
}

public sealed record GrantRow(
    long Id,
    long? ShareRequestId,
    long CatalogueEntryId,
    string? ResourceCode,
    string ResourceName,
    int RequesterDepartmentId,
    string RequesterName,
    int ProviderDepartmentId,
    string ProviderName,
    [property: JsonConverter(typeof(JsonStringEnumConverter<GrantStatus>))] GrantStatus Status,
    string StatusName,
    string? StatusReason,
    [property: JsonConverter(typeof(JsonStringEnumConverter<GrantBasis>))] GrantBasis Basis,
    IReadOnlyList<string> ItemNames,
    [property: JsonConverter(typeof(JsonStringEnumConverter<ShareOperations>))] ShareOperations Operations,
    [property: JsonConverter(typeof(JsonStringEnumConverter<ShareMethods>))] ShareMethods Methods,
    DateOnly StartDate,
    DateOnly EndDate,
    int UseCount);

public sealed record GrantPage(int Total, int Page, int PageSize, IReadOnlyList<GrantRow> Items);

/// <summary>One grant with what only its page shows, and what the actor may do with it.
/// <see cref="AgreementNeeded"/>: who must sign the usage agreement and the article, while the regulation asks for one and
/// no reference is recorded yet.
/// </summary>
public sealed record GrantDetail(GrantRow Grant, string Purpose, string? AgreementReference, DateTimeOffset CreatedAt,
    DateTimeOffset? StatusChangedAt, DateTimeOffset? ExpiryReminderSentAt, bool CanChangeStatus, bool CanRecordUse,
    string? AgreementNeeded = null, bool CanRecordAgreement = false);

/// <summary>The usage agreement's reference (使用协议编号).</summary>
public sealed record RecordGrantAgreement(string? AgreementReference);

public sealed record GrantUseRow(
    long Id,
    long GrantId,
    DateTimeOffset UsedAt,
    string Purpose,
    string UserName,
    string Approver,
    IReadOnlyList<string> ItemNames,
    [property: JsonConverter(typeof(JsonStringEnumConverter<ShareOperations>))] ShareOperations Operation,
    [property: JsonConverter(typeof(JsonStringEnumConverter<ShareMethods>))] ShareMethods Method,
    string? Medium);

public sealed record GrantUsePage(int Total, IReadOnlyList<GrantUseRow> Items);

/// <summary>
/// One use as the exchange platform reports it (longyan Art. 21: 用途、使用人、审批人、数据项、时间、方式、介质; the
/// time is the portal's clock when it is recorded). One operation per use.
/// </summary>
public sealed record RecordGrantUse(
    string? Purpose,
    string? UserName,
    string? Approver,
    IReadOnlyList<string>? ItemNames,
    [property: JsonConverter(typeof(JsonStringEnumConverter<ShareOperations>))] ShareOperations? Operation,
    [property: JsonConverter(typeof(JsonStringEnumConverter<ShareMethods>))] ShareMethods? Method,
    string? Medium);

public sealed record RecordedGrantUse(long Id, DateTimeOffset UsedAt);

/// <summary>Uses of one China calendar month (<c>yyyy-MM</c>).</summary>
public sealed record MonthlyUseCount(string Month, int Count);

/// <summary>Uses of one grant of the provider within the period.</summary>
public sealed record GrantUseCount(long GrantId, string ResourceName, string RequesterName, int Count);

/// <summary>The provider's usage of its data (longyan Art. 24): per month and per grant over the last months.</summary>
public sealed record ProviderUsage(DateOnly From, DateOnly To, IReadOnlyList<MonthlyUseCount> PerMonth, IReadOnlyList<GrantUseCount> PerGrant)
{
    public int Total => PerMonth.Sum(m => m.Count);
}

/// <summary>Field keys of validation messages (the API's camelCase names).</summary>
public static class GrantFields
{
    public const string Reason = "reason", Purpose = "purpose", UserName = "userName", Approver = "approver", ItemNames = "itemNames",
        Operation = "operation", Method = "method", Medium = "medium", Page = "page", PageSize = "pageSize";
}

/// <summary>Settings of grants (section <c>Grants</c>).</summary>
public sealed class GrantOptions
{
    public const string Section = "Grants";

    /// <summary>How many working days before its end date the requester is reminded that a grant runs out (issue 10 §1: default 10).</summary>
    public int ReminderWorkingDays { get; set; } = 10;
}

/// <summary>What the provider's 部门审核人 does to a grant on the page.</summary>
public enum GrantStatusChange { Suspend = 1, Resume = 2, End = 3 }
