using GovDataPortal.Features.Calendar;
using GovDataPortal.Features.Policies;
using GovDataPortal.Features.Workflow;

namespace GovDataPortal.Features.Inbox;

/// <summary>Field names of a decision, shared by the API's problem details and the page's error messages.</summary>
public static class InboxFields
{
    public const string Version = "version";
    public const string Action = "action";
    public const string Comment = "comment";
    public const string ExtensionDays = "extensionDays";
    public const string ForwardToDepartmentId = "forwardToDepartmentId";
    public const string Branch = "branch";
    public const string Notice = "notice";
}

/// <summary>How 我的待办 is ordered (in SQL); ties by task id.</summary>
public enum InboxSort
{
    /// <summary>By due date, the nearest first; tasks without a statutory deadline last.</summary>
    Due = 0,
    Received = 1,
    Subject = 2,
}

/// <summary>How 已办 is ordered (in SQL); ties by task id.</summary>
public enum DoneSort
{
    /// <summary>By when I decided, the newest first unless ascending is asked for.</summary>
    Completed = 0,
    Subject = 1,
}

/// <summary>Filters and order of 我的待办; by default by due date, the nearest first.</summary>
public sealed record InboxQuery(string? FlowKey = null, bool OverdueOnly = false, int Skip = 0, int Take = InboxQuery.DefaultTake,
    InboxSort Sort = InboxSort.Due, bool Descending = false)
{
    public const int DefaultTake = 20;
    public const int MaxTake = 200;
}

public sealed record InboxPage<T>(int Total, IReadOnlyList<T> Items);

/// <summary>
/// One open task. <see cref="RemainingWorkingDays"/> is counted in memory from the official calendar as of today
/// (Beijing): positive = left after today, 0 = due today, negative = overdue; null = no statutory deadline.
/// </summary>
public sealed record InboxRow(
    long TaskId, uint Version, long InstanceId, string SubjectTitle, string FlowKey, string FlowName, string StepName,
    DateTimeOffset ReceivedAt, DateOnly? DueDate, DateTimeOffset? DueAt, bool Provisional, string RuleText, bool Escalated,
    int? RemainingWorkingDays = null, string? SenderName = null, string? SenderDepartment = null)
{
    /// <summary>Who sent the task (whose action opened it): "刘洋（双牌县市场监督管理局）", "系统" for the portal.</summary>
    public string Sender => SenderDepartment is { Length: > 0 } d ? $"{SenderName ?? "系统"}（{d}）" : SenderName ?? "系统";

    /// <summary>"2026-10-10（星期六）23:59 截止（暂定）", or "无法定期限".</summary>
    public string DueText => DueDate is { } due ? DeadlineDisplay.Due(due, Provisional) : DeadlineText.NoStatutoryDeadline;

    /// <summary>"剩余3个工作日" / "今日到期" / "已逾期2个工作日"; empty without a deadline.</summary>
    public string RemainingText => RemainingWorkingDays is { } d ? DeadlineDisplay.Remaining(d) : "";

    /// <summary>"normal", "warning" or "danger" (null without a deadline).</summary>
    public string? Severity => RemainingWorkingDays is { } d ? DeadlineDisplay.Severity(d).ToString().ToLowerInvariant() : null;
}

/// <summary>A task I decided (已办).</summary>
public sealed record DoneRow(long TaskId, long InstanceId, string SubjectTitle, string FlowName, string StepName,
    string Decision, string DecisionName, DateTimeOffset CompletedAt);

/// <summary>One line of a flow's history, ready to show.</summary>
public sealed record TimelineEntry(long Id, DateTimeOffset OccurredAt, string Action, string ActionName, string? ActorName,
    string? DepartmentName, string? Comment, string? RuleText);

/// <summary>
/// The step is answered on the subject's own page (a data check's result and explanation): the task page links there
/// instead of offering 同意.
/// </summary>
public sealed record AnswerElsewhere(string Href, string Text);

/// <summary>What the signed-in person may do with a task, and which fields that takes.</summary>
public sealed record ActionOption(string Action, string Label, bool CommentRequired, string CommentLabel,
    bool NeedsDays = false, int? MaxDays = null, bool NeedsDepartment = false, int CommentMaxLength = WorkflowEngine.CommentMaxLength,
    string? Branch = null, bool NeedsNotice = false);

public sealed record DepartmentOption(int Id, string Name);

/// <summary>A flow instance as requesters and assignees read it: who, what, where it stands, and every event.</summary>
public sealed record FlowHistory(
    long InstanceId, string FlowName, string SubjectType, string SubjectId, string SubjectTitle, string? SubjectLink,
    string StatusName, string? CurrentStepName, string RequesterDepartment, string ProviderDepartment,
    DateTimeOffset StartedAt, DateTimeOffset? EndedAt, IReadOnlyList<TimelineEntry> Events)
{
    public string HistoryLink => $"inbox/history/{InstanceId}";
}

/// <summary>A task with its flow's history and what I may do now (empty unless it is open and mine to decide).</summary>
public sealed record TaskDetail(
    InboxRow Task, string StepKey, string StatusName, bool IsOpen, string? DecisionName, DateTimeOffset? CompletedAt,
    int? RequestedDays, FlowHistory History, IReadOnlyList<ActionOption> Actions, IReadOnlyList<DepartmentOption> ForwardDepartments,
    AnswerElsewhere? AnswerElsewhere = null)
{
    /// <summary>Whether the signed-in person has anything to do here (a decision, or an answer on the subject's page).</summary>
    public bool CanAct => Actions.Count > 0 || AnswerElsewhere is not null;

    /// <summary>How working days are counted (the portal's counting rule), shown next to the deadline.</summary>
    public string CountingRule => DeadlineText.CountingRule;
}

/// <summary>A decision as the page and <c>POST /api/inbox/{taskId}/decision</c> send it.</summary>
public sealed record DecisionRequest(uint? Version, string? Action, string? Comment, int? ExtensionDays, int? ForwardToDepartmentId,
    string? Branch = null, NoticeMethod? NoticeMethod = null, DateTimeOffset? NotifiedAt = null, string? NoticeContent = null);
