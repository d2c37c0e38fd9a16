using GovDataPortal.Features.Policies;
using GovDataPortal.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace GovDataPortal.Features.Workflow;

/// <summary>
/// Deadline extensions as the profile allows them — shuangpai 双政办发〔2022〕8号 Art. 27: only with the consent of the
/// provider's head (领导), the requester is told, and the extension is at most 15 working days in total.
/// </summary>
public sealed class FlowExtensions(FlowRuntime runtime, FlowRouter router, FlowDeadlines deadlines, FlowAssignees assignees)
{
    public const string ConsentStep = "extension-consent";
    public const string PendingMessage = "已有待审批的延期申请。";

    /// <summary>An extension's reason, recorded after "申请延期N个工作日：" within the history line's length.</summary>
    public const int ReasonMaxLength = 1000;

    public async Task RequestAsync(PortalDbContext db, FlowTask task, int? requestedDays, string? reason, CancellationToken ct)
    {
        var instance = task.Instance!;
        var rule = runtime.RuleOf(instance).Extension ?? throw new DomainException("该流程不允许延期。", "action");
        var days = CheckDays(task, rule, requestedDays);
        if (string.IsNullOrWhiteSpace(reason)) throw new DomainException("申请延期必须说明理由。", "comment");
        if (reason.Trim().Length > ReasonMaxLength) throw new DomainException($"延期理由不能超过{ReasonMaxLength}个字符。", "comment");
        // Checked here for a clear message; the unique index ux_flow_tasks_one_open_extension decides a race.
        if (await db.FlowTasks.AnyAsync(t => t.InstanceId == instance.Id && t.Kind == FlowTaskKind.ExtensionConsent && t.Status == FlowTaskStatus.Open, ct))
            throw new DomainException(PendingMessage, "action");

        var consenter = await assignees.SomeoneCanActAsync(db, instance, new Assignee(task.AssigneeDepartmentId, rule.ConsentRole, null),
            "延期审批", ct);
        runtime.Record(instance, task, FlowActions.RequestExtension, $"申请延期{days}个工作日：{reason.Trim()}", rule.Citation.ToString());
        var consent = router.NewTask(instance, FlowTaskKind.ExtensionConsent, ConsentStep, $"延期审批（{task.StepName}，{days}个工作日）",
            consenter, null, $"{rule.Citation}：延期须经提供部门负责人同意，最长不超过{rule.MaxTotalDays}个工作日", TimeoutAction.RemindOnly);
        (consent.RelatedTaskId, consent.RequestedDays) = (task.Id, days);
        db.FlowTasks.Add(consent);
        await runtime.NotifyAssigneesAsync(db, consent, $"延期审批：{instance.FlowName}", $"“{instance.SubjectTitle}”申请延期{days}个工作日，请审批。", ct);
    }

    private static int CheckDays(FlowTask task, ExtensionRule rule, int? requested)
    {
        if (requested is not { } days || days < 1) throw new DomainException("请填写延期的工作日数。", "extensionDays");
        var left = rule.MaxTotalDays - task.ExtensionDays;
        if (days > left)
            throw new DomainException($"延期累计不得超过{rule.MaxTotalDays}个工作日，本事项最多还可延期{Math.Max(left, 0)}个工作日（{rule.Citation}）。", "extensionDays");
        return days;
    }

    public async Task GrantAsync(PortalDbContext db, FlowTask consent, string? comment, CancellationToken ct)
    {
        var (target, days) = await ExtendedTaskAsync(db, consent, ct);
        var instance = consent.Instance!;
        var rule = runtime.RuleOf(instance).Extension!;
        if (target.Status != FlowTaskStatus.Open) throw new DomainException("原任务已办结，无需延期。");
        CheckDays(target, rule, days);
        runtime.Close(consent, FlowActions.ExtensionGranted, comment);
        target.ExtensionDays += days;
        deadlines.SetDeadline(target);
        await FlowDeadlines.CancelTimersAsync(db, target, ct);
        deadlines.ScheduleTimers(db, target);
        runtime.Record(instance, consent, FlowActions.ExtensionGranted, comment, rule.Citation.ToString());
        var body = $"“{instance.SubjectTitle}”的办理期限已延长{days}个工作日，新的期限为 {target.DueDate:yyyy-MM-dd} 23:59{(target.Provisional ? "（暂定）" : "")}。";
        if (rule.NotifyRequester)
            foreach (var userId in await FlowRuntime.RequesterUsersAsync(db, instance.RequesterDepartmentId, instance.SubmittedByUserId, ct))
                runtime.Notifier.ToUser(db, userId, $"延期告知：{instance.FlowName}", body, FlowRuntime.HistoryLink(instance));
        await runtime.NotifyAssigneesAsync(db, target, $"延期已同意：{instance.FlowName}", body, ct);
        await runtime.DueChangedAsync(db, instance, await FlowRuntime.EarliestOpenDueAsync(db, instance, ct), ct);
    }

    public async Task RefuseAsync(PortalDbContext db, FlowTask consent, string? comment, CancellationToken ct)
    {
        if (string.IsNullOrWhiteSpace(comment)) throw new DomainException("不同意延期须说明理由。", "comment");
        var (target, days) = await ExtendedTaskAsync(db, consent, ct);
        runtime.Close(consent, FlowActions.ExtensionRefused, comment);
        runtime.Record(consent.Instance!, consent, FlowActions.ExtensionRefused, comment, null);
        await runtime.NotifyAssigneesAsync(db, target, $"延期未获同意：{consent.Instance!.FlowName}",
            $"“{consent.Instance.SubjectTitle}”申请延期{days}个工作日未获同意，请按原期限办理。", ct);
    }

    private static async Task<(FlowTask Target, int Days)> ExtendedTaskAsync(PortalDbContext db, FlowTask consent, CancellationToken ct) =>
        (await db.FlowTasks.FirstAsync(t => t.Id == consent.RelatedTaskId, ct), consent.RequestedDays!.Value);
}
