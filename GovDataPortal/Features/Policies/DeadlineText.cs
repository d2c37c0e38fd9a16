namespace GovDataPortal.Features.Policies;

/// <summary>The words shown wherever a deadline appears, so every screen says the same thing and names its article.</summary>
public static class DeadlineText
{
    /// <summary>How the portal counts working days (the deadlines of every regulation are in working days); stated in the UI next to deadlines.</summary>
    public const string CountingRule =
        "受理当日不计入；期限为受理日后第N个工作日的23:59:59（北京时间）；工作日不含周末和国务院公布的法定节假日，含调休上班日；"
        + "非工作日收到的从下一个工作日起同样计算。";

    public const string NoStatutoryDeadline = "无法定期限";

    /// <summary>"10个工作日" or "无法定期限".</summary>
    public static string Days(int? days) => days is { } n ? $"{n}个工作日" : NoStatutoryDeadline;

    /// <summary>
    /// "10个工作日", or with the anchor when the count does not start at the task's arrival: "自收到申请之日起5个工作日",
    /// "自法律、法规修订或者行政管理职能发生变化之日起15个工作日" (<paramref name="givenDateName"/> is the flow's
    /// <see cref="FlowRule.GivenDateName"/>). A step without a day count has no anchor to name.
    /// </summary>
    public static string Span(StepRule step, string? givenDateName = null) =>
        step.Days is null ? NoStatutoryDeadline : PolicyTexts.Anchor(step.Anchor, givenDateName) + Days(step.Days);

    /// <summary>
    /// "依据《…》第二十条第三款：10个工作日，逾期视为同意", with the portal's reading (if any) after a "；" so it is never read
    /// as the regulation's words. A step counted from a given date names it generically ("自指定日期起…"); the flow's
    /// overload names the date.
    /// </summary>
    public static string For(StepRule step) => Line(step, null);

    /// <summary>As <see cref="For(StepRule)"/>, naming the flow's given date (e.g. "自法律、法规修订…之日起15个工作日").</summary>
    public static string For(FlowRule flow, StepRule step) => Line(step, flow.GivenDateName);

    private static string Line(StepRule step, string? givenDateName)
    {
        var text = $"{step.Citation}：{Span(step, givenDateName)}";
        if (step.Days is not null && step.OnTimeout == TimeoutAction.DeemedApproval) text += "，逾期视为同意";
        if (!string.IsNullOrEmpty(step.Reading)) text += "；" + step.Reading;
        return text;
    }

    /// <summary>The step's deadline in the active flow, or null when the flow or the step is not in the profile.</summary>
    public static string? For(FlowRule? flow, string stepKey) => flow?.Step(stepKey) is { } step ? For(flow, step) : null;
}
