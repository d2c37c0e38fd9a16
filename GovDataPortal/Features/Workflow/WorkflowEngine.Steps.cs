using GovDataPortal.Features.Organisation;
using GovDataPortal.Features.Identity;
using GovDataPortal.Features.Policies;
using GovDataPortal.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace GovDataPortal.Features.Workflow;

public sealed partial class WorkflowEngine
{
    /// <summary>Opens the task of <paramref name="step"/>, with its deadline, timers and the assignees' notifications.</summary>
    private async Task<FlowTask> OpenStepAsync(PortalDbContext db, FlowInstance instance, StepRule step, CancellationToken ct,
        int? departmentOverride = null)
    {
        var (departmentId, role, userId) = await AssigneeAsync(db, instance, step, departmentOverride, ct);
        var task = NewTask(instance, step.Key, step.Name, departmentId, role, userId, step.Days, DeadlineText.For(step), step.OnTimeout);
        instance.CurrentStepKey = step.Key;
        db.FlowTasks.Add(task);
        ScheduleTimers(db, task);
        await NotifyAssigneesAsync(db, task, $"待办：{instance.FlowName}", $"“{instance.SubjectTitle}”待您办理（{step.Name}）。{DueLine(task)}", ct);
        return task;
    }

    private FlowTask NewTask(FlowInstance instance, string stepKey, string stepName, int departmentId, string? role,
        string? userId, int? days, string ruleText, TimeoutAction onTimeout)
    {
        var now = clock.GetUtcNow();
        var task = new FlowTask
        {
            Instance = instance, StepKey = stepKey, StepName = stepName,
            AssigneeDepartmentId = departmentId, AssigneeRole = role, AssigneeUserId = userId,
            Status = FlowTaskStatus.Open, ReceivedAt = now, DeadlineDays = days, RuleText = ruleText, OnTimeout = onTimeout.ToString(),
        };
        SetDeadline(task);
        return task;
    }

    /// <summary>Due = the Nth working day after receipt, N = the rule's days plus granted extensions (the portal's counting rule).</summary>
    private void SetDeadline(FlowTask task)
    {
        if (task.DeadlineDays is not { } days) return;
        var deadline = calendar.AddWorkingDays(task.ReceivedAt, days + task.ExtensionDays);
        // Stored as a UTC instant (timestamptz); shown in Beijing time.
        (task.DueDate, task.DueAt, task.Provisional) = (deadline.Due, deadline.DueAt.ToUniversalTime(), deadline.Provisional);
    }

    private async Task<(int DepartmentId, string? Role, string? UserId)> AssigneeAsync(PortalDbContext db, FlowInstance instance,
        StepRule step, int? departmentOverride, CancellationToken ct)
    {
        if (departmentOverride is { } forwarded) return (forwarded, step.Role, null);
        switch (step.Actor)
        {
            case StepActor.ProviderDepartment: return (instance.ProviderDepartmentId, step.Role, null);
            case StepActor.RequesterDepartment: return (instance.RequesterDepartmentId, step.Role, null);
            case StepActor.DataAuthority: return (await DataAuthorityOfAsync(db, instance.ProviderDepartmentId, ct), step.Role, null);
            default:
                var userId = instance.NamedUserId ?? throw new DomainException("该流程环节需要指定办理人。");
                var departmentId = await db.Users.Where(u => u.Id == userId).Select(u => (int?)u.DepartmentId).FirstOrDefaultAsync(ct)
                    ?? throw new DomainException("指定的办理人不存在。");
                return (departmentId, null, userId);
        }
    }

    /// <summary>The provider's data authority (<see cref="DataAuthorities"/>); a flow cannot go on without one.</summary>
    public static async Task<int> DataAuthorityOfAsync(PortalDbContext db, int departmentId, CancellationToken ct) =>
        await DataAuthorities.OfDepartmentAsync(db, departmentId, ct)
            ?? throw new DomainException("未找到本区域的数据主管部门，请系统管理员先设置。");

    private async Task ApproveAsync(PortalDbContext db, FlowTask task, string? comment, string action, CancellationToken ct)
    {
        Close(task, action);
        var instance = task.Instance!;
        Record(instance, task, action, comment, task.RuleText);
        var flow = Flow(instance.FlowKey); var target = flow.ApproveTarget(flow.Step(task.StepKey)!); var next = FlowRoute.IsEnd(target) ? null : flow.Step(target);
        if (next is not null) await OpenStepAsync(db, instance, next, ct);
        else await EndAsync(db, instance, FlowOutcome.Approved, ct);
    }

    private async Task RejectAsync(PortalDbContext db, FlowTask task, string? comment, CancellationToken ct)
    {
        // A refusal states its reasons (hubei Art. 20, shuangpai Art. 24, foshan Art. 26).
        if (string.IsNullOrWhiteSpace(comment)) throw new DomainException("驳回必须填写理由。", "comment");
        Close(task, FlowActions.Reject);
        Record(task.Instance!, task, FlowActions.Reject, comment, task.RuleText);
        await EndAsync(db, task.Instance!, FlowOutcome.Rejected, ct);
    }

    private async Task ReturnAsync(PortalDbContext db, FlowTask task, string? comment, CancellationToken ct)
    {
        if (string.IsNullOrWhiteSpace(comment)) throw new DomainException("退回必须说明需要修改的内容。", "comment");
        Close(task, FlowActions.Return);
        var instance = task.Instance!;
        Record(instance, task, FlowActions.Return, comment, task.RuleText);
        var submitterDepartment = await db.Users.Where(u => u.Id == instance.SubmittedByUserId).Select(u => u.DepartmentId).FirstAsync(ct);
        // The returned step's deadline starts again on resubmission; the revision itself has none.
        var revision = NewTask(instance, ResubmitStep, $"修改后重新提交（{task.StepName}）", submitterDepartment, null,
            instance.SubmittedByUserId, null, "退回修改无办理期限", TimeoutAction.RemindOnly);
        revision.ReturnedStepKey = task.StepKey;
        db.FlowTasks.Add(revision);
        instance.CurrentStepKey = ResubmitStep;
        notifier.ToUser(db, instance.SubmittedByUserId, $"已退回：{instance.FlowName}", $"“{instance.SubjectTitle}”被退回修改：{comment}", revision);
    }

    private async Task ResubmitAsync(PortalDbContext db, FlowTask task, TaskDecision decision, CancellationToken ct)
    {
        var instance = task.Instance!;
        var step = Flow(instance.FlowKey).Step(task.ReturnedStepKey ?? "") ?? Flow(instance.FlowKey).FirstStep;
        Close(task, FlowActions.Resubmit);
        Record(instance, task, FlowActions.Resubmit, decision.Comment, null);
        await OpenStepAsync(db, instance, step, ct);
    }

    private async Task ForwardAsync(PortalDbContext db, FlowTask task, TaskDecision decision, CancellationToken ct)
    {
        if (decision.ForwardToDepartmentId is not { } target || !await db.Departments.AnyAsync(d => d.Id == target, ct))
            throw new DomainException("请选择转办的部门。", "forwardToDepartmentId");
        if (target == task.AssigneeDepartmentId) throw new DomainException("不能转办给本部门。", "forwardToDepartmentId");
        Close(task, FlowActions.Forward);
        var instance = task.Instance!;
        Record(instance, task, FlowActions.Forward, decision.Comment, task.RuleText);
        var step = Flow(instance.FlowKey).Step(task.StepKey)!;
        await OpenStepAsync(db, instance, step, ct, departmentOverride: target);
    }

    /// <summary>Ends the instance and lets the subject's feature react in the same transaction.</summary>
    private async Task EndAsync(PortalDbContext db, FlowInstance instance, FlowOutcome outcome, CancellationToken ct)
    {
        instance.Status = outcome switch
        {
            FlowOutcome.Approved => FlowStatus.Completed,
            FlowOutcome.Rejected => FlowStatus.Rejected,
            _ => FlowStatus.Withdrawn,
        };
        instance.EndedAt = clock.GetUtcNow();
        instance.CurrentStepKey = null;
        await CancelOpenTasksAsync(db, instance, ct);
        foreach (var handler in handlers.Where(h => h.SubjectType == instance.SubjectType))
            await handler.OnFlowEndedAsync(db, instance, outcome, ct);
        var result = outcome == FlowOutcome.Approved ? "已办结" : outcome == FlowOutcome.Rejected ? "未获同意" : "已撤回";
        notifier.ToUser(db, instance.SubmittedByUserId, $"{instance.FlowName}{result}", $"您提交的“{instance.SubjectTitle}”{result}。", SubjectLink(instance), null);
    }

    private void Close(FlowTask task, string decision)
    {
        task.Status = FlowTaskStatus.Done;
        task.Decision = decision;
        task.CompletedAt = clock.GetUtcNow();
        task.CompletedByUserId = actor.UserId;
    }

    private void Record(FlowInstance instance, FlowTask? task, string action, string? comment, string? ruleText) =>
        instance.Events.Add(new FlowEvent
        {
            TaskId = task?.Id is > 0 ? task.Id : null,
            Action = action,
            ActorUserId = actor.UserId,
            ActorName = actor.DisplayName ?? "系统",
            ActorDepartmentId = actor.DepartmentId,
            OccurredAt = clock.GetUtcNow(),
            Comment = InputText.NullIfBlank(comment) is { } c ? c[..Math.Min(c.Length, CommentMaxLength)] : null,
            RuleText = ruleText,
        });

    private async Task NotifyAssigneesAsync(PortalDbContext db, FlowTask task, string title, string body, CancellationToken ct)
    {
        if (task.AssigneeUserId is not null) notifier.ToUser(db, task.AssigneeUserId, title, body, task);
        else await notifier.ToRoleAsync(db, task, title, body, ct);
    }

    /// <summary>The task page; notifications made with the task itself get this link from their TaskId.</summary>
    public static string InboxLink(long taskId) => $"inbox/{taskId}";
    private static string SubjectLink(FlowInstance instance) => $"inbox/history/{instance.Id}";

    private static string DueLine(FlowTask task) =>
        task.DueDate is { } due ? $"办理期限：{due:yyyy-MM-dd} 23:59{(task.Provisional ? "（暂定）" : "")}。{task.RuleText}" : task.RuleText;

}
