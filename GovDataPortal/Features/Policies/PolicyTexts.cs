using GovDataPortal.Features.Identity;

namespace GovDataPortal.Features.Policies;

/// <summary>Chinese words for the parts of a rule, shared by the page and the API.</summary>
public static class PolicyTexts
{
    public static string Actor(StepActor actor) => actor switch
    {
        StepActor.ProviderDepartment => "提供部门",
        StepActor.RequesterDepartment => "申请部门",
        StepActor.DataAuthority => "数据主管部门",
        StepActor.NamedUser => "指定人员",
        StepActor.HigherDataAuthority => "上级数据主管部门",
        _ => actor.ToString(),
    };

    /// <summary>"提供部门·部门审核人"; a named-user step has no role.</summary>
    public static string Participant(StepParticipant p) =>
        string.IsNullOrEmpty(p.Role) ? Actor(p.Actor) : $"{Actor(p.Actor)}·{PortalRoles.DisplayName(p.Role)}";

    /// <summary>"提供部门·部门审核人", or every actor with how they decide: "数据主管部门·主管部门审核人、提供部门·部门审核人（会签）".</summary>
    public static string Handler(StepRule step)
    {
        var text = string.Join("、", step.Participants.Select(Participant));
        return step.Also.Count == 0 ? text : $"{text}（{Consensus(step.Consensus)}）";
    }

    /// <summary>会签 (all decide) or 或签 (the first decides); "—" for one actor.</summary>
    public static string Consensus(Consensus consensus) => consensus switch
    {
        Policies.Consensus.Single => "—",
        Policies.Consensus.All => "会签",
        Policies.Consensus.Any => "或签",
        _ => consensus.ToString(),
    };

    /// <summary>"自收到申请之日起" / "自法律、法规修订或者行政管理职能发生变化之日起"; empty for the default (from the task's arrival).</summary>
    public static string Anchor(DeadlineAnchor anchor, string? givenDateName) => anchor switch
    {
        DeadlineAnchor.FlowStarted => "自收到申请之日起",
        DeadlineAnchor.GivenDate => $"自{(string.IsNullOrWhiteSpace(givenDateName) ? "指定日期" : givenDateName)}起",
        _ => "",
    };

    /// <summary>Where a route ends: a step's name, or 办结（通过）/办结（未通过）.</summary>
    public static string Target(FlowRule flow, string target) => target switch
    {
        FlowRoute.Approved => "办结（通过）",
        FlowRoute.Rejected => "办结（未通过）",
        _ => flow.Step(target)?.Name ?? target,
    };

    /// <summary>"同意→报市政务数据行政主管部门确定后反馈；不同意→…"; a step telling the requester says so on its approval.</summary>
    public static string Routes(FlowRule flow, StepRule step)
    {
        var routes = flow.Routes(step).Select(r =>
            (r.Label == "同意" && step.NotifiesRequester ? "同意（记录已告知申请人）" : r.Label) + "→" + Target(flow, r.Target));
        return string.Join("；", routes);
    }

    /// <summary>What the flow does besides its steps: who may apply, direct grant, coordination, what receipt does at once.</summary>
    public static IReadOnlyList<string> FlowRules(FlowRule flow)
    {
        var rules = new List<string>();
        if (flow.ExternalRequester) rules.Add("申请人可以是没有本系统账号的公民、法人或者其他组织。");
        if (flow.OnReceipt is { } receipt) rules.Add($"收到即{ReceiptEffect(receipt.Kind)}（{receipt.Citation}）。");
        if (flow.DirectGrant is { } grant) rules.Add($"直接授权：{grant.Condition}（{grant.Citation}）。");
        if (flow.UsageAgreement is { } agreement) rules.Add($"同意共享后由{agreement.Signatory}签署使用协议，并登记协议编号（{agreement.Citation}）。");
        if (flow.Coordination is { } coordination && flow.Step(coordination.StepKey) is { } step)
            rules.Add($"被拒绝后可申请协调：由{Handler(step)}“{step.Name}”（{coordination.Citation}）。");
        return rules;
    }

    public static string ReceiptEffect(ReceiptEffectKind kind) => kind switch
    {
        ReceiptEffectKind.SuspendOpening => "中止开放",
        _ => kind.ToString(),
    };

    /// <summary>What happens when the deadline passes; a step without a deadline never becomes overdue.</summary>
    public static string Timeout(StepRule step) => step.Days is null ? "—" : OnTimeout(step.OnTimeout);

    /// <summary>The Chinese name of a timeout action ("视为同意" is hubei Art. 20's deemed consent).</summary>
    public static string OnTimeout(TimeoutAction action) => action switch
    {
        TimeoutAction.RemindOnly => "仅提醒",
        TimeoutAction.EscalateToAuthority => "上报主管部门",
        TimeoutAction.DeemedApproval => "视为同意",
        _ => action.ToString(),
    };

    /// <summary>"最多15个工作日，须领导同意并告知申请方" for a step that may ask for more time; otherwise "—".</summary>
    public static string Extension(FlowRule flow, StepRule step)
    {
        if (flow.Extension is not { } rule || !step.Actions.HasFlag(StepActions.RequestExtension)) return "—";
        var text = $"最多{rule.MaxTotalDays}个工作日，须{PortalRoles.DisplayName(rule.ConsentRole)}同意";
        return rule.NotifyRequester ? text + "并告知申请方" : text;
    }

    /// <summary>camelCase keys for the API (remindOnly, escalateToAuthority, deemedApproval…).</summary>
    public static string CamelCase<T>(T value) where T : struct, Enum =>
        System.Text.Json.JsonNamingPolicy.CamelCase.ConvertName(value.ToString());
}
