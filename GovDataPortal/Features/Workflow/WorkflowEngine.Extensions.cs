using GovDataPortal.Features.Policies;
using GovDataPortal.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace GovDataPortal.Features.Workflow;

/// <summary>
/// Deadline extensions as the profile allows them — shuangpai 双政办发〔2022〕8号 Art. 27: only with the consent of the
/// provider's head (领导), the requester is told, and the extension is at most 15 working days in total.
/// </summary>
public sealed partial class WorkflowEngine
{
    private async Task RequestExtensionAsync(PortalDbContext db, FlowTask task, TaskDecision decision, CancellationToken ct)
    {
        var instance = task.Instance!;
        var rule = Flow(instance.FlowKey).Extension ?? throw new DomainException("该流程不允许延期。", "action");
        var days = CheckExtensionDays(task, rule, decision.ExtensionDays);
        if (string.IsNullOrWhiteSpace(decision.Comment)) throw new DomainException("申请延期必须说明理由。", "comment");
        if (decision.Comment.Trim().Length > ExtensionReasonMaxLength)
            throw new DomainException($"延期理由不能超过{ExtensionReasonMaxLength}个字符。", "comment");
        // Checked here for a clear message; the unique index ux_flow_tasks_one_open_extension decides a race.
        if (await db.FlowTasks.AnyAsync(t => t.InstanceId == instance.Id && t.StepKey == ExtensionConsentStep && t.Status == FlowTaskStatus.Open, ct))
            throw new DomainException(ExtensionPendingMessage, "action");

        Record(instance, task, FlowActions.RequestExtension, $"申请延期{days}个工作日：{decision.Comment!.Trim()}", rule.Citation.ToString());
        var consent = NewTask(instance, ExtensionConsentStep, $"延期审批（{task.StepName}，{days}个工作日）", task.AssigneeDepartmentId,
            rule.ConsentRole, null, null, $"{rule.Citation}：延期须经提供部门负责人同意，最长不超过{rule.MaxTotalDays}个工作日", TimeoutAction.RemindOnly);
        (consent.RelatedTaskId, consent.RequestedDays) = (task.Id, days);
        db.FlowTasks.Add(consent);
        await NotifyAssigneesAsync(db, consent, $"延期审批：{instance.FlowName}", $"“{instance.SubjectTitle}”申请延期{days}个工作日，请审批。", ct);
    }

    private static int CheckExtensionDays(FlowTask task, ExtensionRule rule, int? requested)
    {
        if (requested is not { } days || days < 1) throw new DomainException("请填写延期的工作日数。", "extensionDays");
        var left = rule.MaxTotalDays - task.ExtensionDays;
        if (days > left)
            throw new DomainException($"延期累计不得超过{rule.MaxTotalDays}个工作日，本事项最多还可延期{Math.Max(left, 0)}个工作日（{rule.Citation}）。", "extensionDays");
        return days;
    }

    private async Task GrantExtensionAsync(PortalDbContext db, FlowTask consent, TaskDecision decision, CancellationToken ct)
    {
        var (target, days) = await ExtendedTaskAsync(db, consent, ct);
        var instance = consent.Instance!;
        var rule = Flow(instance.FlowKey).Extension!;
        if (target.Status != FlowTaskStatus.Open) throw new DomainException("原任务已办结，无需延期。");
        CheckExtensionDays(target, rule, days);
        Close(consent, FlowActions.ExtensionGranted);
        target.ExtensionDays += days;
        SetDeadline(target);
        await CancelTimersAsync(db, target, ct);
        ScheduleTimers(db, target);
        Record(instance, consent, FlowActions.ExtensionGranted, decision.Comment, rule.Citation.ToString());
        var body = $"“{instance.SubjectTitle}”的办理期限已延长{days}个工作日，新的期限为 {target.DueDate:yyyy-MM-dd} 23:59{(target.Provisional ? "（暂定）" : "")}。";
        if (rule.NotifyRequester)
            foreach (var userId in await RequesterUsersAsync(db, instance.RequesterDepartmentId, instance.SubmittedByUserId, ct))
                notifier.ToUser(db, userId, $"延期告知：{instance.FlowName}", body, SubjectLink(instance));
        await NotifyAssigneesAsync(db, target, $"延期已同意：{instance.FlowName}", body, ct);
    }

    private async Task RefuseExtensionAsync(PortalDbContext db, FlowTask consent, TaskDecision decision, CancellationToken ct)
    {
        if (string.IsNullOrWhiteSpace(decision.Comment)) throw new DomainException("不同意延期须说明理由。", "comment");
        var (target, days) = await ExtendedTaskAsync(db, consent, ct);
        Close(consent, FlowActions.ExtensionRefused);
        Record(consent.Instance!, consent, FlowActions.ExtensionRefused, decision.Comment, null);
        await NotifyAssigneesAsync(db, target, $"延期未获同意：{consent.Instance!.FlowName}",
            $"“{consent.Instance.SubjectTitle}”申请延期{days}个工作日未获同意，请按原期限办理。", ct);
    }

    private static async Task<(FlowTask Target, int Days)> ExtendedTaskAsync(PortalDbContext db, FlowTask consent, CancellationToken ct) =>
        (await db.FlowTasks.FirstAsync(t => t.Id == consent.RelatedTaskId, ct), consent.RequestedDays!.Value);

    /// <summary>Who "the requester" is when a flow must tell it something: the submitter and the requesting department's specialists.</summary>
    public static async Task<IReadOnlyList<string>> RequesterUsersAsync(PortalDbContext db, int requesterDepartmentId,
        string submitterUserId, CancellationToken ct)
    {
        var specialists = await Notifications.Notifier.UsersInRoleAsync(db, requesterDepartmentId, Identity.PortalRoles.DataSpecialist, ct);
        return specialists.Append(submitterUserId).Distinct().ToList();
    }
}
