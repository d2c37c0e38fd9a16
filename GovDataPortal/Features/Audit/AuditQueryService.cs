using System.Text.Json.Serialization;
using GovDataPortal.Features.Identity;
using GovDataPortal.Infrastructure;
using GovDataPortal.Infrastructure.Excel;
using Microsoft.EntityFrameworkCore;

namespace GovDataPortal.Features.Audit;

/// <summary>One line of the log as the auditor sees it: department by name, action in Chinese, time in Beijing.</summary>
public sealed record AuditRow(
    long Id, DateTimeOffset OccurredAt, string? UserName, int? DepartmentId, string? DepartmentName,
    string? IpAddress, string Action, string? EntityType, string? EntityId, string Summary)
{
    public string Time => ChinaTime.Format(OccurredAt);
    public string ActionName => AuditActions.DisplayName(Action);
    public string EntityTypeName => AuditEntityTypes.DisplayName(EntityType);

    /// <summary>The object's key as people read it: a role assignment's key names the role in Chinese.</summary>
    [JsonIgnore] public string? EntityIdText => AuditChanges.EntityIdText(EntityType, EntityId);

    /// <summary>The stored JSON as lines with Chinese field names and Beijing times (the page's detail row).</summary>
    [JsonIgnore] public IReadOnlyList<AuditChangeRow> Changes => AuditChanges.Rows(EntityType, Summary);

    /// <summary>The same on one line ("名称：旧 → 新；…"): the grid's 摘要 column and the export's.</summary>
    [JsonIgnore] public string SummaryText => AuditChanges.Text(EntityType, Summary);
}

public sealed record AuditPage(IReadOnlyList<AuditRow> Items, int Total);

public sealed record DepartmentOption(int Id, string Name);

/// <summary>
/// The auditor's view of the log: search, hash-chain verification, Excel export. Every method is for the 审计员 only
/// (security administration, data operation and audit by different people: 佛山 佛府办〔2020〕4号 Art. 42).
/// </summary>
public sealed class AuditQueryService(IDbContextFactory<PortalDbContext> factory, CurrentActor actor, AuditLog audit)
{
    public const int MaxTake = 500;
    public const string SheetName = "审计日志";

    public static readonly IReadOnlyList<XlsxColumn> ExportColumns =
    [
        new("编号", 10), new("时间", 20), new("用户", 14), new("部门", 28), new("IP 地址", 16),
        new("操作", 12), new("对象类型", 18), new("对象编号", 38), new("摘要", 80),
    ];

    public async Task<AuditPage> QueryAsync(AuditFilter filter, int skip, int take, CancellationToken ct = default)
    {
        actor.RequireRole(PortalRoles.Auditor);
        ValidatePage(filter.Validate(), skip, take).ThrowIfInvalid();
        AuditPage page;
        await using (var db = await factory.CreateDbContextAsync(ct))
        {
            var total = await Filtered(db, filter).CountAsync(ct);
            page = new AuditPage(await Rows(db, filter).Skip(skip).Take(take).ToListAsync(ct), total);
        }
        // Who looked at which part of the log is itself on record (GB/T 22239-2019 8.1.4.3 安全审计: the auditor's own
        // actions are audited too). Written after the read, so the answer shows the log as it was when asked; a failed
        // write means no answer.
        await audit.WriteAsync(AuditActions.AuditSearched, "AuditRecord", null,
            new { 筛选条件 = filter.Describe(), 跳过条数 = skip, 每页条数 = take, 符合条数 = page.Total }, ct);
        return page;
    }

    public async Task<AuditChainReport> VerifyChainAsync(CancellationToken ct = default)
    {
        actor.RequireRole(PortalRoles.Auditor);
        AuditChainReport report;
        await using (var db = await factory.CreateDbContextAsync(ct))
            report = await AuditChain.VerifyAsync(db, ct);
        await audit.WriteAsync(AuditActions.AuditVerified, "AuditRecord", null,
            new { 结果 = report.IsIntact ? "完整" : "断开", 校验条数 = report.CheckedCount, 断开位置 = report.FirstBrokenId }, ct);
        return report;
    }

    public async Task<IReadOnlyList<DepartmentOption>> DepartmentsAsync(CancellationToken ct = default)
    {
        actor.RequireRole(PortalRoles.Auditor);
        await using var db = await factory.CreateDbContextAsync(ct);
        return await db.Departments.AsNoTracking().OrderBy(d => d.Name).Select(d => new DepartmentOption(d.Id, d.Name)).ToListAsync(ct);
    }

    /// <summary>
    /// Writes the matching records (newest first) as xlsx to <paramref name="output"/>, synchronously, and returns the
    /// row count. The export is itself audited, after the file is complete so the count is exact: a caller serving
    /// the file over HTTP buffers it first, so that a failed audit write means no download.
    /// </summary>
    public async Task<long> ExportAsync(AuditFilter filter, Stream output, CancellationToken ct = default)
    {
        actor.RequireRole(PortalRoles.Auditor);
        filter.Validate().ThrowIfInvalid();
        long rows;
        await using (var db = await factory.CreateDbContextAsync(ct))
        {
            await RequireFitsOneSheetAsync(db, filter, ct);
            rows = await WriteWorkbookAsync(db, filter, output, ct);
        }
        await audit.WriteAsync(AuditActions.Export, "AuditRecord", null, new { 筛选条件 = filter.Describe(), 行数 = rows }, ct);
        return rows;
    }

    private static async Task<long> WriteWorkbookAsync(PortalDbContext db, AuditFilter filter, Stream output, CancellationToken ct)
    {
        using var sheet = XlsxWriter.Create(output, SheetName, ExportColumns);
        // Streamed row by row from the database into the sheet: neither side holds the whole log.
        await foreach (var r in Rows(db, filter).AsAsyncEnumerable().WithCancellation(ct))
            sheet.WriteRow(r.Id, WholeSeconds(r.OccurredAt.ToChina().DateTime), r.UserName, r.DepartmentName, r.IpAddress,
                r.ActionName, r.EntityTypeName, r.EntityIdText, r.SummaryText);
        return sheet.RowCount;
    }

    /// <summary>The page shows seconds; the sheet shows the same instant, not a millisecond that rounds differently.</summary>
    private static DateTime WholeSeconds(DateTime t) => new(t.Ticks - t.Ticks % TimeSpan.TicksPerSecond, t.Kind);

    private static async Task RequireFitsOneSheetAsync(PortalDbContext db, AuditFilter filter, CancellationToken ct)
    {
        const int limit = (int)XlsxWriter.MaxRows - 1;
        if (await Filtered(db, filter).Take(limit + 1).CountAsync(ct) > limit)
            new ValidationErrors().Add(nameof(AuditFilter.From), $"符合条件的记录超过 Excel 单表上限（{limit:N0} 行），请缩小日期范围后分次导出。")
                .ThrowIfInvalid();
    }

    private static ValidationErrors ValidatePage(ValidationErrors errors, int skip, int take)
    {
        if (skip < 0) errors.Add("skip", "跳过条数不能为负数。");
        if (take is < 1 or > MaxTake) errors.Add("take", $"每页条数应在 1 到 {MaxTake} 之间。");
        return errors;
    }

    private static IQueryable<AuditRecord> Filtered(PortalDbContext db, AuditFilter f)
    {
        var q = db.AuditRecords.AsNoTracking();
        if (f.UserNameTerm is { } user) q = q.Where(a => EF.Functions.ILike(a.UserName!, "%" + EscapeLike(user) + "%", @"\"));
        if (f.DepartmentId is { } department) q = q.Where(a => a.DepartmentId == department);
        if (f.ActionKey is { } action) q = q.Where(a => a.Action == action);
        if (f.FromInstant is { } from) q = q.Where(a => a.OccurredAt >= from);
        if (f.ToInstantExclusive is { } to) q = q.Where(a => a.OccurredAt < to);
        return q;
    }

    // Id is the append order; OccurredAt comes from each node's clock and may tie or step back, so newest-first is by Id.
    private static IQueryable<AuditRow> Rows(PortalDbContext db, AuditFilter f) =>
        from a in Filtered(db, f)
        join d in db.Departments on a.DepartmentId equals (int?)d.Id into departments
        from d in departments.DefaultIfEmpty()
        orderby a.Id descending
        select new AuditRow(a.Id, a.OccurredAt, a.UserName, a.DepartmentId, d == null ? null : d.Name,
            a.IpAddress, a.Action, a.EntityType, a.EntityId, a.Summary);

    private static string EscapeLike(string s) => s.Replace(@"\", @"\\").Replace("%", @"\%").Replace("_", @"\_");
}
