using GovDataPortal.Features.Identity;
using GovDataPortal.Features.Policies;
using GovDataPortal.Features.Audit;

namespace GovDataPortal.Features.Workflow;

// The engine names its entities for the audit log here, next to them, so a change to the engine never edits Audit.

internal sealed class FlowInstanceAuditNames : IAuditNamed
{
    public static AuditNames AuditNames { get; } = new("流程", typeof(FlowInstance))
    {
        { nameof(FlowInstance.FlowKey), "流程代码" },
        { nameof(FlowInstance.FlowName), "流程名称" },
        { nameof(FlowInstance.Jurisdiction), "适用办法", AuditNames.Keyed(key => Regulations.TryParse(key, out var j) ? Regulations.Place(j) : null) },
        { nameof(FlowInstance.SubjectType), "事项类型" },
        { nameof(FlowInstance.SubjectId), "事项编号" },
        { nameof(FlowInstance.SubjectTitle), "事项标题" },
        { nameof(FlowInstance.ProviderDepartmentId), "提供部门编号" },
        { nameof(FlowInstance.RequesterDepartmentId), "申请部门编号" },
        { nameof(FlowInstance.SubmittedByUserId), "提交人编号" },
        { nameof(FlowInstance.NamedUserId), "指定办理人编号" },
        { nameof(FlowInstance.CurrentStepKey), "当前步骤" },
        { nameof(FlowInstance.StartedAt), "开始时间" },
        { nameof(FlowInstance.EndedAt), "结束时间" },
        { nameof(FlowInstance.Status), "状态", AuditNames.Coded<FlowStatus>(FlowStatusNames.Of) },
        { nameof(FlowInstance.RulesVersion), "规则版本" },
        { nameof(FlowInstance.AnchorDate), "起算日期" },
        { nameof(FlowInstance.Outcome), "办理结果", AuditNames.Coded<FlowOutcome>(FlowStatusNames.Of) },
        { nameof(FlowInstance.OutcomeNote), "结果说明" },
        { nameof(FlowInstance.Openings), "步骤开启次数" },
    };
}

internal sealed class FlowTaskAuditNames : IAuditNamed
{
    public static AuditNames AuditNames { get; } = new("流程任务", typeof(FlowTask))
    {
        { nameof(FlowTask.StepKey), "步骤代码" },
        { nameof(FlowTask.StepName), "步骤名称" },
        { nameof(FlowTask.AssigneeDepartmentId), "办理部门编号" },
        { nameof(FlowTask.AssigneeRole), "办理角色", AuditNames.Keyed(PortalRoles.DisplayName) },
        { nameof(FlowTask.AssigneeUserId), "指定办理人编号" },
        { nameof(FlowTask.ReceivedAt), "收到时间" },
        { nameof(FlowTask.DeadlineDays), "期限（工作日）" },
        { nameof(FlowTask.ExtensionDays), "已延期（工作日）" },
        { nameof(FlowTask.DueDate), "截止日期" },
        { nameof(FlowTask.DueAt), "截止时间" },
        { nameof(FlowTask.Provisional), "期限暂定" },
        { nameof(FlowTask.OnTimeout), "逾期处理", AuditNames.Coded<TimeoutAction>(PolicyTexts.OnTimeout) },
        { nameof(FlowTask.Escalated), "已上报主管部门" },
        { nameof(FlowTask.CompletedAt), "办理时间" },
        { nameof(FlowTask.CompletedByUserId), "办理人编号" },
        { nameof(FlowTask.Decision), "办理结果", AuditNames.Keyed(FlowActions.DisplayName) },
        { nameof(FlowTask.RelatedTaskId), "关联任务编号" },
        { nameof(FlowTask.RequestedDays), "申请延期（工作日）" },
        { nameof(FlowTask.ReturnedStepKey), "退回的步骤" },
        { nameof(FlowTask.Status), "状态", AuditNames.Coded<FlowTaskStatus>(FlowStatusNames.Of) },
        { nameof(FlowTask.Kind), "任务类型", AuditNames.Coded<FlowTaskKind>(FlowStatusNames.Of) },
        { nameof(FlowTask.Opening), "步骤开启序号" },
        { nameof(FlowTask.CountsFrom), "期限起算日期" },
        { nameof(FlowTask.BranchKey), "选择的办理方式" },
        { nameof(FlowTask.DecisionComment), "办理意见" },
    };
}

internal sealed class FlowEventAuditNames : IAuditNamed
{
    public static AuditNames AuditNames { get; } = new("流程记录", typeof(FlowEvent))
    {
        { nameof(FlowEvent.Action), "动作", AuditNames.Keyed(FlowActions.DisplayName) },
        { nameof(FlowEvent.ActorUserId), "操作人编号" },
        { nameof(FlowEvent.ActorName), "操作人" },
        { nameof(FlowEvent.ActorDepartmentId), "操作人部门编号" },
        { nameof(FlowEvent.OccurredAt), "发生时间" },
    };
}

internal sealed class FlowTimerAuditNames : IAuditNamed
{
    public static AuditNames AuditNames { get; } = new("流程计时器", typeof(FlowTimer));
}

internal sealed class FlowPartyNoticeAuditNames : IAuditNamed
{
    public static AuditNames AuditNames { get; } = new("告知记录", typeof(FlowPartyNotice))
    {
        { nameof(FlowPartyNotice.Method), "告知方式", AuditNames.Coded<NoticeMethod>(NoticeMethods.Name) },
        { nameof(FlowPartyNotice.NotifiedAt), "告知时间" },
        { nameof(FlowPartyNotice.Content), "告知内容" },
        { nameof(FlowPartyNotice.RecordedByUserId), "记录人编号" },
        { nameof(FlowPartyNotice.RecordedAt), "记录时间" },
    };
}

internal sealed class FlowPartyAuditNames : IAuditNamed
{
    public static AuditNames AuditNames { get; } = new("申请人（无账号）", typeof(FlowParty))
    {
        { nameof(FlowParty.Kind), "申请人类型", AuditNames.Coded<FlowPartyKind>(k => k == FlowPartyKind.Person ? "公民" : "法人或其他组织") },
        { nameof(FlowParty.IdentityNumber), "证件号码" },
        { nameof(FlowParty.Email), "电子邮箱" },
        { nameof(FlowParty.Address), "地址" },
    };
}
