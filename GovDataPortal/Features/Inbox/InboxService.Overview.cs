using GovDataPortal.Features.Organisation;
using GovDataPortal.Features.Calendar;
using GovDataPortal.Features.Policies;
using GovDataPortal.Features.Workflow;
using GovDataPortal.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace GovDataPortal.Features.Inbox;

/// <summary>My open tasks by how close their statutory deadline is (工作台).</summary>
public sealed record DeadlineSummary(int Open, int Overdue, int DueToday, int DueSoon)
{
    /// <summary>"Soon" is within this many working days after today.</summary>
    public const int SoonWorkingDays = 3;
}

/// <summary>A flow my department started that is waiting on someone else.</summary>
public sealed record WaitingRow(long InstanceId, string SubjectTitle, string FlowName, string? StepName, string WaitingOn,
    DateOnly? DueDate, bool Provisional, string? RuleText, int? RemainingWorkingDays)
{
    /// <summary>"2026-10-10（星期六）23:59 截止（暂定）", or "无法定期限" — as in 我的待办.</summary>
    public string DueText => DueDate is { } due ? DeadlineDisplay.Due(due, Provisional) : DeadlineText.NoStatutoryDeadline;
}

/// <summary>Open and overdue tasks of one department (督办 and leadership views).</summary>
public sealed record DepartmentLoad(int DepartmentId, string DepartmentName, int Open, int Overdue);

public sealed partial class InboxService
{
    public async Task<DeadlineSummary> MyDeadlineSummaryAsync(CancellationToken ct = default)
    {
        actor.RequireSignedIn();
        await using var db = await factory.CreateDbContextAsync(ct);
        var now = clock.GetUtcNow();
        var today = ChinaTime.Today(clock);
        var soon = calendar.AddWorkingDays(today, DeadlineSummary.SoonWorkingDays).Due;
        var counts = await OpenForMe(db).GroupBy(_ => 1).Select(g => new
        {
            Open = g.Count(),
            Overdue = g.Count(t => t.DueAt < now),
            Today = g.Count(t => t.DueDate == today && t.DueAt >= now),
            Soon = g.Count(t => t.DueDate > today && t.DueDate <= soon),
        }).FirstOrDefaultAsync(ct);
        return counts is null ? new(0, 0, 0, 0) : new(counts.Open, counts.Overdue, counts.Today, counts.Soon);
    }

    /// <summary>Open flows my department started, the nearest deadline first, with whom they wait on.</summary>
    public async Task<IReadOnlyList<WaitingRow>> RaisedByMyDepartmentAsync(int take = 8, CancellationToken ct = default)
    {
        actor.RequireSignedIn();
        if (actor.DepartmentId is not { } mine) return [];
        await using var db = await factory.CreateDbContextAsync(ct);
        var rows = await db.FlowTasks
            .Where(t => t.Status == FlowTaskStatus.Open && t.Instance!.RequesterDepartmentId == mine && t.AssigneeDepartmentId != mine)
            .OrderBy(t => t.DueAt).ThenBy(t => t.Id).Take(Math.Clamp(take, 1, InboxQuery.MaxTake))
            .Select(t => new
            {
                t.InstanceId, t.Instance!.SubjectTitle, t.Instance.FlowName, t.StepName, t.DueDate, t.Provisional, t.RuleText,
                WaitingOn = db.Departments.Where(d => d.Id == t.AssigneeDepartmentId).Select(d => d.Name).FirstOrDefault(),
            })
            .ToListAsync(ct);
        var today = ChinaTime.Today(clock);
        return [.. rows.Select(r => new WaitingRow(r.InstanceId, r.SubjectTitle, r.FlowName, r.StepName, r.WaitingOn ?? "",
            r.DueDate, r.Provisional, r.RuleText, r.DueDate is { } due ? calendar.WorkingDaysUntil(today, due) : null))];
    }

    /// <summary>
    /// Open and overdue tasks per department: every department of my region for the data authority's supervision (督办),
    /// my own department otherwise. Departments with nothing open are listed too, with zeros.
    /// </summary>
    public async Task<IReadOnlyList<DepartmentLoad>> DepartmentLoadAsync(bool wholeRegion, CancellationToken ct = default)
    {
        actor.RequireSignedIn();
        if (actor.DepartmentId is not { } mine) return [];
        await using var db = await factory.CreateDbContextAsync(ct);
        var now = clock.GetUtcNow();
        // The region a reviewer supervises is the one the engine escalates to them: every department they are the data
        // authority of (DataAuthorities), lower regions without their own authority included.
        var ids = wholeRegion ? await DataAuthorities.SupervisedByAsync(db, mine, ct) : [];
        if (ids.Count == 0) ids = [mine];
        return await db.Departments.Where(d => ids.Contains(d.Id)).OrderBy(d => d.Id)
            .Select(d => new DepartmentLoad(d.Id, d.Name,
                db.FlowTasks.Count(t => t.Status == FlowTaskStatus.Open && t.AssigneeDepartmentId == d.Id),
                db.FlowTasks.Count(t => t.Status == FlowTaskStatus.Open && t.AssigneeDepartmentId == d.Id && t.DueAt < now)))
            .ToListAsync(ct);
    }
}
