namespace GovDataPortal.Features.Policies;

/// <summary>
/// One line of the 政策规则 table: a step of a flow with its deadline (anchor included), where each outcome leads and the
/// article behind it. The flow's notes and its flow-wide rules (<see cref="PolicyTexts.FlowRules"/>) ride on its first step.
/// </summary>
public sealed record PolicyRuleRow(
    string FlowKey,
    string Flow,
    string StepKey,
    string Step,
    string Handler,
    string Deadline,
    string? Reading,
    string Timeout,
    string Extension,
    string Routes,
    string Citation,
    string Article,
    string? Notes,
    IReadOnlyList<string> FlowRules)
{
    public bool HasFlowText => Notes is not null || FlowRules.Count > 0;
}

/// <summary>One jurisdiction's cell in the 五地对比 table.</summary>
public sealed record ComparisonCell(Jurisdiction Jurisdiction, bool HasFlow, string Summary, string? Citation, string? Detail);

/// <summary>One flow across the five jurisdictions.</summary>
public sealed record ComparisonRow(string FlowKey, string Flow, IReadOnlyList<ComparisonCell> Cells)
{
    public ComparisonCell Cell(Jurisdiction jurisdiction) => Cells.Single(c => c.Jurisdiction == jurisdiction);
}

/// <summary>Builds the page's rows from the profiles, so tests check the table without rendering it.</summary>
public static class PolicyRulesView
{
    public static IReadOnlyList<PolicyRuleRow> Rows(PolicyProfile profile) =>
        [.. profile.Flows.SelectMany(flow => flow.Steps.Select(step => Row(flow, step)))];

    private static PolicyRuleRow Row(FlowRule flow, StepRule step)
    {
        // The flow's notes and rules once, on its first step.
        var first = step == flow.FirstStep;
        return new(flow.Key, flow.Name, step.Key, step.Name, PolicyTexts.Handler(step), DeadlineText.Span(step, flow.GivenDateName),
            step.Reading, PolicyTexts.Timeout(step), PolicyTexts.Extension(flow, step), PolicyTexts.Routes(flow, step),
            step.Citation.ToString(), step.Citation.Article, first ? flow.Notes : null, first ? PolicyTexts.FlowRules(flow) : []);
    }

    /// <summary>Rows = flows any profile defines (in <see cref="FlowNames.Keys"/> order), cells = the profiles.</summary>
    public static IReadOnlyList<ComparisonRow> Comparison(IReadOnlyList<PolicyProfile> profiles)
    {
        var keys = FlowNames.Keys.Where(k => profiles.Any(p => p.Flow(k) is not null))
            .Concat(profiles.SelectMany(p => p.Flows.Select(f => f.Key)).Where(k => !FlowNames.Keys.Contains(k)).Distinct());
        return [.. keys.Select(key => new ComparisonRow(key, FlowNames.Of(key), [.. profiles.Select(p => Cell(p, key))]))];
    }

    private static ComparisonCell Cell(PolicyProfile profile, string flowKey)
    {
        if (profile.Flow(flowKey) is not { } flow)
            return new(profile.Jurisdiction, false, "—", null, "本地办法未规定此流程");
        return new(profile.Jurisdiction, true, Summary(flow), flow.Citation.Article, Detail(flow));
    }

    /// <summary>
    /// "10个工作日", or "10个工作日 → 无法定期限" along the main path (approvals, a choice's first branch; the tooltip has
    /// every step); marks deemed approval, extension, readings.
    /// </summary>
    private static string Summary(FlowRule flow)
    {
        var text = string.Join(" → ", MainPath(flow).Select(s => DeadlineText.Days(s.Days)));
        if (flow.Steps.Any(s => s.Days is not null && s.OnTimeout == TimeoutAction.DeemedApproval)) text += "，逾期视为同意";
        if (flow.Extension is { } ext) text += $"，可延期最多{ext.MaxTotalDays}个工作日";
        if (flow.Steps.Any(s => s.Reading is not null)) text += "*";
        return text;
    }

    /// <summary>The tooltip: each step's full deadline line (citation, anchor, reading).</summary>
    private static string Detail(FlowRule flow) =>
        string.Join("\n", flow.Steps.Select(s => $"{s.Name}：{DeadlineText.For(flow, s)}"));

    /// <summary>The steps met approving each (or taking a choice's first branch) from the first; stops at an end or a repeat.</summary>
    private static List<StepRule> MainPath(FlowRule flow)
    {
        var path = new List<StepRule>();
        for (var step = flow.Steps.Count > 0 ? flow.FirstStep : null; step is not null && !path.Contains(step);)
        {
            path.Add(step);
            var target = step.Branches.Count > 0 ? step.Branches[0].Target : flow.ApproveTarget(step);
            step = flow.Step(target);
        }
        return path;
    }
}
