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
    /// <summary>目录审核发布: 部门审核 → 主管部门审核 → 发布 (shuangpai Art. 17, foshan Art. 17)</summary>
    public const string CatalogueReview = "catalogue-review";
    /// <summary>目录撤销: the data authority approves taking a published entry out of the catalogue</summary>
    public const string CatalogueWithdrawal = "catalogue-withdrawal";
    /// <summary>不予共享数据协商 (shuangpai Art. 24 ¶1 item 3, foshan Art. 26 ¶3)</summary>
    public const string ShareNegotiation = "share-negotiation";
}

/// <summary>Who acts on a step, relative to the subject of the flow.</summary>
public enum StepActor
{
    /// <summary>A role in the department that provides the data (the subject's provider).</summary>
    ProviderDepartment = 1,
    /// <summary>A role in the department that asked (the requester). Not for flows whose requester has no account.</summary>
    RequesterDepartment = 2,
    /// <summary>A role in the data authority (数据主管部门) of the provider's region (Organisation's DataAuthorities).</summary>
    DataAuthority = 3,
    /// <summary>One named user, chosen when the instance starts.</summary>
    NamedUser = 4,
    /// <summary>
    /// A role in the data authority one level above the provider's authority — shuangpai Art. 24(2): the county centre
    /// gives an opinion, "报市政务数据行政主管部门确定".
    /// </summary>
    HigherDataAuthority = 5,
}

/// <summary>What the portal does when a step's deadline passes.</summary>
public enum TimeoutAction
{
    /// <summary>Remind the assignees (and keep reminding daily while overdue).</summary>
    RemindOnly = 1,
    /// <summary>Remind, and hand a copy of the task to the data authority.</summary>
    EscalateToAuthority = 2,
    /// <summary>The step is deemed approved (视为同意) — hubei Art. 20; the subject learns it as deemed, with the rule.</summary>
    DeemedApproval = 3,
}

/// <summary>What a step's deadline counts from (every count in working days, by the portal's counting rule).</summary>
public enum DeadlineAnchor
{
    /// <summary>From the day the step's task reaches its assignee (the default).</summary>
    TaskReceived = 1,
    /// <summary>From the flow's start: the receipt of the application (shuangpai Art. 40 "自收到之日起").</summary>
    FlowStarted = 2,
    /// <summary>
    /// From a date given when the flow starts (<see cref="FlowRule.GivenDateName"/>, e.g. the date a law changed —
    /// changsha Art. 16, shuangpai Art. 19, foshan Art. 17).
    /// </summary>
    GivenDate = 3,
}

/// <summary>How a step with several actors (<see cref="StepRule.Also"/>) decides.</summary>
public enum Consensus
{
    /// <summary>One actor: its decision is the step's.</summary>
    Single = 0,
    /// <summary>会签: every actor decides; all approve = approved; any refusal = the step's reject route, once all have decided.</summary>
    All = 1,
    /// <summary>或签: the first decision of any actor is the step's; the others' tasks are cancelled.</summary>
    Any = 2,
}

[Flags]
public enum StepActions
{
    None = 0,
    Approve = 1,
    /// <summary>Refuse; a reason is mandatory.</summary>
    Reject = 2,
    /// <summary>Send back to the submitter for revision; resubmission reopens the step.</summary>
    Return = 4,
    /// <summary>Ask for more time (only where the profile has an extension rule).</summary>
    RequestExtension = 8,
    /// <summary>Hand the same step to another department (it gets a fresh deadline).</summary>
    Forward = 16,
    /// <summary>Pick one of the step's <see cref="StepRule.Branches"/> (e.g. 本中心更正范围 / 转交政务部门).</summary>
    Choose = 32,
}

/// <summary>A further actor of a step with several (<see cref="Consensus"/>).</summary>
public sealed record StepParticipant(StepActor Actor, string Role);

/// <summary>One named choice of a <see cref="StepActions.Choose"/> step, leading to <see cref="Target"/> (a step key or a <see cref="FlowRoute"/> end).</summary>
public sealed record StepBranch(string Key, string Name, string Target);

/// <summary>Where a route may end instead of at a step.</summary>
public static class FlowRoute
{
    /// <summary>The flow ends approved.</summary>
    public const string Approved = "@approved";
    /// <summary>The flow ends rejected (the refusal's reasons go to the subject).</summary>
    public const string Rejected = "@rejected";

    public static bool IsEnd(string target) => target is Approved or Rejected;
}

/// <summary>
/// One step of a flow. <see cref="Days"/> is in working days (null: no enforced deadline — reminders may still run),
/// counted from <see cref="Anchor"/>. <see cref="Reading"/> says where the number is the portal's reading rather than the
/// seed's words (e.g. "立即" read as 1 working day); it must never be shown as the regulation's own text.
/// <para>Routing: approval leads to <see cref="OnApprove"/> (default: the next step in the list, or the approved end
/// after the last); refusal to <see cref="OnReject"/> (default: the rejected end); a return always goes to the
/// submitter's revision and back to this step; a choice to its branch's target.</para>
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
    string? Reading = null)
{
    public DeadlineAnchor Anchor { get; init; } = DeadlineAnchor.TaskReceived;
    public string? OnApprove { get; init; }
    public string? OnReject { get; init; }
    public IReadOnlyList<StepBranch> Branches { get; init; } = [];

    /// <summary>Actors deciding besides <see cref="Actor"/>/<see cref="Role"/>, each with a task of its own.</summary>
    public IReadOnlyList<StepParticipant> Also { get; init; } = [];
    public Consensus Consensus { get; init; } = Consensus.Single;

    /// <summary>
    /// The step tells the flow's requester the result (e.g. shuangpai Art. 40 告知异议提出人): approving it records
    /// 已告知 with the method and the time, so what a citizen was told stays on record.
    /// </summary>
    public bool NotifiesRequester { get; init; }

    /// <summary>Every actor of the step: the main one first.</summary>
    public IEnumerable<StepParticipant> Participants => Also.Prepend(new StepParticipant(Actor, Role));
}

/// <summary>
/// How a step's deadline may be extended (shuangpai Art. 27: the provider head consents, the requester is told, and
/// "延长期限最长不得超过15个工作日" — read as: all extensions together at most <see cref="MaxTotalDays"/> on top of the rule's days).
/// </summary>
public sealed record ExtensionRule(int MaxTotalDays, string ConsentRole, bool NotifyRequester, Citation Citation);

/// <summary>
/// A request that matches an approved application scenario is granted without the provider's decision (foshan Art. 28
/// ¶2): the flow's feature checks the match and then starts no flow, recording this rule as the basis.
/// </summary>
public sealed record DirectGrantRule(string Condition, Citation Citation);

/// <summary>
/// After a refusal the requester may ask the data authority to coordinate (hubei Art. 20 ¶4, shuangpai Art. 24 ¶2,
/// foshan Art. 26 ¶3): <see cref="StepKey"/> is the flow's coordination step, reached from a refusal.
/// </summary>
public sealed record CoordinationRule(string StepKey, Citation Citation);

/// <summary>
/// An approved share is followed by a usage agreement (使用协议) that <see cref="Signatory"/> signs with the user
/// (shuangpai Art. 24 ¶1 item 2, longyan Art. 12 ¶1): the grant shows it is missing until its reference is recorded.
/// </summary>
public sealed record UsageAgreementRule(string Signatory, Citation Citation);

/// <summary>What the flow's subject does the moment a flow starts (hubei Art. 28: opening is suspended at once on receipt).</summary>
public enum ReceiptEffectKind
{
    SuspendOpening = 1,
}

public sealed record ReceiptEffect(ReceiptEffectKind Kind, Citation Citation);

/// <summary>A flow as a jurisdiction's regulation defines it.</summary>
public sealed record FlowRule(
    string Key,
    string Name,
    IReadOnlyList<StepRule> Steps,
    Citation Citation,
    ExtensionRule? Extension = null,
    string? Notes = null)
{
    /// <summary>The flow may be started for a party without a portal account (a citizen or an organisation).</summary>
    public bool ExternalRequester { get; init; }

    /// <summary>
    /// The flow starts by recording a duty (a law change obliging catalogue updates), not by asking for something:
    /// whoever recorded it is no party, so the self-approval refusal does not stop them acting on its steps.
    /// </summary>
    public bool RecorderIsNoParty { get; init; }

    /// <summary>What the date given at the start means, for <see cref="DeadlineAnchor.GivenDate"/> steps (e.g. 法律法规修订或职能变化之日).</summary>
    public string? GivenDateName { get; init; }

    public DirectGrantRule? DirectGrant { get; init; }
    public CoordinationRule? Coordination { get; init; }
    public ReceiptEffect? OnReceipt { get; init; }
    public UsageAgreementRule? UsageAgreement { get; init; }

    public StepRule FirstStep => Steps[0];
    public StepRule? Step(string key) => Steps.FirstOrDefault(s => s.Key == key);

    /// <summary>Where approving <paramref name="step"/> leads: a step key or a <see cref="FlowRoute"/> end.</summary>
    public string ApproveTarget(StepRule step)
    {
        if (step.OnApprove is { } target) return target;
        var i = IndexOf(step);
        return i >= 0 && i + 1 < Steps.Count ? Steps[i + 1].Key : FlowRoute.Approved;
    }

    /// <summary>Where refusing <paramref name="step"/> leads: a step key or a <see cref="FlowRoute"/> end.</summary>
    public static string RejectTarget(StepRule step) => step.OnReject ?? FlowRoute.Rejected;

    /// <summary>Every route out of <paramref name="step"/> as (label, target), return excluded (it comes back to the step).</summary>
    public IEnumerable<(string Label, string Target)> Routes(StepRule step)
    {
        if (step.Actions.HasFlag(StepActions.Approve)) yield return ("同意", ApproveTarget(step));
        if (step.Actions.HasFlag(StepActions.Reject)) yield return ("不同意", RejectTarget(step));
        foreach (var b in step.Branches) yield return (b.Name, b.Target);
        // A deemed approval follows the approve route even where people may not approve by hand.
        if (step.OnTimeout == TimeoutAction.DeemedApproval && !step.Actions.HasFlag(StepActions.Approve))
            yield return ("逾期视为同意", ApproveTarget(step));
    }

    private int IndexOf(StepRule step) => Steps.ToList().FindIndex(s => s.Key == step.Key);
}

/// <summary>All flow rules of one jurisdiction; the active one comes from <c>Portal:Jurisdiction</c>.</summary>
public sealed record PolicyProfile(Jurisdiction Jurisdiction, IReadOnlyList<FlowRule> Flows)
{
    public string Key => Regulations.Key(Jurisdiction);
    public string Title => Regulations.Title(Jurisdiction);

    /// <summary>
    /// Names this exact set of rules. A flow records the version it started under (FlowInstance.RulesVersion) and keeps
    /// those rules to its end, whatever is activated meanwhile (<see cref="PolicyCatalog.Version"/>).
    /// </summary>
    public string Version { get; init; } = "";

    /// <summary>Title, number, issuer, effective date and term of the regulation (shown on 政策规则; drives the expiry banner).</summary>
    public RegulationInfo Regulation { get; init; } = BuiltInProfiles.RegulationOf(Jurisdiction);

    /// <summary>The articles behind the portal-wide duties (data administrators, log retention, separation of duties).</summary>
    public DutyCitations Duties { get; init; } = BuiltInProfiles.DutiesOf(Jurisdiction);

    public FlowRule? Flow(string key) => Flows.FirstOrDefault(f => f.Key == key);
}
