using GovDataPortal.Features.Catalogue;
using GovDataPortal.Features.Workflow;
using GovDataPortal.Infrastructure;

namespace GovDataPortal.Features.Sharing.Requests;

/// <summary>What a submission produced: the request, and its grant when it was granted at once.</summary>
public sealed record SubmittedShareRequest(long Id, ShareRequestStatus Status, long? GrantId, GrantBasis? Basis);

/// <summary>The open step's deadline with the article it comes from (every deadline shown names its article).</summary>
public sealed record ShareRequestDeadline(string StepName, DateOnly? DueDate, bool Provisional, string RuleText, bool Overdue)
{
    public string DueText => DueDate is { } due ? $"{due:yyyy年M月d日}" + (Provisional ? "（暂定）" : "") : "原文未规定期限";
}

/// <summary>One line of 我的申请.</summary>
public sealed record ShareRequestRow(long Id, ShareRequestKind Kind, ShareRequestStatus Status, string ResourceName, string? ResourceCode,
    string ProviderName, DateTimeOffset CreatedAt, DateOnly EndDate, ShareRequestDeadline? Deadline)
{
    public string KindName => SharingTexts.KindName(Kind);
    public string StatusName => SharingTexts.StatusName(Status);
}

/// <summary>The grant a request produced, as the request's page shows it.</summary>
public sealed record ShareRequestGrantView(long Id, GrantBasis Basis, GrantStatus Status, DateOnly StartDate, DateOnly EndDate,
    string? AgreementReference)
{
    public string BasisName => SharingTexts.BasisName(Basis);
    public string StatusName => SharingTexts.GrantStatusName(Status);
}

/// <summary>A request with its entry, its grant, its flow's history and open step, and what the viewer may do.</summary>
public sealed record ShareRequestDetail(
    long Id, ShareRequestKind Kind, ShareRequestStatus Status, string RequesterName, string RequesterUserName, string ProviderName,
    long? CatalogueEntryId, string? ResourceCode, string ResourceName, IReadOnlyList<string> ItemNames, string DutyBasis, string Scenario,
    long? ApplicationScenarioId, ShareMethods Methods, ShareOperations Operations, string Users, DateOnly EndDate, string? DecisionReason,
    DateTimeOffset? DecidedAt, DateTimeOffset CreatedAt, string FlowName, string? FlowCitation, string? FlowNotes,
    ShareRequestDeadline? Deadline, IReadOnlyList<FlowHistoryLine> History, ShareRequestGrantView? Grant, long? MyTaskId, uint? MyTaskVersion,
    bool MayWithdraw)
{
    public string KindName => SharingTexts.KindName(Kind);
    public string StatusName => SharingTexts.StatusName(Status);
}

/// <summary>The entry a new request is made for (the form offers only what it allows).</summary>
public sealed record ShareRequestEntryView(SharableEntry Entry, string ProviderName, ShareRequestKind Kind, string? Refusal)
{
    public string ShareTypeName => Entry.ShareType switch
    {
        ShareType.Unconditional => "无条件共享",
        ShareType.Conditional => "有条件共享",
        _ => "不予共享",
    };
}

/// <summary>The API's decision body: approve, or reject with a reason.</summary>
public sealed record ShareRequestDecisionInput(string? Action, string? Reason);

/// <summary>The Chinese names of sharing modes and operations (the catalogue's flags).</summary>
public static class ShareRequestNames
{
    public static IEnumerable<ShareMethods> MethodsOf(ShareMethods m) => Enum.GetValues<ShareMethods>().Where(x => x != ShareMethods.None && m.HasFlag(x));

    public static IEnumerable<ShareOperations> OperationsOf(ShareOperations o) =>
        Enum.GetValues<ShareOperations>().Where(x => x != ShareOperations.None && o.HasFlag(x));

    public static string Method(ShareMethods m) => CatalogueTexts.Name(m);

    public static string Operation(ShareOperations o) => CatalogueTexts.Name(o);

    public static string Methods(ShareMethods m) => string.Join("、", MethodsOf(m).Select(Method));

    public static string Operations(ShareOperations o) => string.Join("、", OperationsOf(o).Select(Operation));

    public const string NotFoundMessage = "共享申请不存在。";
    public const string NotVisibleMessage = "只有申请部门、提供部门和办理该申请的数据主管部门可以查看该共享申请。";
    public static string Link(long id) => $"sharing/requests/{id}";

    public static DateOnly Today(TimeProvider clock) => ChinaTime.Today(clock);
}
