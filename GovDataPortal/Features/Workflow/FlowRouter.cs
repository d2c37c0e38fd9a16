using GovDataPortal.Features.Policies;
using GovDataPortal.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace GovDataPortal.Features.Workflow;

/// <summary>
/// Moves a flow along its routes: opens a step (one task per actor, with its deadline, timers and notices), follows a
/// decided step to its target, and ends the flow with an outcome the subject can tell apart. Every move calls the
/// subject's hooks in the same unit of work.
/// </summary>
public sealed class FlowRouter(FlowRuntime runtime, FlowDeadlines deadlines, FlowAssignees assignees)
{
    /// <summary>Opens <paramref name="step"/>: a task for each of its actors, sharing one opening number.</summary>
    public async Task<IReadOnlyList<FlowTask>> OpenStepAsync(PortalDbContext db, FlowInstance instance, StepRule step, CancellationToken ct,
        int? departmentOverride = null)
    {
        instance.Openings++;
        instance.CurrentStepKey = step.Key;
        var tasks = new List<FlowTask>();
        foreach (var who in step.Participants)
        {
            var assignee = await assignees.ResolveAsync(db, instance, who, departmentOverride, ct);
            assignee = await assignees.SomeoneCanActAsync(db, instance, assignee, step.Name, ct);
            var task = NewTask(instance, FlowTaskKind.Step, step.Key, step.Name, assignee, step.Days, DeadlineText.For(runtime.RuleOf(instance), step), step.OnTimeout);
            task.CountsFrom = step.Days is null ? null : FlowDeadlines.CountsFrom(instance, step, task.ReceivedAt);
            deadlines.SetDeadline(task);
            db.FlowTasks.Add(task);
            deadlines.ScheduleTimers(db, task);
            await runtime.NotifyAssigneesAsync(db, task, $"待办：{instance.FlowName}",
                $"“{instance.SubjectTitle}”待您办理（{step.Name}）。{FlowRuntime.DueLine(task)}", ct);
            tasks.Add(task);
        }
        var opened = new OpenedStep(step.Key, step.Name, tasks[0].DueDate, tasks[0].RuleText);
        foreach (var handler in runtime.HandlersOf(instance)) await handler.OnStepOpenedAsync(db, runtime.RefOf(instance), opened, ct);
        // The step's tasks are the only open ones now: the step before was settled (its other tasks cancelled).
        await runtime.DueChangedAsync(db, instance, tasks.Min(t => t.DueAt), ct);
        return tasks;
    }

    /// <summary>A task of the engine's own or of a step: no deadline unless <paramref name="days"/> is given.</summary>
    public FlowTask NewTask(FlowInstance instance, FlowTaskKind kind, string stepKey, string stepName, Assignee assignee,
        int? days, string ruleText, TimeoutAction onTimeout) => new()
    {
        Instance = instance, Kind = kind, StepKey = stepKey, StepName = stepName, Opening = instance.Openings,
        AssigneeDepartmentId = assignee.DepartmentId, AssigneeRole = assignee.Role, AssigneeUserId = assignee.UserId,
        Status = FlowTaskStatus.Open, ReceivedAt = runtime.Now, DeadlineDays = days, RuleText = ruleText, OnTimeout = onTimeout.ToString(),
    };

    /// <summary>Tells the subject the step was decided, then follows <paramref name="target"/>: a step opens, or the flow ends.</summary>
    public async Task GoAsync(PortalDbContext db, FlowInstance instance, string target, DecidedStep decided, FlowTask decisive,
        CancellationToken ct)
    {
        foreach (var handler in runtime.HandlersOf(instance)) await handler.OnStepDecidedAsync(db, runtime.RefOf(instance), decided, ct);
        if (target == FlowRoute.Rejected)
            await EndAsync(db, instance, new FlowEnd(FlowOutcome.Rejected, await RefusalReasonsAsync(db, instance, decided), runtime.Now, decided.ByPortal), ct);
        else if (target == FlowRoute.Approved)
        {
            var deemed = decided.Action == FlowActions.DeemedApproval;
            await EndAsync(db, instance, new FlowEnd(deemed ? FlowOutcome.DeemedApproved : FlowOutcome.Approved,
                deemed ? decisive.RuleText : null, runtime.Now, decided.ByPortal), ct);
        }
        else
        {
            var rule = runtime.RuleOf(instance);
            await OpenStepAsync(db, instance, rule.Step(target) ?? throw new DomainException($"流程规则有误：步骤“{target}”不存在。"), ct);
        }
    }

    /// <summary>
    /// The reasons a rejected end carries: the refusal's own, or — where the flow ends rejected another way (the
    /// requester accepting a refusal instead of asking for coordination) — the last refusal's.
    /// </summary>
    private static async Task<string?> RefusalReasonsAsync(PortalDbContext db, FlowInstance instance, DecidedStep decided)
    {
        if (decided.Action == FlowActions.Reject) return decided.Comment;
        var last = await db.FlowTasks.Where(t => t.InstanceId == instance.Id && t.Decision == FlowActions.Reject)
            .OrderByDescending(t => t.Id).Select(t => t.DecisionComment).FirstOrDefaultAsync();
        return last ?? decided.Comment;
    }

    /// <summary>Ends the instance, cancels what is still open and lets the subject's feature react in the same transaction.</summary>
    public async Task EndAsync(PortalDbContext db, FlowInstance instance, FlowEnd end, CancellationToken ct)
    {
        instance.Status = end.Outcome switch
        {
            FlowOutcome.Approved or FlowOutcome.DeemedApproved => FlowStatus.Completed,
            FlowOutcome.Rejected => FlowStatus.Rejected,
            FlowOutcome.Withdrawn => FlowStatus.Withdrawn,
            _ => FlowStatus.Cancelled,
        };
        (instance.Outcome, instance.OutcomeNote, instance.EndedAt, instance.CurrentStepKey) = (end.Outcome, end.Note, end.At, null);
        await CancelOpenTasksAsync(db, instance, ct);
        var handlers = runtime.HandlersOf(instance).ToList();
        foreach (var handler in handlers) await handler.OnFlowEndedAsync(db, runtime.RefOf(instance), end, ct);
        if (handlers.Any(h => h.TellsRequesterOfEnd) || end.Outcome == FlowOutcome.Withdrawn) return;
        var result = FlowStatusNames.Of(end.Outcome);
        runtime.Notifier.ToUser(db, instance.SubmittedByUserId, $"{instance.FlowName}{result}", $"您提交的“{instance.SubjectTitle}”{result}。",
            FlowRuntime.HistoryLink(instance));
    }

    /// <summary>The instance ended: its other open tasks (an extension request, a 会签 partner …) are cancelled; their timers then skip.</summary>
    private async Task CancelOpenTasksAsync(PortalDbContext db, FlowInstance instance, CancellationToken ct)
    {
        var open = await db.FlowTasks.Where(t => t.InstanceId == instance.Id && t.Status == FlowTaskStatus.Open).ToListAsync(ct);
        // Filter again in memory: the task decided in this unit of work is still Open in the database, and the query
        // returns its tracked instance, already Done — it must not be cancelled.
        foreach (var t in open.Where(t => t.Status == FlowTaskStatus.Open)) Cancel(t);
    }

    public void Cancel(FlowTask task)
    {
        task.Status = FlowTaskStatus.Cancelled;
        task.CompletedAt = runtime.Now;
    }
}
