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
        _ => actor.ToString(),
    };

    /// <summary>"提供部门·部门审核人"; a named-user step has no role.</summary>
    public static string Handler(StepRule step) =>
        string.IsNullOrEmpty(step.Role) ? Actor(step.Actor) : $"{Actor(step.Actor)}·{PortalRoles.DisplayName(step.Role)}";

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
