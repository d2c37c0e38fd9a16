using GovDataPortal.Features.Policies;
using GovDataPortal.Features.Workflow;
using GovDataPortal.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace GovDataPortal.Features.Inbox;

public sealed partial class InboxService
{
    private static readonly ActionOption ApproveOption = new(FlowActions.Approve, "同意", false, "意见（可选）");
    private static readonly ActionOption RejectOption = new(FlowActions.Reject, "驳回", true, "驳回理由");
    private static readonly ActionOption ReturnOption = new(FlowActions.Return, "退回修改", true, "需要修改的内容");
    private static readonly ActionOption ForwardOption = new(FlowActions.Forward, "转办", true, "转办原因", NeedsDepartment: true);
    private static readonly ActionOption ResubmitOption = new(FlowActions.Resubmit, "重新提交", false, "修改说明（可选）");
    private static readonly ActionOption GrantOption = new(FlowActions.Approve, "同意延期", false, "意见（可选）");
    private static readonly ActionOption RefuseOption = new(FlowActions.Reject, "不同意延期", true, "不同意的理由");

    /// <summary>
    /// The buttons to offer, and where the subject's own page answers instead. The engine checks all of this again when
    /// the decision arrives; offering only what it would accept spares people a refusal. The submitter never decides on
    /// their own subject — except resubmitting it. Where the subject's feature answers the step on its page (a data
    /// check records its result and explanation: 经核实无误 / 确认有误，已更正), 同意 and 驳回 are not offered — the engine
    /// would refuse them — and the page is linked instead.
    /// </summary>
    private async Task<(IReadOnlyList<ActionOption> Actions, AnswerElsewhere? Elsewhere)> AllowedActionsAsync(PortalDbContext db,
        FlowTask task, CancellationToken ct)
    {
        if (task.Status != FlowTaskStatus.Open || !engine.IsAssignee(task)) return ([], null);
        var instance = task.Instance!;
        if (task.Kind == FlowTaskKind.Revision)
            return (instance.SubmittedByUserId == actor.UserId ? [ResubmitOption] : [], null);
        if (engine.DecidesOwnSubject(task)) return ([], null);
        if (task.Kind == FlowTaskKind.ExtensionConsent) return ([GrantOption, RefuseOption], null);

        var flow = engine.RuleOf(instance);
        if (flow.Step(task.StepKey) is not { } step) return ([], null);
        var options = new List<ActionOption>();
        if (step.Actions.HasFlag(StepActions.Approve))
            options.Add(step.NotifiesRequester ? ApproveOption with { Label = "已告知，办结", NeedsNotice = true } : ApproveOption);
        var alone = step.Also.Count == 0; // return, forward, extension and (for 会签) a choice move one actor's task only
        foreach (var branch in step.Actions.HasFlag(StepActions.Choose) && step.Consensus != Consensus.All ? step.Branches : [])
            options.Add(new ActionOption(FlowActions.Choose, branch.Name, false, "意见（可选）", Branch: branch.Key));
        if (step.Actions.HasFlag(StepActions.Reject)) options.Add(RejectOption);
        if (alone && step.Actions.HasFlag(StepActions.Return)) options.Add(ReturnOption);
        if (alone && step.Actions.HasFlag(StepActions.RequestExtension) && await ExtensionOptionAsync(db, task, flow, ct) is { } extension)
            options.Add(extension);
        if (alone && step.Actions.HasFlag(StepActions.Forward)) options.Add(ForwardOption);

        if (engine.AnsweringOf(instance, task) is not { } answering) return (options, null);
        options.RemoveAll(o => answering.Replaced(o.Action));
        var elsewhere = step.Actions.HasFlag(StepActions.Approve) || step.Actions.HasFlag(StepActions.Reject)
            ? new AnswerElsewhere(answering.Link, answering.LinkText)
            : null;
        return (options, elsewhere);
    }

    /// <summary>申请延期 while days remain under the profile's cap and no request is already waiting for consent.</summary>
    private static async Task<ActionOption?> ExtensionOptionAsync(PortalDbContext db, FlowTask task, FlowRule flow, CancellationToken ct)
    {
        if (flow.Extension is not { } rule) return null;
        var left = rule.MaxTotalDays - task.ExtensionDays;
        if (left < 1) return null;
        var pending = await db.FlowTasks.AnyAsync(t => t.InstanceId == task.InstanceId
            && t.Kind == FlowTaskKind.ExtensionConsent && t.Status == FlowTaskStatus.Open, ct);
        return pending ? null : new ActionOption(FlowActions.RequestExtension, "申请延期", true, "延期理由", NeedsDays: true, MaxDays: left,
            CommentMaxLength: WorkflowEngine.ExtensionReasonMaxLength);
    }
}
