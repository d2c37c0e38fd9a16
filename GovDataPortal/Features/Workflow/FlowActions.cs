using GovDataPortal.Features.Policies;

namespace GovDataPortal.Features.Workflow;

/// <summary>What a person (or the portal) can do at a step, as recorded in <see cref="FlowEvent.Action"/>.</summary>
public static class FlowActions
{
    public const string Submit = nameof(Submit);
    public const string Approve = nameof(Approve);
    public const string Reject = nameof(Reject);
    public const string Return = nameof(Return);
    public const string Resubmit = nameof(Resubmit);
    public const string RequestExtension = nameof(RequestExtension);
    public const string ExtensionGranted = nameof(ExtensionGranted);
    public const string ExtensionRefused = nameof(ExtensionRefused);
    public const string Forward = nameof(Forward);
    public const string Remind = nameof(Remind);
    public const string Escalate = nameof(Escalate);
    public const string DeemedApproval = nameof(DeemedApproval);
    public const string Withdraw = nameof(Withdraw);
    public const string Cancel = nameof(Cancel);
    /// <summary>A branch of a choice step was chosen (the branch is on the task).</summary>
    public const string Choose = nameof(Choose);
    /// <summary>A requester without an account was told the result (已告知).</summary>
    public const string Notified = nameof(Notified);

    /// <summary>
    /// A verification step's answers (数据校核: shuangpai Art. 27 ¶4, hubei Art. 13 ¶3 require the result to be fed
    /// back). They approve the step like <see cref="Approve"/> and are recorded as what was found, so 已办 and the
    /// history say 经核实无误 or 确认有误，已更正 instead of a bare 同意. Only a subject's feature takes them (see
    /// <see cref="SubjectAnswering"/>), because the answer changes the subject too.
    /// </summary>
    public const string VerifiedNoError = nameof(VerifiedNoError);

    /// <inheritdoc cref="VerifiedNoError"/>
    public const string VerifiedCorrected = nameof(VerifiedCorrected);

    public static string DisplayName(string action) => action switch
    {
        Submit => "提交",
        Approve => "同意",
        Reject => "驳回",
        Return => "退回修改",
        Resubmit => "重新提交",
        RequestExtension => "申请延期",
        ExtensionGranted => "同意延期",
        ExtensionRefused => "不同意延期",
        Forward => "转办",
        Remind => "到期提醒",
        Escalate => "逾期上报主管部门",
        DeemedApproval => "逾期视为同意",
        Withdraw => "撤回",
        Cancel => "取消",
        Choose => "选择办理方式",
        Notified => "已告知",
        VerifiedNoError => "经核实无误",
        VerifiedCorrected => "确认有误，已更正",
        _ => action,
    };

    /// <summary>The answers of <see cref="VerifiedNoError"/>'s kind: they approve the step under a name of their own.</summary>
    public static bool IsAnswer(string action) => action is VerifiedNoError or VerifiedCorrected;

    /// <summary>Whether <paramref name="action"/> moved its step on as approved (by a person, an answer or the timer).</summary>
    public static bool Approves(string action) => action is Approve or DeemedApproval || IsAnswer(action);

    /// <summary>The step permission a person's action needs (<see cref="StepActions.None"/> for the portal's own actions).</summary>
    public static StepActions StepAction(string action) => action switch
    {
        Approve => StepActions.Approve,
        Reject => StepActions.Reject,
        Return => StepActions.Return,
        RequestExtension => StepActions.RequestExtension,
        Forward => StepActions.Forward,
        Choose => StepActions.Choose,
        _ when IsAnswer(action) => StepActions.Approve,
        _ => StepActions.None,
    };
}

/// <summary>Reminder timings (configurable under <c>Workflow:Reminders</c>), in working days and Beijing hours.</summary>
public sealed class WorkflowOptions
{
    public const string Section = "Workflow";

    /// <summary>Remind this many working days before the due date (0: no early reminder).</summary>
    public int RemindDaysBefore { get; set; } = 2;

    public bool RemindOnDueDay { get; set; } = true;

    /// <summary>While a RemindOnly step stays overdue, remind again every working day.</summary>
    public bool RemindDailyWhenOverdue { get; set; } = true;

    /// <summary>Beijing hour at which morning reminders fire.</summary>
    public int ReminderHour { get; set; } = 9;

    /// <summary>Timers claimed per sweep transaction.</summary>
    public int SweepBatchSize { get; set; } = 1000;
}
