using GovDataPortal.Features.Policies;
using GovDataPortal.Features.Workflow;
using GovDataPortal.Infrastructure;

namespace GovDataPortal.Tests.Features.Workflow;

/// <summary>
/// A step whose subject answers it on its own page (IFlowSubjectHandler.AnsweredOnSubjectPage, as data checks do): the
/// engine refuses the generic 同意/驳回 there, keeps the other actions, and records the subject's answer under its own
/// name instead of a bare 同意.
/// </summary>
public class SubjectAnsweringTests(WorkflowFixture flows) : IClassFixture<WorkflowFixture>
{
    private async Task<(long Id, FlowTask Review)> StartAsync()
    {
        var id = await flows.StartAsync(WorkflowFixture.TwoStep, subjectType: WorkflowFixture.AnsweredSubject);
        return (id, await flows.OpenTaskAsync(id));
    }

    [Theory]
    [InlineData(FlowActions.Approve, null)]
    [InlineData(FlowActions.Reject, "不同意")]
    public async Task The_generic_actions_the_subject_page_replaces_are_refused_and_nothing_changes(string action, string? comment)
    {
        var (id, review) = await StartAsync();

        var error = await Assert.ThrowsAsync<DomainException>(() => flows.DecideAsAsync("chenjing", review, action, comment));

        Assert.Equal(("请在事项页面答复。", "action"), (error.Message, error.Field));
        var instance = await flows.InstanceAsync(id);
        Assert.Equal(FlowStatus.Running, instance.Status);
        Assert.Equal([FlowActions.Submit], instance.Events.Select(e => e.Action));
    }

    [Fact]
    public async Task Actions_the_subject_page_does_not_replace_still_work()
    {
        var (id, review) = await StartAsync();
        await flows.DecideAsAsync("chenjing", review, FlowActions.Return, "请补充说明");
        Assert.Equal(FlowTaskKind.Revision, (await flows.OpenTaskAsync(id)).Kind);
    }

    [Theory]
    [InlineData(FlowActions.VerifiedNoError, "经核实无误")]
    [InlineData(FlowActions.VerifiedCorrected, "确认有误，已更正")]
    public async Task The_subjects_answer_approves_the_step_and_is_recorded_under_its_own_name(string answer, string name)
    {
        var (id, review) = await StartAsync();

        await flows.DecideAsAsync("chenjing", review, answer, $"{name}：已核对");

        var instance = await flows.InstanceAsync(id);
        Assert.Equal("authority", instance.CurrentStepKey); // approved: the next step is open
        Assert.Equal(answer, instance.Tasks.Single(t => t.Id == review.Id).Decision);
        Assert.Equal([FlowActions.Submit, answer], instance.Events.OrderBy(e => e.Id).Select(e => e.Action));
        Assert.Equal(name, FlowActions.DisplayName(answer));
        Assert.True(FlowActions.Approves(answer));
    }

    [Fact]
    public async Task An_answer_action_is_refused_where_no_subject_declares_it()
    {
        var id = await flows.StartAsync(WorkflowFixture.TwoStep); // a plain TestSubject: 同意 is the way to approve
        var review = await flows.OpenTaskAsync(id);

        var error = await Assert.ThrowsAsync<DomainException>(() =>
            flows.DecideAsAsync("chenjing", review, FlowActions.VerifiedNoError, "经核实无误"));

        Assert.Equal("该环节不允许此操作。", error.Message);
        Assert.Equal(FlowTaskStatus.Open, (await flows.OpenTaskAsync(id)).Status);
    }
}
