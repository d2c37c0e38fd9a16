using GovDataPortal.Features.Policies;
using GovDataPortal.Features.Workflow;
using GovDataPortal.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace GovDataPortal.Features.Sharing.Requests;

public sealed partial class ShareRequestService
{
    /// <summary>The most rows 我的申请 shows (the newest first).</summary>
    public const int ListLimit = 500;

    /// <summary>我的申请: the requests my department made, newest first, with the open step's deadline and its article.</summary>
    public async Task<IReadOnlyList<ShareRequestRow>> MineAsync(ShareRequestStatus? status = null, CancellationToken ct = default)
    {
        actor.RequireSignedIn();
        var mine = actor.DepartmentId ?? throw new AccessDeniedException("您的账户未归属任何部门。");
        await using var db = await factory.CreateDbContextAsync(ct);
        var requests = db.ShareRequests.AsNoTracking().Where(r => r.RequesterDepartmentId == mine);
        if (status is { } s) requests = requests.Where(r => r.Status == s);
        var lines = await requests.OrderByDescending(r => r.CreatedAt).ThenByDescending(r => r.Id).Take(ListLimit)
            .Select(r => new
            {
                Request = r,
                Provider = db.Departments.Where(d => d.Id == r.ProviderDepartmentId).Select(d => d.Name).FirstOrDefault(),
                Task = FlowReader.OpenSteps(db).Where(t => t.InstanceId == r.FlowInstanceId).OrderBy(t => t.TaskId).FirstOrDefault(),
            }).ToListAsync(ct);
        var now = clock.GetUtcNow();
        return [.. lines.Select(l => new ShareRequestRow(l.Request.Id, l.Request.Kind, l.Request.Status, l.Request.ResourceName,
            l.Request.ResourceCode, l.Provider ?? "", l.Request.CreatedAt, l.Request.EndDate,
            l.Task is null ? null : new ShareRequestDeadline(l.Task.StepName, l.Task.DueDate, l.Task.Provisional, l.Task.RuleText, l.Task.DueAt < now)))];
    }

    /// <summary>The request with its flow; null when there is none; refused for departments not concerned.</summary>
    public async Task<ShareRequestDetail?> GetAsync(long id, CancellationToken ct = default)
    {
        actor.RequireSignedIn();
        await using var db = await factory.CreateDbContextAsync(ct);
        var r = await db.ShareRequests.AsNoTracking().FirstOrDefaultAsync(x => x.Id == id, ct);
        if (r is null) return null;
        if (!await CanSeeAsync(db, actor, r, ct)) throw new AccessDeniedException(ShareRequestNames.NotVisibleMessage);
        var names = await db.Departments.AsNoTracking().Where(d => d.Id == r.RequesterDepartmentId || d.Id == r.ProviderDepartmentId)
            .ToDictionaryAsync(d => d.Id, d => d.Name, ct);
        var userName = await db.Users.AsNoTracking().Where(u => u.Id == r.RequesterUserId).Select(u => u.DisplayName).FirstOrDefaultAsync(ct);
        var view = r.FlowInstanceId is { } i ? await flows.InstanceAsync(db, i, ct) : null;
        var grant = await db.ShareGrants.AsNoTracking().Where(g => g.ShareRequestId == r.Id)
            .Select(g => new ShareRequestGrantView(g.Id, g.Basis, g.Status, g.StartDate, g.EndDate, g.AgreementReference)).FirstOrDefaultAsync(ct);
        var open = view?.OpenStepTasks.FirstOrDefault();
        var myTask = view?.OpenStepTasks.FirstOrDefault(t => t.MayDecide);
        var rule = view?.Rule;
        var flowName = rule?.Name ?? (r.Kind == ShareRequestKind.Unconditional ? "无条件共享（无需审核）" : "符合已明确的应用场景，直接授权");
        return new ShareRequestDetail(r.Id, r.Kind, r.Status, names.GetValueOrDefault(r.RequesterDepartmentId, ""), userName ?? "",
            names.GetValueOrDefault(r.ProviderDepartmentId, ""), r.CatalogueEntryId, r.ResourceCode, r.ResourceName, r.ItemNames, r.DutyBasis,
            r.Scenario, r.ApplicationScenarioId, r.Methods, r.Operations, r.Users, r.EndDate, r.DecisionReason, r.DecidedAt, r.CreatedAt,
            flowName, rule?.Citation.ToString() ?? GrantCitation(r), rule?.Notes,
            open is null ? null : new ShareRequestDeadline(open.StepName, open.DueDate, open.Provisional, open.RuleText, open.DueAt < clock.GetUtcNow()),
            view?.History ?? [], grant, myTask?.Id, myTask?.Version,
            r.Status == ShareRequestStatus.InReview && r.FlowInstanceId is not null && r.RequesterUserId == actor.UserId);
    }

    /// <summary>The rule a grant without a flow rests on (where the active profile names one).</summary>
    private string? GrantCitation(ShareRequest r)
    {
        if (r.Kind != ShareRequestKind.Conditional || r.ApplicationScenarioId is null) return null;
        return engine.Profile.Flow(FlowKeys.ConditionalShare)?.DirectGrant?.Citation.ToString();
    }
}
