using GovDataPortal.Features.Notifications;
using GovDataPortal.Features.Policies;
using GovDataPortal.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace GovDataPortal.Features.Workflow;

/// <summary>
/// What every part of the engine shares within one request: who acts, the clock, the rules a flow runs under, the
/// history line and the subjects' hooks. Scoped, like the actor.
/// </summary>
public sealed class FlowRuntime(
    CurrentActor actor,
    TimeProvider clock,
    PolicyCatalog policies,
    Notifier notifier,
    IEnumerable<IFlowSubjectHandler> handlers)
{
    /// <summary>The longest comment a history line holds (flow_events.Comment).</summary>
    public const int CommentMaxLength = 2000;

    public CurrentActor Actor => actor;
    public Notifier Notifier => notifier;
    public DateTimeOffset Now => clock.GetUtcNow();
    public TimeProvider Clock => clock;
    public PolicyProfile Profile => policies.Active;

    /// <summary>The active profile's flow; a Chinese refusal where the active regulation has none.</summary>
    public FlowRule ActiveFlow(string key) => Profile.Flow(key)
        ?? throw new DomainException($"当前适用的《{Profile.Title}》未规定该流程（{key}）。");

    /// <summary>The rules <paramref name="instance"/> started under — kept to its end, whatever is activated meanwhile.</summary>
    public FlowRule RuleOf(FlowInstance instance)
    {
        // Only a flow from before versions were recorded follows the active rules; a version that cannot be read now
        // (the database away) must not silently route the flow by other rules.
        var profile = string.IsNullOrEmpty(instance.RulesVersion) ? policies.Active
            : policies.Version(instance.RulesVersion) ?? throw new InvalidOperationException($"流程规则版本 {instance.RulesVersion} 暂时无法读取。");
        return profile.Flow(instance.FlowKey) ?? throw new DomainException($"流程“{instance.FlowName}”的规则已不存在，请系统管理员处理。");
    }

    public FlowRef RefOf(FlowInstance instance) =>
        new(instance.Id, instance.FlowKey, instance.SubjectType, instance.SubjectId, instance.SubjectTitle, RuleOf(instance), instance.RequesterParty);

    public IEnumerable<IFlowSubjectHandler> HandlersOf(FlowInstance instance) => handlers.Where(h => h.SubjectType == instance.SubjectType);

    /// <summary>Tells the subject the earliest deadline among the flow's open steps (see <see cref="IFlowSubjectHandler.OnDueChangedAsync"/>).</summary>
    public async Task DueChangedAsync(PortalDbContext db, FlowInstance instance, DateTimeOffset? dueAt, CancellationToken ct)
    {
        foreach (var handler in HandlersOf(instance)) await handler.OnDueChangedAsync(db, RefOf(instance), dueAt, ct);
    }

    /// <summary>
    /// The earliest due instant among the instance's open step tasks as this unit of work leaves them: the query
    /// returns tracked tasks with their in-memory state, so those closed or extended here count as they now are.
    /// </summary>
    public static async Task<DateTimeOffset?> EarliestOpenDueAsync(PortalDbContext db, FlowInstance instance, CancellationToken ct)
    {
        var open = await db.FlowTasks.Where(t => t.InstanceId == instance.Id && t.Kind == FlowTaskKind.Step && t.Status == FlowTaskStatus.Open)
            .ToListAsync(ct);
        return open.Where(t => t.Status == FlowTaskStatus.Open).Min(t => t.DueAt);
    }

    /// <summary>Where the subject's feature answers a step on its own page; null where the inbox may (and for the engine's own tasks).</summary>
    public SubjectAnswering? AnsweringOf(FlowInstance instance, FlowTask task) =>
        task.Kind != FlowTaskKind.Step
            ? null
            : HandlersOf(instance).Select(h => h.AnsweredOnSubjectPage(instance.SubjectId, task.StepKey)).FirstOrDefault(a => a is not null);

    public bool IsAssignee(FlowTask task) =>
        task.AssigneeUserId is not null
            ? task.AssigneeUserId == actor.UserId
            : task.AssigneeDepartmentId == actor.DepartmentId && task.AssigneeRole is not null && actor.IsInRole(task.AssigneeRole);

    /// <summary>
    /// Whether acting on <paramref name="task"/> would be the submitter deciding on their own subject — refused, except
    /// for the submitter's own revision and for steps the rules give to the requesting side (e.g. asking for
    /// coordination after a refusal). A party without an account asked through staff: whoever registered it is no party;
    /// nor is whoever recorded a duty (<see cref="FlowRule.RecorderIsNoParty"/>).
    /// </summary>
    public bool DecidesOwnSubject(FlowTask task)
    {
        var instance = task.Instance!;
        if (instance.RequesterParty is not null || instance.SubmittedByUserId != actor.UserId || task.Kind == FlowTaskKind.Revision) return false;
        if (RuleOf(instance).RecorderIsNoParty) return false;
        return task.Kind != FlowTaskKind.Step || RuleOf(instance).Step(task.StepKey)?.Actor != StepActor.RequesterDepartment;
    }

    public void Close(FlowTask task, string decision, string? comment = null)
    {
        task.Status = FlowTaskStatus.Done;
        task.Decision = decision;
        task.DecisionComment = Cut(comment);
        task.CompletedAt = Now;
        task.CompletedByUserId = actor.UserId;
    }

    public void Record(FlowInstance instance, FlowTask? task, string action, string? comment, string? ruleText) =>
        instance.Events.Add(new FlowEvent
        {
            TaskId = task?.Id is > 0 ? task.Id : null,
            Action = action,
            ActorUserId = actor.UserId,
            ActorName = actor.DisplayName ?? "系统",
            ActorDepartmentId = actor.DepartmentId,
            OccurredAt = Now,
            Comment = Cut(comment),
            RuleText = ruleText,
        });

    public async Task NotifyAssigneesAsync(PortalDbContext db, FlowTask task, string title, string body, CancellationToken ct)
    {
        if (task.AssigneeUserId is not null) notifier.ToUser(db, task.AssigneeUserId, title, body, task);
        else await notifier.ToRoleAsync(db, task, title, body, ct);
    }

    /// <summary>Who "the requester" is when a flow must tell it something: the submitter and the requesting department's specialists.</summary>
    public static async Task<IReadOnlyList<string>> RequesterUsersAsync(PortalDbContext db, int requesterDepartmentId,
        string submitterUserId, CancellationToken ct)
    {
        var specialists = await Notifier.UsersInRoleAsync(db, requesterDepartmentId, Identity.PortalRoles.DataSpecialist, ct);
        return specialists.Append(submitterUserId).Distinct().ToList();
    }

    /// <summary>The task page; notifications made with the task itself get this link from their TaskId.</summary>
    public static string InboxLink(long taskId) => $"inbox/{taskId}";
    public static string HistoryLink(FlowInstance instance) => $"inbox/history/{instance.Id}";

    public static string DueLine(FlowTask task) =>
        task.DueDate is { } due ? $"办理期限：{due:yyyy-MM-dd} 23:59{(task.Provisional ? "（暂定）" : "")}。{task.RuleText}" : task.RuleText;

    private static string? Cut(string? comment) =>
        InputText.NullIfBlank(comment) is { } c ? c[..Math.Min(c.Length, CommentMaxLength)] : null;
}
