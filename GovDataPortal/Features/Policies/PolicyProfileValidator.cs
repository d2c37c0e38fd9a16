using System.Text.RegularExpressions;
using GovDataPortal.Features.Identity;
using Microsoft.Extensions.Options;

namespace GovDataPortal.Features.Policies;

/// <summary>
/// Refuses a profile the workflow engine could not run faithfully. Runs at start-up, so a broken profile stops the app
/// with a Chinese message naming the jurisdiction, flow and step.
/// </summary>
public sealed partial class PolicyProfileValidator : IValidateOptions<PolicyProfileSet>
{
    public const int MaxDays = 366;

    // The workflow tables store keys and names in columns of these widths (Features/Workflow/FlowEntities.cs).
    public const int MaxKeyLength = 64, MaxNameLength = 100;

    public ValidateOptionsResult Validate(string? name, PolicyProfileSet options)
    {
        var errors = Check(options.Profiles);
        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors.Select(e => "政策规则配置有误：" + e));
    }

    /// <summary>Every jurisdiction exactly once, each profile valid.</summary>
    public static IReadOnlyList<string> Check(IReadOnlyCollection<PolicyProfile> profiles)
    {
        var errors = new List<string>();
        foreach (var j in Enum.GetValues<Jurisdiction>())
        {
            var count = profiles.Count(p => p.Jurisdiction == j);
            if (count != 1) errors.Add($"{Regulations.Place(j)}应有且只有一套政策规则，实有{count}套。");
        }
        foreach (var profile in profiles) errors.AddRange(Check(profile));
        return errors;
    }

    public static IReadOnlyList<string> Check(PolicyProfile profile)
    {
        var errors = new List<string>();
        var place = Regulations.Place(profile.Jurisdiction);
        if (profile.Flows.Count == 0) errors.Add($"{place}：未定义任何流程。");
        foreach (var key in Duplicates(profile.Flows.Select(f => f.Key)))
            errors.Add($"{place}：流程键“{key}”重复。");
        foreach (var flow in profile.Flows)
            errors.AddRange(CheckFlow(profile, flow).Select(e => $"{place}流程“{flow.Key}”：{e}"));
        return errors;
    }

    private static IEnumerable<string> CheckFlow(PolicyProfile profile, FlowRule flow)
    {
        foreach (var e in CheckKeyAndName("流程", flow.Key, flow.Name)) yield return e;
        foreach (var e in CheckCitation(profile, flow.Citation)) yield return e;
        if (flow.Steps.Count == 0) yield return "未定义任何步骤。";
        var duplicates = Duplicates(flow.Steps.Select(s => s.Key)).ToList();
        foreach (var key in duplicates) yield return $"步骤键“{key}”重复。";
        if (flow.Extension is { } extension)
            foreach (var e in CheckExtension(profile, flow, extension)) yield return "延期规则：" + e;
        foreach (var step in flow.Steps)
            foreach (var e in CheckStep(profile, flow, step)) yield return $"步骤“{step.Key}”：{e}";
        foreach (var e in CheckFlowRules(profile, flow)) yield return e;
        // Routes between doubled or missing keys are ambiguous: those are reported, the graph is not walked.
        if (flow.Steps.Count > 0 && duplicates.Count == 0 && flow.Steps.All(s => s.Key is not null))
            foreach (var e in CheckGraph(flow)) yield return e;
    }

    private static IEnumerable<string> CheckStep(PolicyProfile profile, FlowRule flow, StepRule step)
    {
        foreach (var e in CheckKeyAndName("步骤", step.Key, step.Name)) yield return e;
        // The engine's own tasks (a revision, an extension consent) use these keys.
        if (step.Key is "resubmit" or "extension-consent") yield return $"步骤键“{step.Key}”为系统保留，请换一个。";
        if (step.Days is < 1 or > MaxDays) yield return $"期限应为1至{MaxDays}个工作日，或留空表示无法定期限。";
        if (!Enum.IsDefined(step.OnTimeout)) yield return "逾期处理方式无效。";
        if (step.Actions == StepActions.None) yield return "至少应允许一种办理操作。";
        foreach (var e in CheckActors(flow, step)) yield return e;
        foreach (var e in CheckTimeout(step)) yield return e;
        foreach (var e in CheckAnchor(flow, step)) yield return e;
        foreach (var e in CheckBranches(step)) yield return e;
        foreach (var e in CheckTargets(flow, step)) yield return e;
        if (step.Actions.HasFlag(StepActions.RequestExtension) && flow.Extension is null)
            yield return "流程没有延期规则，步骤不能申请延期。";
        // Approving is what records 已告知 (method and time); a step that cannot approve could never tell anyone.
        if (step.NotifiesRequester && !step.Actions.HasFlag(StepActions.Approve))
            yield return "告知申请人的步骤须允许同意（同意即记录已告知）。";
        // The portal's readings (e.g. "立即" as 1 day) must never pass for the regulation's own words.
        if (step.Reading is not null && !step.Reading.Contains("本系统"))
            yield return "期限解释须注明为“本系统”的解释，不能作为原文表述。";
        foreach (var e in CheckCitation(profile, step.Citation)) yield return e;
    }

    /// <summary>The main actor and every further one (会签/或签): each a business role where it can exist, none twice.</summary>
    private static IEnumerable<string> CheckActors(FlowRule flow, StepRule step)
    {
        if (!Enum.IsDefined(step.Actor)) yield return "办理人类型无效。";
        foreach (var e in CheckRole(step.Actor, step.Role)) yield return e;
        if (!Enum.IsDefined(step.Consensus)) yield return "会签、或签方式无效。";
        else if (step.Also.Count > 0 && step.Consensus == Consensus.Single)
            yield return "有多个办理人的步骤须指明会签或者或签。";
        else if (step.Also.Count == 0 && step.Consensus != Consensus.Single)
            yield return "会签、或签的步骤须有其他办理人。";
        foreach (var p in step.Also)
        {
            var who = $"其他办理人“{PolicyTexts.Participant(p)}”：";
            if (!Enum.IsDefined(p.Actor)) yield return who + "办理人类型无效。";
            // Several actors each get a task by role; a named user is chosen per instance and cannot share a step.
            if (p.Actor == StepActor.NamedUser) yield return who + "会签、或签的办理人不能是指定人员。";
            else foreach (var e in CheckRole(p.Actor, p.Role)) yield return who + e;
        }
        foreach (var p in step.Participants.GroupBy(p => p).Where(g => g.Count() > 1).Select(g => g.Key))
            yield return $"办理人“{PolicyTexts.Participant(p)}”重复。";
        // A citizen or an organisation without an account has no department to hand a task to.
        if (flow.ExternalRequester && step.Participants.Any(p => p.Actor == StepActor.RequesterDepartment))
            yield return "流程的申请人可以是没有账号的公民、法人，步骤不能由申请部门办理。";
    }

    private static IEnumerable<string> CheckRole(StepActor actor, string role)
    {
        if (actor == StepActor.NamedUser)
        {
            if (!string.IsNullOrEmpty(role)) yield return "指定人员办理的步骤不能再要求角色。";
            yield break;
        }
        if (!PortalRoles.Business.Contains(role)) yield return $"角色“{role}”不是业务角色。";
        // 主管部门审核人 only exists in a data authority (SeparationOfDuties).
        if (role == PortalRoles.AuthorityReviewer && !IsAuthority(actor))
            yield return "主管部门审核人只能办理数据主管部门或上级数据主管部门的步骤。";
    }

    private static IEnumerable<string> CheckTimeout(StepRule step)
    {
        if (step.OnTimeout == TimeoutAction.DeemedApproval)
        {
            if (step.Days is null) yield return "“逾期视为同意”须有期限。";
            if (!step.Actions.HasFlag(StepActions.Approve)) yield return "“逾期视为同意”的步骤须允许同意。";
            // 会签 needs every actor's own decision; silence of one cannot stand for the others' consent.
            if (step.Consensus == Consensus.All) yield return "会签步骤不能“逾期视为同意”。";
        }
        if (step.OnTimeout == TimeoutAction.EscalateToAuthority && IsAuthority(step.Actor))
            yield return "数据主管部门自己办理的步骤，逾期不能再上报主管部门。";
    }

    private static IEnumerable<string> CheckAnchor(FlowRule flow, StepRule step)
    {
        if (!Enum.IsDefined(step.Anchor))
        {
            yield return "期限起算方式无效。";
            yield break;
        }
        if (step.Anchor != DeadlineAnchor.TaskReceived && step.Days is null)
            yield return "无法定期限的步骤不能指定期限起算日。";
        if (step.Anchor == DeadlineAnchor.GivenDate && string.IsNullOrWhiteSpace(flow.GivenDateName))
            yield return "期限自给定日期起算的，流程须写明该日期的含义（如法律、法规修订之日）。";
    }

    private static IEnumerable<string> CheckBranches(StepRule step)
    {
        var chooses = step.Actions.HasFlag(StepActions.Choose);
        if (chooses && step.Branches.Count == 0) yield return "允许“选择”的步骤须定义可选的分支。";
        if (!chooses && step.Branches.Count > 0) yield return "定义了分支的步骤须允许“选择”。";
        foreach (var b in step.Branches)
            foreach (var e in CheckKeyAndName("分支", b.Key, b.Name)) yield return $"分支“{b.Key}”：{e}";
        foreach (var key in Duplicates(step.Branches.Select(b => b.Key))) yield return $"分支键“{key}”重复。";
    }

    /// <summary>Every named target is a step of the flow or an end; dangling targets would strand a running flow.</summary>
    private static IEnumerable<string> CheckTargets(FlowRule flow, StepRule step)
    {
        var targets = new List<(string What, string? Target)> { ("同意后的去向", step.OnApprove), ("不同意后的去向", step.OnReject) };
        targets.AddRange(step.Branches.Select(b => ($"分支“{b.Key}”的去向", (string?)b.Target)));
        foreach (var (what, target) in targets)
            if (target is not null && !IsTarget(flow, target))
                yield return $"{what}“{target}”既不是本流程的步骤，也不是流程终点（{FlowRoute.Approved}、{FlowRoute.Rejected}）。";
        // Without any route out the flow could never end (return and forward come back to the same step); a choice
        // without branches is reported by CheckBranches.
        if (step.Actions is not StepActions.None && !step.Actions.HasFlag(StepActions.Choose) && !flow.Routes(step).Any())
            yield return "步骤没有通向其他步骤或流程终点的办理操作（同意、不同意或选择），流程无法结束。";
    }

    private static IEnumerable<string> CheckFlowRules(PolicyProfile profile, FlowRule flow)
    {
        if (flow.GivenDateName is not null && !flow.Steps.Any(s => s.Anchor == DeadlineAnchor.GivenDate))
            yield return "写明了给定日期，但没有步骤的期限自该日期起算。";
        if (flow.DirectGrant is { } grant)
        {
            if (string.IsNullOrWhiteSpace(grant.Condition)) yield return "直接授权规则：缺少直接授权的条件。";
            foreach (var e in CheckCitation(profile, grant.Citation)) yield return "直接授权规则：" + e;
        }
        if (flow.UsageAgreement is { } agreement)
        {
            if (string.IsNullOrWhiteSpace(agreement.Signatory)) yield return "使用协议规则：缺少签署协议的单位。";
            foreach (var e in CheckCitation(profile, agreement.Citation)) yield return "使用协议规则：" + e;
        }
        if (flow.OnReceipt is { } receipt)
        {
            if (!Enum.IsDefined(receipt.Kind)) yield return "收到即执行的措施无效。";
            foreach (var e in CheckCitation(profile, receipt.Citation)) yield return "收到即执行的措施：" + e;
        }
        if (flow.Coordination is { } coordination)
            foreach (var e in CheckCoordination(profile, flow, coordination)) yield return "协调规则：" + e;
    }

    private static IEnumerable<string> CheckCoordination(PolicyProfile profile, FlowRule flow, CoordinationRule coordination)
    {
        foreach (var e in CheckCitation(profile, coordination.Citation)) yield return e;
        if (flow.Step(coordination.StepKey) is not { } step)
        {
            yield return $"协调步骤“{coordination.StepKey}”不是本流程的步骤。";
            yield break;
        }
        // Coordination follows a refusal (hubei Art. 20 ¶4, shuangpai Art. 24 ¶2, foshan Art. 26 ¶3): by a reject route
        // or by the requester's choice after one.
        var reached = flow.Steps.Any(s =>
            (s.Actions.HasFlag(StepActions.Reject) && FlowRule.RejectTarget(s) == step.Key) || s.Branches.Any(b => b.Target == step.Key));
        if (!reached) yield return $"协调步骤“{step.Key}”须经某一步骤的“不同意”或分支到达。";
        if (!IsAuthority(step.Actor)) yield return $"协调步骤“{step.Key}”须由数据主管部门或上级数据主管部门办理。";
    }

    /// <summary>Every step reachable from the first along the routes; no route cycle (return/resubmit are not routes).</summary>
    private static IEnumerable<string> CheckGraph(FlowRule flow)
    {
        var next = flow.Steps.ToDictionary(s => s.Key,
            s => flow.Routes(s).Select(r => r.Target).Where(t => flow.Step(t) is not null).Distinct().ToList());

        var reached = new HashSet<string> { flow.FirstStep.Key };
        var queue = new Queue<string>(reached);
        while (queue.TryDequeue(out var key))
            foreach (var target in next[key].Where(reached.Add)) queue.Enqueue(target);
        foreach (var step in flow.Steps.Where(s => !reached.Contains(s.Key)))
            yield return $"步骤“{step.Key}”：从第一步出发无法到达。";

        foreach (var cycle in Cycles(flow.Steps.Select(s => s.Key), next))
            yield return $"步骤路线成环：{string.Join(" → ", cycle)}（除退回、重新提交外，流程不能回到已办理的步骤）。";
    }

    /// <summary>One cycle per back edge of a depth-first walk, as the keys along it with the first repeated at the end.</summary>
    private static List<List<string>> Cycles(IEnumerable<string> keys, Dictionary<string, List<string>> next)
    {
        var cycles = new List<List<string>>();
        var done = new HashSet<string>();
        var path = new List<string>();
        void Visit(string key)
        {
            path.Add(key);
            foreach (var target in next[key])
            {
                var at = path.IndexOf(target);
                if (at >= 0) cycles.Add([.. path.Skip(at), target]);
                else if (!done.Contains(target)) Visit(target);
            }
            path.RemoveAt(path.Count - 1);
            done.Add(key);
        }
        foreach (var key in keys.Where(k => !done.Contains(k))) Visit(key);
        return cycles;
    }

    private static bool IsTarget(FlowRule flow, string target) => FlowRoute.IsEnd(target) || flow.Step(target) is not null;

    private static bool IsAuthority(StepActor actor) => actor is StepActor.DataAuthority or StepActor.HigherDataAuthority;

    private static IEnumerable<string> CheckExtension(PolicyProfile profile, FlowRule flow, ExtensionRule extension)
    {
        if (extension.MaxTotalDays is < 1 or > MaxDays) yield return $"最长延期应为1至{MaxDays}个工作日。";
        if (!PortalRoles.Business.Contains(extension.ConsentRole)) yield return $"同意角色“{extension.ConsentRole}”不是业务角色。";
        var extendable = flow.Steps.Where(s => s.Actions.HasFlag(StepActions.RequestExtension)).ToList();
        if (extendable.Count == 0) yield return "没有任何步骤允许申请延期。";
        // MaxTotalDays caps the granted extensions (the engine adds them to the step's days); no deadline, nothing to extend.
        foreach (var step in extendable.Where(s => s.Days is null))
            yield return $"步骤“{step.Key}”无法定期限，不能申请延期。";
        foreach (var e in CheckCitation(profile, extension.Citation)) yield return e;
    }

    private static IEnumerable<string> CheckKeyAndName(string what, string? key, string? name)
    {
        if (key is null || key.Length > MaxKeyLength || !KeyPattern().IsMatch(key))
            yield return $"{what}键只能由小写字母、数字和连字符组成，不超过{MaxKeyLength}个字符。";
        if (string.IsNullOrWhiteSpace(name)) yield return $"缺少{what}名称。";
        else if (name.Length > MaxNameLength) yield return $"{what}名称不能超过{MaxNameLength}个字符。";
    }

    private static IEnumerable<string> CheckCitation(PolicyProfile profile, Citation? citation)
    {
        if (citation is null)
        {
            yield return "缺少依据条款。";
            yield break;
        }
        if (string.IsNullOrWhiteSpace(citation.Article) || !citation.Article.StartsWith('第'))
            yield return $"依据条款“{citation.Article}”应以“第”开头，如“第二十条”。";
        if (citation.Jurisdiction != profile.Jurisdiction)
            yield return $"依据条款出自{Regulations.Place(citation.Jurisdiction)}的办法，与本套规则不符。";
    }

    private static IEnumerable<string> Duplicates(IEnumerable<string> keys) =>
        keys.GroupBy(k => k, StringComparer.Ordinal).Where(g => g.Count() > 1).Select(g => g.Key);

    [GeneratedRegex("^[a-z][a-z0-9-]*$")]
    private static partial Regex KeyPattern();
}
