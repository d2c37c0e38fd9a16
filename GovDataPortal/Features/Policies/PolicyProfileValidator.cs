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
        foreach (var key in Duplicates(flow.Steps.Select(s => s.Key))) yield return $"步骤键“{key}”重复。";
        if (flow.Extension is { } extension)
            foreach (var e in CheckExtension(profile, flow, extension)) yield return "延期规则：" + e;
        foreach (var step in flow.Steps)
            foreach (var e in CheckStep(profile, flow, step)) yield return $"步骤“{step.Key}”：{e}";
    }

    private static IEnumerable<string> CheckStep(PolicyProfile profile, FlowRule flow, StepRule step)
    {
        foreach (var e in CheckKeyAndName("步骤", step.Key, step.Name)) yield return e;
        if (step.Days is < 1 or > MaxDays) yield return $"期限应为1至{MaxDays}个工作日，或留空表示无法定期限。";
        if (!Enum.IsDefined(step.Actor)) yield return "办理人类型无效。";
        if (!Enum.IsDefined(step.OnTimeout)) yield return "逾期处理方式无效。";
        if (step.Actions == StepActions.None) yield return "至少应允许一种办理操作。";
        foreach (var e in CheckRole(step)) yield return e;
        foreach (var e in CheckTimeout(step)) yield return e;
        if (step.Actions.HasFlag(StepActions.RequestExtension) && flow.Extension is null)
            yield return "流程没有延期规则，步骤不能申请延期。";
        // The portal's readings (e.g. "立即" as 1 day) must never pass for the regulation's own words.
        if (step.Reading is not null && !step.Reading.Contains("本系统"))
            yield return "期限解释须注明为“本系统”的解释，不能作为原文表述。";
        foreach (var e in CheckCitation(profile, step.Citation)) yield return e;
    }

    private static IEnumerable<string> CheckRole(StepRule step)
    {
        if (step.Actor == StepActor.NamedUser)
        {
            if (!string.IsNullOrEmpty(step.Role)) yield return "指定人员办理的步骤不能再要求角色。";
            yield break;
        }
        if (!PortalRoles.Business.Contains(step.Role)) yield return $"角色“{step.Role}”不是业务角色。";
        // 主管部门审核人 only exists in the data authority (SeparationOfDuties).
        if (step.Role == PortalRoles.AuthorityReviewer && step.Actor != StepActor.DataAuthority)
            yield return "主管部门审核人只能办理数据主管部门的步骤。";
    }

    private static IEnumerable<string> CheckTimeout(StepRule step)
    {
        if (step.OnTimeout == TimeoutAction.DeemedApproval)
        {
            if (step.Days is null) yield return "“逾期视为同意”须有期限。";
            if (!step.Actions.HasFlag(StepActions.Approve)) yield return "“逾期视为同意”的步骤须允许同意。";
        }
        if (step.OnTimeout == TimeoutAction.EscalateToAuthority && step.Actor == StepActor.DataAuthority)
            yield return "数据主管部门自己办理的步骤，逾期不能再上报主管部门。";
    }

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
