namespace GovDataPortal.Features.Workflow;

/// <summary>The Chinese names of flow and task states, for every screen, export and audit line that shows them.</summary>
public static class FlowStatusNames
{
    public static string Of(FlowStatus status) => status switch
    {
        FlowStatus.Running => "办理中",
        FlowStatus.Completed => "已办结",
        FlowStatus.Rejected => "未获同意",
        FlowStatus.Withdrawn => "已撤回",
        FlowStatus.Cancelled => "已取消",
        _ => status.ToString(),
    };

    public static string Of(FlowTaskKind kind) => kind switch
    {
        FlowTaskKind.Step => "办理环节",
        FlowTaskKind.Revision => "退回修改",
        FlowTaskKind.ExtensionConsent => "延期审批",
        _ => kind.ToString(),
    };

    public static string Of(FlowOutcome outcome) => outcome switch
    {
        FlowOutcome.Approved => "已办结",
        FlowOutcome.DeemedApproved => "逾期视为同意，已办结",
        FlowOutcome.Rejected => "未获同意",
        FlowOutcome.Withdrawn => "已撤回",
        FlowOutcome.Cancelled => "已取消",
        _ => outcome.ToString(),
    };

    public static string Of(FlowTaskStatus status) => status switch
    {
        FlowTaskStatus.Open => "待办理",
        FlowTaskStatus.Done => "已办理",
        FlowTaskStatus.Cancelled => "已取消",
        _ => status.ToString(),
    };
}
