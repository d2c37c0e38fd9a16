using GovDataPortal.Features.Workflow;
using GovDataPortal.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace GovDataPortal.Features.Catalogue;

/// <summary>
/// The portal itself settles an obligation's open step when the updated version is published: nobody decides — the
/// publication is the fact the step waited for. The engine's front door only takes people's decisions (assignee, not
/// the submitter), so this does what its timer sweep does for a deemed approval: the engine's own
/// <see cref="FlowDecisions"/>, in a scope with no signed-in actor, so the history reads 系统 and the flow moves on its
/// routes with every hook, in the caller's unit of work. (The engine could offer this as a method of its own.)
/// </summary>
public sealed class ObligationPortalDecision(IServiceScopeFactory scopes)
{
    public async Task SettleAsync(PortalDbContext db, long taskId, string comment, CancellationToken ct)
    {
        var task = await db.FlowTasks.Include(t => t.Instance).FirstAsync(t => t.Id == taskId, ct);
        if (task.Status != FlowTaskStatus.Open) return;
        await using var scope = scopes.CreateAsyncScope(); // anonymous CurrentActor: the portal
        var runtime = scope.ServiceProvider.GetRequiredService<FlowRuntime>();
        var decisions = scope.ServiceProvider.GetRequiredService<FlowDecisions>();
        var step = runtime.RuleOf(task.Instance!).Step(task.StepKey) ?? throw new DomainException("该环节已不在流程规则中。");
        if (step.Branches.Any(b => b.Key == ObligationTexts.UpdatedBranch))
            await decisions.ChooseAsync(db, task, step, ObligationTexts.UpdatedBranch, comment, ct);
        else
            await decisions.ApproveAsync(db, task, comment, FlowActions.Approve, ct);
    }
}
