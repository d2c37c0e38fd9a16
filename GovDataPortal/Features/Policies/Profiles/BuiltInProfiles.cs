using GovDataPortal.Features.Identity;

namespace GovDataPortal.Features.Policies;

/// <summary>
/// The five regulations as data (changsha, shuangpai, hubei, longyan, foshan). Every number sits next to the article it comes from; where a seed
/// gives no number, <c>Days</c> is null (no enforced deadline) and where the portal reads "立即" as a number, the step
/// carries a <see cref="StepRule.Reading"/> that says so. One file per jurisdiction.
/// </summary>
public static partial class BuiltInProfiles
{
    /// <summary>The portal's reading of "立即" (longyan Art. 14 gives no number); never the seed's words.</summary>
    public const string ImmediatelyReading = "“立即”按1个工作日执行（本系统的解释，非原文）";

    /// <summary>
    /// Each built-in's <see cref="PolicyProfile.Version"/> names its exact content ("builtin:hubei:" + 12 hex digits of
    /// its canonical JSON's SHA-256), so an upgrade that changes a built-in yields a new version while flows started
    /// under the old one keep resolving it (it is stored at start-up, <see cref="PolicyProfileStore"/>).
    /// </summary>
    public static IReadOnlyList<PolicyProfile> All { get; } =
        [.. new[] { Changsha(), Shuangpai(), Hubei(), Longyan(), Foshan() }.Select(p => p with { Version = PolicyProfileJson.VersionOf(p, builtIn: true) })];

    /// <summary>What a catalogue update's days count from (changsha Art. 16, shuangpai Art. 19, foshan Art. 17).</summary>
    public const string LawChangeDate = "法律、法规修订或者行政管理职能发生变化之日";

    public static PolicyProfile Get(Jurisdiction jurisdiction) => All.Single(p => p.Jurisdiction == jurisdiction);

    /// <summary>A department's answer to a request: the provider's 部门审核人 approves or refuses (refusal needs reasons).</summary>
    private static StepRule ProviderReply(string key, string name, int? days, Citation citation,
        TimeoutAction onTimeout = TimeoutAction.RemindOnly, StepActions actions = StepActions.Approve | StepActions.Reject,
        string? reading = null) =>
        new(key, name, StepActor.ProviderDepartment, PortalRoles.DepartmentApprover, actions, days, onTimeout, citation, reading);

    /// <summary>Data check (疑义、错误数据校核): "approve" is the provider's answer; an unclear doubt goes back.</summary>
    private static StepRule ProviderCheck(int? days, Citation citation, TimeoutAction onTimeout = TimeoutAction.RemindOnly,
        bool extendable = false, string? reading = null) =>
        ProviderReply("check", "提供部门校核并反馈结果", days, citation, onTimeout,
            StepActions.Approve | StepActions.Return | (extendable ? StepActions.RequestExtension : StepActions.None), reading);

    /// <summary>
    /// The portal's reading where every seed is silent: a department may find that a change of law or duties leaves an
    /// entry as it is; it says so with reasons, and the data authority accepts or refuses the statement.
    /// </summary>
    public const string NoChangeReading =
        "政务部门认为目录无需变更的，须说明理由并经数据主管部门认可；不认可的，更新义务继续有效，期限仍自变化发生之日起算（本系统的解释，原文未作规定）";

    /// <summary>
    /// The catalogue update after a law change or a change of duties (changsha Art. 16, shuangpai Art. 19, foshan Art. 17;
    /// hubei Art. 11 and longyan Art. 8 without a day count). The compiling department's 数据专管员 has the task; it ends
    /// when the portal sees the updated version published (branch "updated", chosen by the portal at publication) or
    /// when the department states 无需变更 (branch "no-change") and the data authority accepts it. A refused statement
    /// ends the flow rejected and the obligation starts a fresh flow with the same anchor (routes may not cycle).
    /// <paramref name="filing"/> is the 备案 step where the regulation has one; both ways end there.
    /// </summary>
    private static IReadOnlyList<StepRule> CatalogueUpdate(int? days, Citation citation, StepRule? filing = null)
    {
        var done = filing?.Key ?? FlowRoute.Approved;
        var update = new StepRule("update", "更新政务数据资源目录", StepActor.ProviderDepartment, PortalRoles.DataSpecialist,
            StepActions.Choose, days, TimeoutAction.RemindOnly, citation)
        {
            Anchor = days is null ? DeadlineAnchor.TaskReceived : DeadlineAnchor.GivenDate,
            Branches = [new("updated", "已发布更新版本", done), new("no-change", "说明无需变更", "no-change-review")],
        };
        var review = AuthorityStep("no-change-review", "数据主管部门审核无需变更的说明", null, citation,
            StepActions.Approve | StepActions.Reject, NoChangeReading) with { OnApprove = done, OnReject = FlowRoute.Rejected };
        return filing is null ? [update, review] : [update, review, filing];
    }

    /// <summary>
    /// After a refusal the requesting department either asks the data authority to coordinate (→ "coordination") or
    /// accepts the refusal (hubei Art. 20 ¶4, shuangpai Art. 24 ¶2, foshan Art. 26 ¶3: "可以提请…协调").
    /// </summary>
    private static StepRule CoordinationRequest(Citation citation) =>
        new("coordination-request", "申请部门决定是否申请协调", StepActor.RequesterDepartment, PortalRoles.DataSpecialist,
            StepActions.Choose, null, TimeoutAction.RemindOnly, citation)
        {
            Branches = [new("ask", "申请协调", "coordination"), new("accept", "接受不予共享结果", FlowRoute.Rejected)],
        };

    /// <summary>The data authority coordinates; its approval grants the share, its refusal ends the flow rejected.</summary>
    private static StepRule Coordination(string name, Citation citation) =>
        AuthorityStep("coordination", name, null, citation, StepActions.Approve | StepActions.Reject);

    /// <summary>
    /// A data-subject objection where the regulation sets no procedure for one (changsha, longyan, foshan): it goes to the
    /// providing department, which verifies, decides and tells the objector — no enforced deadline, and the citation is
    /// the closest article, with <paramref name="reading"/> saying that the text sets no procedure.
    /// </summary>
    private static FlowRule ProviderObjection(Citation citation, string reading, string notes) =>
        new(FlowKeys.DataSubjectObjection, FlowNames.DataSubjectObjection,
            [
                ProviderReply("verify-and-notify", "提供部门核实处理并告知异议提出人", null, citation, actions: StepActions.Approve,
                    reading: reading) with
                {
                    NotifiesRequester = true,
                },
            ],
            citation,
            Notes: notes)
        {
            ExternalRequester = true,
        };

    /// <summary>Something the data authority's 主管部门审核人 does (a decision, a filing, telling a citizen).</summary>
    private static StepRule AuthorityStep(string key, string name, int? days, Citation citation,
        StepActions actions = StepActions.Approve, string? reading = null) =>
        new(key, name, StepActor.DataAuthority, PortalRoles.AuthorityReviewer, actions, days, TimeoutAction.RemindOnly,
            citation, reading);
}
