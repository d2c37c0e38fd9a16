using GovDataPortal.Features.Workflow;

namespace GovDataPortal.Tests.Features.Workflow;

/// <summary>Which history lines a decision letter names as the decision (issue 10 §4).</summary>
public sealed class DecisionLetterTests
{
    private static FlowHistoryLine Line(long id, string action, string? comment, string? rule = "第二十条") =>
        new(id, DateTimeOffset.UnixEpoch.AddDays(id), action, FlowActions.DisplayName(action), "某人", 1, comment, rule);

    [Fact]
    public void Refusal_rests_on_the_refusal_not_on_the_requesters_acceptance()
    {
        var course = DecisionLetters.Course([Line(1, FlowActions.Submit, null), Line(2, FlowActions.Reject, "理由", "第二十条第二款"),
            Line(3, FlowActions.Choose, "选择：接受", "第二十条第四款")]);
        Assert.Equal(2, DecisionLetters.Decisive(course, refused: true)!.Id);
        Assert.DoesNotContain(course, l => l.Action == FlowActions.Submit);
    }

    [Fact]
    public void Approval_that_only_records_telling_the_requester_is_not_the_decision()
    {
        var course = DecisionLetters.Course([Line(1, FlowActions.Choose, "经核实数据无误"), Line(2, FlowActions.Remind, null),
            Line(3, FlowActions.Notified, "短信告知"), Line(4, FlowActions.Approve, "已告知")]);
        Assert.Equal([1], course.Select(l => l.Id));
        Assert.Equal(1, DecisionLetters.Decisive(course, refused: false)!.Id);
    }

    [Fact]
    public void Grant_after_coordination_rests_on_the_coordinators_approval()
    {
        var course = DecisionLetters.Course([Line(1, FlowActions.Reject, "不同意"), Line(2, FlowActions.Choose, "申请协调"),
            Line(3, FlowActions.Approve, "经协调同意", "第二十条第四款")]);
        Assert.Equal(3, DecisionLetters.Decisive(course, refused: false)!.Id);
    }
}
