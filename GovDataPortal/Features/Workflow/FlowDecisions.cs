using GovDataPortal.Features.Policies;
using GovDataPortal.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace GovDataPortal.Features.Workflow;

/// <summary>
/// A step's decisions: approve, refuse (with reasons), return for revision, choose a branch, forward. A step with
/// several actors settles by its <see cref="Consensus"/>: 会签 waits for every actor, 或签 takes the first.
/// </summary>
public sealed class FlowDecisions(FlowRuntime runtime, FlowRouter router)
{
    public const string RevisionStep = "resubmit";

    public async Task ApproveAsync(PortalDbContext db, FlowTask task, string? comment, string action, CancellationToken ct)
    {
        runtime.Close(task, action, comment);
        runtime.Record(task.Instance!, task, action, comment, task.RuleText);
        await SettleAsync(db, task, ct);
    }

    public async Task RejectAsync(PortalDbContext db, FlowTask task, string? comment, CancellationToken ct)
    {
        // A refusal states its reasons (hubei Art. 20, shuangpai Art. 24, foshan Art. 26).
        if (string.IsNullOrWhiteSpace(comment)) throw new DomainException("驳回必须填写理由。", "comment");
        runtime.Close(task, FlowActions.Reject, comment);
        runtime.Record(task.Instance!, task, FlowActions.Reject, comment, task.RuleText);
        await SettleAsync(db, task, ct);
    }

    public async Task ChooseAsync(PortalDbContext db, FlowTask task, StepRule step, string? branchKey, string? comment, CancellationToken ct)
    {
        var branch = step.Branches.FirstOrDefault(b => b.Key == branchKey)
            ?? throw new DomainException($"请选择办理方式：{string.Join("、", step.Branches.Select(b => b.Name))}。", "branch");
        if (step.Consensus == Consensus.All) throw new DomainException("会签环节不能选择分支。", "branch");
        runtime.Close(task, FlowActions.Choose, comment);
        task.BranchKey = branch.Key;
        runtime.Record(task.Instance!, task, FlowActions.Choose, $"选择：{branch.Name}" + (comment is null ? "" : $"；{comment}"), task.RuleText);
        await SettleAsync(db, task, ct);
    }

    /// <summary>
    /// Moves the flow on once the step is settled: at once for one actor or 或签 (the others' tasks are cancelled); for
    /// 会签 when the last actor has decided — all approved = approved, any refusal = the refusal route with every reason.
    /// </summary>
    private async Task SettleAsync(PortalDbContext db, FlowTask task, CancellationToken ct)
    {
        var instance = task.Instance!;
        var rule = runtime.RuleOf(instance);
        var step = rule.Step(task.StepKey)!;
        await CancelPendingExtensionsAsync(db, task, ct);
        var siblings = step.Also.Count == 0 ? [task] : await SiblingsAsync(db, task, ct);
        // Two actors deciding at once would each see the other still open and both stop here: writing the instance
        // row makes the second save conflict (xmin), so one of them always sees the step settled.
        if (step.Also.Count > 0) db.Entry(instance).Property(i => i.Openings).IsModified = true;
        if (step.Consensus == Consensus.All && siblings.Any(t => t.Status == FlowTaskStatus.Open)) return;
        foreach (var open in siblings.Where(t => t.Status == FlowTaskStatus.Open)) router.Cancel(open);

        var refusals = siblings.Where(t => t.Decision == FlowActions.Reject).ToList();
        var byPortal = task.Decision == FlowActions.DeemedApproval;
        if (refusals.Count > 0)
        {
            var reasons = string.Join("；", refusals.Select(t => t.DecisionComment));
            await router.GoAsync(db, instance, FlowRule.RejectTarget(step),
                new DecidedStep(step.Key, FlowActions.Reject, null, reasons, byPortal), task, ct);
            return;
        }
        var target = task.BranchKey is { } b ? step.Branches.Single(x => x.Key == b).Target : rule.ApproveTarget(step);
        await router.GoAsync(db, instance, target, new DecidedStep(step.Key, task.Decision!, task.BranchKey, task.DecisionComment, byPortal), task, ct);
    }

    /// <summary>A decided task needs no more time: a consent request still waiting for it is withdrawn.</summary>
    private async Task CancelPendingExtensionsAsync(PortalDbContext db, FlowTask task, CancellationToken ct)
    {
        if (task.Id == 0) return;
        foreach (var consent in await db.FlowTasks.Where(t => t.RelatedTaskId == task.Id && t.Kind == FlowTaskKind.ExtensionConsent
                     && t.Status == FlowTaskStatus.Open).ToListAsync(ct))
            router.Cancel(consent);
    }

    /// <summary>The tasks of the same step opening (tracked: the decided one is already Done in memory).</summary>
    private static async Task<List<FlowTask>> SiblingsAsync(PortalDbContext db, FlowTask task, CancellationToken ct) =>
        await db.FlowTasks.Where(t => t.InstanceId == task.InstanceId && t.Opening == task.Opening && t.Kind == FlowTaskKind.Step).ToListAsync(ct);

    public async Task ReturnAsync(PortalDbContext db, FlowTask task, StepRule step, string? comment, CancellationToken ct)
    {
        if (string.IsNullOrWhiteSpace(comment)) throw new DomainException("退回必须说明需要修改的内容。", "comment");
        if (step.Also.Count > 0) throw new DomainException("多方办理的环节不能退回修改，请给出意见。", "action");
        runtime.Close(task, FlowActions.Return, comment);
        await CancelPendingExtensionsAsync(db, task, ct);
        var instance = task.Instance!;
        runtime.Record(instance, task, FlowActions.Return, comment, task.RuleText);
        var submitterDepartment = await db.Users.Where(u => u.Id == instance.SubmittedByUserId).Select(u => u.DepartmentId).FirstAsync(ct);
        // On resubmission the step reopens: a deadline counted from the task's arrival starts again, one counted from
        // the application's receipt or a given date keeps its day (the regulation counts from that day). The revision
        // itself has no deadline.
        var revision = router.NewTask(instance, FlowTaskKind.Revision, RevisionStep, $"修改后重新提交（{task.StepName}）",
            new Assignee(submitterDepartment, null, instance.SubmittedByUserId), null, "退回修改无办理期限", TimeoutAction.RemindOnly);
        revision.ReturnedStepKey = task.StepKey;
        db.FlowTasks.Add(revision);
        instance.CurrentStepKey = RevisionStep;
        runtime.Notifier.ToUser(db, instance.SubmittedByUserId, $"已退回：{instance.FlowName}", $"“{instance.SubjectTitle}”被退回修改：{comment}", revision);
        await runtime.DueChangedAsync(db, instance, null, ct);
    }

    public async Task ResubmitAsync(PortalDbContext db, FlowTask revision, string? comment, CancellationToken ct)
    {
        var instance = revision.Instance!;
        var rule = runtime.RuleOf(instance);
        var step = rule.Step(revision.ReturnedStepKey ?? "") ?? rule.FirstStep;
        runtime.Close(revision, FlowActions.Resubmit, comment);
        runtime.Record(instance, revision, FlowActions.Resubmit, comment, null);
        await router.OpenStepAsync(db, instance, step, ct);
    }

    /// <summary>Hands the same step to another department, which gets its own deadline from receipt.</summary>
    public async Task ForwardAsync(PortalDbContext db, FlowTask task, StepRule step, int? toDepartmentId, string? comment, CancellationToken ct)
    {
        if (toDepartmentId is not { } target || !await db.Departments.AnyAsync(d => d.Id == target, ct))
            throw new DomainException("请选择转办的部门。", "forwardToDepartmentId");
        if (target == task.AssigneeDepartmentId) throw new DomainException("不能转办给本部门。", "forwardToDepartmentId");
        if (step.Also.Count > 0) throw new DomainException("多方办理的环节不能转办。", "action");
        runtime.Close(task, FlowActions.Forward, comment);
        await CancelPendingExtensionsAsync(db, task, ct);
        runtime.Record(task.Instance!, task, FlowActions.Forward, comment, task.RuleText);
        await router.OpenStepAsync(db, task.Instance!, step, ct, departmentOverride: target);
    }
}
