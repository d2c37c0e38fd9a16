namespace GovDataPortal.Features.Policies;

/// <summary>Stable keys of the flows a profile can define; features start instances by these keys.</summary>
public static class FlowKeys
{
    /// <summary>数据疑义、错误校核</summary>
    public const string DataCheck = "data-check";
    /// <summary>有条件共享申请</summary>
    public const string ConditionalShare = "conditional-share";
    /// <summary>目录外数据需求申请 (hubei Art. 22)</summary>
    public const string UncataloguedDataRequest = "uncatalogued-data-request";
    /// <summary>有条件开放申请 / 开放需求申请</summary>
    public const string ConditionalOpen = "conditional-open";
    /// <summary>法律法规或职责变化后的目录更新</summary>
    public const string CatalogueUpdate = "catalogue-update";
    /// <summary>公民、法人异议</summary>
    public const string DataSubjectObjection = "data-subject-objection";
}

/// <summary>Who acts on a step, relative to the subject of the flow.</summary>
public enum StepActor
{
    /// <summary>A role in the department that provides the data (the subject's provider).</summary>
    ProviderDepartment = 1,
    /// <summary>A role in the department that asked (the requester).</summary>
    RequesterDepartment = 2,
    /// <summary>A role in the data authority (数据主管部门) of the provider's region.</summary>
    DataAuthority = 3,
    /// <summary>One named user, chosen when the instance starts.</summary>
    NamedUser = 4,
}

/// <summary>What the portal does when a step's deadline passes.</summary>
public enum TimeoutAction
{
    /// <summary>Remind the assignees (and keep reminding daily while overdue).</summary>
    RemindOnly = 1,
    /// <summary>Remind, and hand a copy of the task to the data authority.</summary>
    EscalateToAuthority = 2,
    /// <summary>The step is deemed approved (视为同意) — hubei Art. 20.</summary>
    DeemedApproval = 3,
}

[Flags]
public enum StepActions
{
    None = 0,
    Approve = 1,
    /// <summary>Refuse; a reason is mandatory.</summary>
    Reject = 2,
    /// <summary>Send back to the submitter for revision.</summary>
    Return = 4,
    /// <summary>Ask for more time (only where the profile has an extension rule).</summary>
    RequestExtension = 8,
    /// <summary>Hand the task to another department or user.</summary>
    Forward = 16,
}

/// <summary>
/// One step of a flow. <see cref="Days"/> is in working days (null: no enforced deadline — reminders may still run).
/// <see cref="Reading"/> says where the number is the portal's reading rather than the seed's words
/// (e.g. "立即" read as 1 working day); it must never be shown as the regulation's own text.
/// </summary>
public sealed record StepRule(
    string Key,
    string Name,
    StepActor Actor,
    string Role,
    StepActions Actions,
    int? Days,
    TimeoutAction OnTimeout,
    Citation Citation,
    string? Reading = null);

/// <summary>
/// How a step's deadline may be extended (shuangpai Art. 27: the provider head consents, the requester is told, and
/// "延长期限最长不得超过15个工作日" — read as: all extensions together at most <see cref="MaxTotalDays"/> on top of the rule's days).
/// </summary>
public sealed record ExtensionRule(int MaxTotalDays, string ConsentRole, bool NotifyRequester, Citation Citation);

/// <summary>A flow as a jurisdiction's regulation defines it.</summary>
public sealed record FlowRule(
    string Key,
    string Name,
    IReadOnlyList<StepRule> Steps,
    Citation Citation,
    ExtensionRule? Extension = null,
    string? Notes = null)
{
    public StepRule FirstStep => Steps[0];
    public StepRule? Step(string key) => Steps.FirstOrDefault(s => s.Key == key);
    public StepRule? After(string key)
    {
        var i = Steps.ToList().FindIndex(s => s.Key == key);
        return i >= 0 && i + 1 < Steps.Count ? Steps[i + 1] : null;
    }
}

/// <summary>All flow rules of one jurisdiction; the active one comes from <c>Portal:Jurisdiction</c>.</summary>
public sealed record PolicyProfile(Jurisdiction Jurisdiction, IReadOnlyList<FlowRule> Flows)
{
    public string Key => Regulations.Key(Jurisdiction);
    public string Title => Regulations.Title(Jurisdiction);
    public FlowRule? Flow(string key) => Flows.FirstOrDefault(f => f.Key == key);
}
