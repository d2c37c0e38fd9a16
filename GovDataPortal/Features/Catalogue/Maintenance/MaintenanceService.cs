using GovDataPortal.Features.Identity;
using GovDataPortal.Features.Notifications;
using GovDataPortal.Features.Policies;
using GovDataPortal.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace GovDataPortal.Features.Catalogue;

/// <summary>One department's share of published entries fully reviewed this year.</summary>
public sealed record MaintenanceProgressRow(int DepartmentId, string DepartmentName, int Published, int Reviewed)
{
    public double Share => Published == 0 ? 0 : (double)Reviewed / Published;
}

/// <summary>A published entry of the actor's department and when it was last fully reviewed.</summary>
public sealed record MaintenanceEntryRow(long Id, string Name, string? ResourceCode, DateTimeOffset? LastFullReviewAt, bool ReviewedThisYear);

/// <summary>
/// The yearly full maintenance of the catalogue (hubei Art. 11: 每年进行不少于一次的全面维护): the provider's 数据专管员
/// marks published entries reviewed; from 1 October a daily job reminds each department of what is left, at most once a
/// week; the catalogue home shows each department's share.
/// </summary>
public sealed class MaintenanceService(
    IDbContextFactory<PortalDbContext> factory,
    CurrentActor actor,
    TimeProvider clock,
    PolicyCatalog policies,
    Notifier notifier,
    ILogger<MaintenanceService> log)
{
    public static readonly TimeSpan ReminderInterval = TimeSpan.FromDays(7);

    public Citation Citation => MaintenanceTexts.Citation(policies.Active.Jurisdiction);

    public int Year => ChinaTime.Today(clock).Year;

    public bool CanMark => actor.IsAuthenticated && actor.DepartmentId is not null && actor.IsInRole(PortalRoles.DataSpecialist);

    /// <summary>Marks the entries reviewed now: only the provider's 数据专管员, only published entries; all or nothing.</summary>
    public async Task MarkReviewedAsync(IReadOnlyCollection<long> entryIds, CancellationToken ct = default)
    {
        actor.RequireRole(PortalRoles.DataSpecialist);
        var department = actor.DepartmentId ?? throw new AccessDeniedException("您的账户未归属任何部门。");
        if (entryIds.Count == 0) throw new DomainException("请选择已全面维护的目录条目。", "entryIds");
        await using var db = await factory.CreateDbContextAsync(ct);
        var entries = await db.CatalogueEntries.Where(e => entryIds.Contains(e.Id)).ToListAsync(ct);
        if (entries.Count != entryIds.Distinct().Count()) throw new NotFoundException(CatalogueTexts.NotFoundMessage);
        if (entries.Any(e => e.ProviderDepartmentId != department))
            throw new AccessDeniedException("只有目录提供部门的数据专管员可以标记全面维护。");
        var now = clock.GetUtcNow();
        foreach (var entry in entries) entry.MarkReviewed(now);
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateConcurrencyException)
        {
            throw new ConflictException("目录条目已被他人修改，请刷新后重试。");
        }
    }

    /// <summary>The actor's department's published entries, the unreviewed ones first.</summary>
    public async Task<IReadOnlyList<MaintenanceEntryRow>> OwnEntriesAsync(CancellationToken ct = default)
    {
        if (!actor.IsAuthenticated || actor.DepartmentId is not { } department) return [];
        await using var db = await factory.CreateDbContextAsync(ct);
        var from = StartOfYear(Year);
        return await db.CatalogueEntries.AsNoTracking()
            .Where(e => e.ProviderDepartmentId == department && e.Status == EntryStatus.Published)
            .OrderBy(e => e.LastFullReviewAt >= from).ThenBy(e => e.Name).Take(1000)
            .Select(e => new MaintenanceEntryRow(e.Id, e.Name, e.ResourceCode, e.LastFullReviewAt, e.LastFullReviewAt >= from))
            .ToListAsync(ct);
    }

    /// <summary>Per provider department: published entries and how many were fully reviewed in <paramref name="year"/> (one SQL group by).</summary>
    public async Task<IReadOnlyList<MaintenanceProgressRow>> ProgressAsync(int? year = null, CancellationToken ct = default)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        var from = StartOfYear(year ?? Year);
        var to = StartOfYear((year ?? Year) + 1);
        var rows = await db.CatalogueEntries.AsNoTracking().Where(e => e.Status == EntryStatus.Published)
            .GroupBy(e => e.ProviderDepartmentId)
            .Select(g => new { g.Key, Published = g.Count(), Reviewed = g.Count(e => e.LastFullReviewAt >= from && e.LastFullReviewAt < to) })
            .ToListAsync(ct);
        var ids = rows.Select(r => r.Key).ToList();
        var names = await db.Departments.AsNoTracking().Where(d => ids.Contains(d.Id)).ToDictionaryAsync(d => d.Id, d => d.Name, ct);
        return [.. rows.Select(r => new MaintenanceProgressRow(r.Key, names.GetValueOrDefault(r.Key, ""), r.Published, r.Reviewed))
            .OrderBy(r => r.Share).ThenBy(r => r.DepartmentName)];
    }

    /// <summary>
    /// From 1 October (Asia/Shanghai), tells each department's 数据专管员 how many published entries are not reviewed
    /// this year — at most once per <see cref="ReminderInterval"/> per department. Hangfire delivers at least once and
    /// nodes may overlap: each department is decided under a transaction-scoped advisory lock, and the reminder sent is
    /// its own record (the notifications of the last week), written in the same transaction. Returns the departments told.
    /// </summary>
    public async Task<int> RemindAsync(CancellationToken ct = default)
    {
        var now = clock.GetUtcNow();
        var today = ChinaTime.Today(clock);
        if (today.Month < MaintenanceTexts.ReminderMonth) return 0;
        var from = StartOfYear(today.Year);
        await using var read = await factory.CreateDbContextAsync(ct);
        var due = await read.CatalogueEntries.AsNoTracking()
            .Where(e => e.Status == EntryStatus.Published && (e.LastFullReviewAt == null || e.LastFullReviewAt < from))
            .GroupBy(e => e.ProviderDepartmentId).Select(g => new { Department = g.Key, Count = g.Count() }).ToListAsync(ct);
        var told = 0;
        foreach (var d in due)
        {
            await using var db = await factory.CreateDbContextAsync(ct);
            await using var tx = await db.Database.BeginTransactionAsync(ct);
            // One decision per department at a time across nodes; released with the transaction.
            await db.Database.ExecuteSqlAsync($"SELECT pg_advisory_xact_lock(20269011, {d.Department})", ct);
            var users = await Notifier.UsersInRoleAsync(db, d.Department, PortalRoles.DataSpecialist, ct);
            var since = now - ReminderInterval;
            if (users.Count == 0 || await db.Notifications.AnyAsync(n => users.Contains(n.UserId)
                    && n.Title == MaintenanceTexts.ReminderTitle && n.CreatedAt > since, ct))
                continue;
            var body = MaintenanceTexts.ReminderBody(today.Year, d.Count, Citation);
            foreach (var user in users) notifier.ToUser(db, user, MaintenanceTexts.ReminderTitle, body, MaintenanceTexts.ReminderLink);
            await db.SaveChangesAsync(ct);
            await tx.CommitAsync(ct);
            told++;
        }
        if (told > 0) log.LogInformation("年度目录全面维护：已提醒 {Count} 个部门。", told);
        return told;
    }

    private static DateTimeOffset StartOfYear(int year) => ChinaTime.StartOfDay(new DateOnly(year, 1, 1)).ToUniversalTime();
}
