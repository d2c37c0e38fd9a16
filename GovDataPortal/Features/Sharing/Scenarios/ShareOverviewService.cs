using GovDataPortal.Features.Identity;
using GovDataPortal.Features.Organisation;
using GovDataPortal.Features.Workflow;
using GovDataPortal.Infrastructure;
using GovDataPortal.Infrastructure.Excel;
using Microsoft.EntityFrameworkCore;

namespace GovDataPortal.Features.Sharing.Scenarios;

/// <summary>
/// The data authority's overview of all open share requests (issue 10 §4): every request in review that a department it
/// supervises made or must answer, with the current step and its deadline (from the flow engine, through
/// <see cref="FlowReader.OpenSteps"/>), overdue ones first. One context per call; paged in SQL.
/// </summary>
public sealed class ShareOverviewService(IDbContextFactory<PortalDbContext> factory, CurrentActor actor, TimeProvider clock)
{
    public const int DefaultPageSize = 50;
    public const int MaxPageSize = 200;

    public bool CanView => actor.IsAuthenticated && actor.DepartmentId is not null && actor.IsInRole(PortalRoles.AuthorityReviewer);

    /// <remarks>
    /// Three short queries: the counts; the page's ids in the overview's order, read off the index on (status, current
    /// deadline, submission, id) that each request's <see cref="ShareRequest.CurrentDueAt"/> keeps; then the page's details.
    /// </remarks>
    public async Task<OverviewPage> PageAsync(int skip = 0, int take = DefaultPageSize, CancellationToken ct = default)
    {
        if (!CanView) throw new AccessDeniedException(ScenarioTexts.OverviewOnlyMessage);
        await using var db = await factory.CreateDbContextAsync(ct);
        var open = Open(db, await DataAuthorities.SupervisedByAsync(db, actor.DepartmentId!.Value, ct));
        var now = clock.GetUtcNow();
        var counts = await open.GroupBy(r => r.CurrentDueAt < now).Select(g => new { Overdue = g.Key, Count = g.Count() }).ToListAsync(ct);
        var ids = await Ordered(open).Skip(Math.Max(skip, 0)).Take(Math.Clamp(take, 1, MaxPageSize)).Select(r => r.Id).ToListAsync(ct);
        var details = await PageLinesAsync(db, ids, ct);
        return new OverviewPage([.. ids.Select(id => Row(details[id], now))], counts.Sum(c => c.Count), counts.Where(c => c.Overdue).Sum(c => c.Count));
    }

    /// <remarks>
    /// The page's open steps come in one query for its flows and are picked here: a "first open step" subquery per row
    /// becomes a window over every open task of every flow, which is what the export wants, not a page of 50.
    /// </remarks>
    private static async Task<Dictionary<long, Line>> PageLinesAsync(PortalDbContext db, List<long> ids, CancellationToken ct)
    {
        var requests = await db.ShareRequests.AsNoTracking().Where(r => ids.Contains(r.Id))
            .Select(r => new { r.Id, r.Kind, r.ResourceName, r.CreatedAt, r.FlowInstanceId, r.RequesterDepartmentId, r.ProviderDepartmentId })
            .ToListAsync(ct);
        var departments = requests.SelectMany(r => new[] { r.RequesterDepartmentId, r.ProviderDepartmentId }).Distinct().ToList();
        var names = await db.Departments.AsNoTracking().Where(d => departments.Contains(d.Id)).ToDictionaryAsync(d => d.Id, d => d.Name, ct);
        var flows = requests.Where(r => r.FlowInstanceId is not null).Select(r => r.FlowInstanceId!.Value).ToList();
        var steps = (await FlowReader.OpenSteps(db).Where(t => flows.Contains(t.InstanceId)).ToListAsync(ct))
            .GroupBy(t => t.InstanceId)
            .ToDictionary(g => g.Key, g => g.OrderBy(t => t.DueAt ?? DateTimeOffset.MaxValue).ThenBy(t => t.TaskId).First());
        return requests.ToDictionary(r => r.Id, r =>
        {
            var step = r.FlowInstanceId is { } f ? steps.GetValueOrDefault(f) : null;
            return new Line
            {
                Id = r.Id, Kind = r.Kind, ResourceName = r.ResourceName, CreatedAt = r.CreatedAt, Task = step, DueAt = step?.DueAt,
                Requester = names.GetValueOrDefault(r.RequesterDepartmentId), Provider = names.GetValueOrDefault(r.ProviderDepartmentId),
            };
        });
    }

    private static IQueryable<ShareRequest> Open(PortalDbContext db, IReadOnlyCollection<int> supervised) =>
        db.ShareRequests.AsNoTracking().Where(r => r.Status == ShareRequestStatus.InReview
            && (supervised.Contains(r.ProviderDepartmentId) || supervised.Contains(r.RequesterDepartmentId)));

    /// <summary>
    /// Overdue first: the earliest deadline first puts every overdue request (due before now) ahead of those still
    /// running; requests with no deadline (a step without a day count) last — PostgreSQL sorts nulls last ascending;
    /// then the oldest first.
    /// </summary>
    private static IQueryable<ShareRequest> Ordered(IQueryable<ShareRequest> requests) =>
        requests.OrderBy(r => r.CurrentDueAt).ThenBy(r => r.CreatedAt).ThenBy(r => r.Id);

    public static readonly IReadOnlyList<XlsxColumn> ExportColumns =
    [
        new("编号", 8), new("申请类型", 16), new("数据资源", 30), new("申请部门", 24), new("提供部门", 24), new("申请时间", 18),
        new("当前环节", 18), new("办理期限", 14), new("期限依据", 50), new("是否逾期", 10),
    ];

    /// <summary>Every open request in the overview's order, as an xlsx sheet (streamed); returns the row count.</summary>
    public async Task<long> ExportAsync(Stream output, CancellationToken ct = default)
    {
        if (!CanView) throw new AccessDeniedException(ScenarioTexts.OverviewOnlyMessage);
        await using var db = await factory.CreateDbContextAsync(ct);
        var now = clock.GetUtcNow();
        using var sheet = XlsxWriter.Create(output, "在办共享申请", ExportColumns);
        var open = Open(db, await DataAuthorities.SupervisedByAsync(db, actor.DepartmentId!.Value, ct));
        await foreach (var l in Lines(db, Ordered(open)).AsAsyncEnumerable().WithCancellation(ct))
        {
            var r = Row(l, now);
            sheet.WriteRow(r.Id, SharingTexts.KindName(r.Kind), r.ResourceName, r.RequesterName, r.ProviderName, ChinaTime.FormatMinutes(r.CreatedAt),
                r.StepName ?? "", r.DueDate?.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture) ?? "无法定期限",
                r.RuleText ?? "", r.Overdue ? "已逾期" : "");
        }
        return sheet.RowCount;
    }

    private static IQueryable<Line> Lines(PortalDbContext db, IQueryable<ShareRequest> requests) =>
        requests.AsNoTracking()
            .Select(r => new Line
            {
                Id = r.Id, Kind = r.Kind, ResourceName = r.ResourceName, CreatedAt = r.CreatedAt,
                Requester = db.Departments.Where(d => d.Id == r.RequesterDepartmentId).Select(d => d.Name).FirstOrDefault(),
                Provider = db.Departments.Where(d => d.Id == r.ProviderDepartmentId).Select(d => d.Name).FirstOrDefault(),
                Task = FlowReader.OpenSteps(db).Where(t => t.InstanceId == r.FlowInstanceId).OrderBy(t => t.DueAt).ThenBy(t => t.TaskId).FirstOrDefault(),
            })
            .Select(l => new Line
            {
                Id = l.Id, Kind = l.Kind, ResourceName = l.ResourceName, CreatedAt = l.CreatedAt, Requester = l.Requester, Provider = l.Provider,
                Task = l.Task, DueAt = l.Task!.DueAt,
            });

    private static OverviewRow Row(Line l, DateTimeOffset now) =>
        new(l.Id, l.Kind, l.ResourceName, l.Requester ?? "", l.Provider ?? "", l.CreatedAt, l.Task?.StepName, l.Task?.DueDate, l.DueAt,
            l.Task?.RuleText, l.DueAt < now);

    private sealed class Line
    {
        public long Id { get; init; }
        public ShareRequestKind Kind { get; init; }
        public string ResourceName { get; init; } = "";
        public DateTimeOffset CreatedAt { get; init; }
        public string? Requester { get; init; }
        public string? Provider { get; init; }
        public OpenStepRow? Task { get; init; }
        public DateTimeOffset? DueAt { get; init; }
    }

    public static string RequestLink(long id) => $"sharing/requests/{id}";
}
