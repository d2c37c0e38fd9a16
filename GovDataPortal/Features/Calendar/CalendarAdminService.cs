using GovDataPortal.Features.Identity;
using GovDataPortal.Infrastructure;
using Microsoft.EntityFrameworkCore;
using F = GovDataPortal.Features.Calendar.CalendarFields;

namespace GovDataPortal.Features.Calendar;

/// <summary>
/// Maintains the yearly holiday schedules (系统管理员 only). Rows are grouped by notice year, the unit that is
/// published. Every saved change is audited by the interceptor and then handed to the calculator through
/// <see cref="IWorkingDayCalendar.Invalidate"/>. A published year must stay complete: an edit that would leave it
/// incomplete is refused, not silently unpublished, so deadlines never switch to 暂定 behind anyone's back.
/// </summary>
public sealed class CalendarAdminService(
    IDbContextFactory<PortalDbContext> factory, CurrentActor actor, IWorkingDayCalendar calendar, TimeProvider clock)
{
    public const int SourceMaxLength = 500;

    /// <summary>This year in Asia/Shanghai, the page's default.</summary>
    public int CurrentYear => ChinaTime.Today(clock).Year;

    public async Task<IReadOnlyList<CalendarYear>> ListYearsAsync(CancellationToken ct = default)
    {
        actor.RequireRole(PortalRoles.SystemAdmin);
        await using var db = await factory.CreateDbContextAsync(ct);
        var years = await db.CalendarYears.AsNoTracking().ToListAsync(ct);
        var withDays = await db.CalendarDays.Select(d => d.NoticeYear).Distinct().ToListAsync(ct);
        var thisYear = CurrentYear;
        return years.Select(y => y.Year).Concat(withDays).Append(thisYear).Append(thisYear + 1).Distinct().OrderDescending()
            .Select(y => years.FirstOrDefault(r => r.Year == y) ?? new CalendarYear { Year = y }).ToList();
    }

    public async Task<CalendarYearView> ListYearAsync(int year, CancellationToken ct = default)
    {
        actor.RequireRole(PortalRoles.SystemAdmin);
        RequireSupportedYear(year);
        await using var db = await factory.CreateDbContextAsync(ct);
        var row = await db.CalendarYears.AsNoTracking().FirstOrDefaultAsync(y => y.Year == year, ct);
        var published = await db.CalendarYears.Where(y => y.IsPublished).Select(y => y.Year).ToListAsync(ct);
        var days = await db.CalendarDays.AsNoTracking()
            .Where(d => d.NoticeYear == year || published.Contains(d.NoticeYear)).ToListAsync(ct);
        var own = days.Where(d => d.NoticeYear == year).OrderBy(d => d.Date)
            .Select(d => new CalendarDayRow(d.Date, d.Kind, d.Name, d.NoticeYear)).ToList();
        // Counted as if this year were published: the draft is checked before it takes effect.
        var workingDays = new WorkingDayTable(days, published.Append(year)).WorkingDaysIn(year);
        return new CalendarYearView(year, row?.IsPublished == true, row?.PublishedAt, row?.Source, own, workingDays,
            CalendarRules.MissingFestivals(own.Select(d => (d.Kind, d.Name))));
    }

    /// <summary>Any signed-in user (the API): a notice year's rows and whether the calculator uses them.</summary>
    public async Task<(bool Published, IReadOnlyList<CalendarDayRow> Days)> ReadYearAsync(int year, CancellationToken ct = default)
    {
        actor.RequireSignedIn();
        RequireSupportedYear(year);
        await using var db = await factory.CreateDbContextAsync(ct);
        var published = await db.CalendarYears.AnyAsync(y => y.Year == year && y.IsPublished, ct);
        var days = await db.CalendarDays.AsNoTracking().Where(d => d.NoticeYear == year).OrderBy(d => d.Date)
            .Select(d => new CalendarDayRow(d.Date, d.Kind, d.Name, d.NoticeYear)).ToListAsync(ct);
        return (published, days);
    }

    /// <param name="noticeYear">The notice the day belongs to; defaults to the date's year (give 2023 for 2022-12-31).</param>
    public async Task AddDayAsync(DateOnly date, CalendarDayKind kind, string? name, int? noticeYear = null, CancellationToken ct = default)
    {
        actor.RequireRole(PortalRoles.SystemAdmin);
        var year = noticeYear ?? date.Year;
        var errors = new ValidationErrors();
        foreach (var (field, message) in CalendarRules.Check(date, kind, name, year)) errors.Add(field, message);
        errors.ThrowIfInvalid();

        await using var db = await factory.CreateDbContextAsync(ct);
        await using var tx = await BeginEditAsync(db, ct);
        if (await db.CalendarDays.AsNoTracking().FirstOrDefaultAsync(d => d.Date == date, ct) is { } existing)
            throw new ValidationFailedException(new ValidationErrors().Add(F.Date, existing.Kind == kind
                ? $"{date:yyyy-MM-dd} 已录入（{existing.NoticeYear}年 {existing.Name}）。"
                : CalendarRules.BothKindsMessage + $"{date:yyyy-MM-dd} 已录入为{CalendarRules.KindText(existing.Kind)}。"));
        db.CalendarDays.Add(new CalendarDay { Date = date, Kind = kind, Name = InputText.Normalise(name)!, NoticeYear = year });
        await EnsureStillCompleteAsync(db, year, ct);
        await SaveAsync(db, ct);
    }

    public async Task RemoveDayAsync(DateOnly date, CancellationToken ct = default)
    {
        actor.RequireRole(PortalRoles.SystemAdmin);
        await using var db = await factory.CreateDbContextAsync(ct);
        await using var tx = await BeginEditAsync(db, ct);
        var day = await db.CalendarDays.FirstOrDefaultAsync(d => d.Date == date, ct)
            ?? throw new DomainException($"{date:yyyy-MM-dd} 不在节假日安排中，可能已被他人删除。", F.Date);
        db.CalendarDays.Remove(day);
        await EnsureStillCompleteAsync(db, day.NoticeYear, ct);
        await SaveAsync(db, ct);
    }

    /// <summary>
    /// Makes the year's rows exactly those of the file, all or nothing: one bad line and nothing is saved. Rows that
    /// did not change are left alone, so the audit log shows only real changes.
    /// </summary>
    public async Task<CalendarImportResult> ImportCsvAsync(int year, Stream csv, CancellationToken ct = default)
    {
        actor.RequireRole(PortalRoles.SystemAdmin);
        RequireSupportedYear(year);
        var parsed = await CalendarCsv.ReadAsync(csv, year, ct);
        ThrowFileErrors(parsed.Errors);

        await using var db = await factory.CreateDbContextAsync(ct);
        await using var tx = await BeginEditAsync(db, ct);
        var dates = parsed.Rows.Select(r => r.Date).ToList();
        var others = await db.CalendarDays.AsNoTracking().Where(d => d.NoticeYear != year && dates.Contains(d.Date)).ToListAsync(ct);
        ThrowFileErrors(others.Select(o => $"第{parsed.Rows.First(r => r.Date == o.Date).Line}行：{o.Date:yyyy-MM-dd} 已属于{o.NoticeYear}年的节假日安排（{o.Name}），请先在该年删除。"));

        var result = Apply(await db.CalendarDays.Where(d => d.NoticeYear == year).ToListAsync(ct), parsed.Rows, db);
        await EnsureStillCompleteAsync(db, year, ct);
        await SaveAsync(db, ct);
        return result;
    }

    private static CalendarImportResult Apply(List<CalendarDay> existing, IReadOnlyList<CalendarCsvRow> rows, PortalDbContext db)
    {
        var byDate = rows.ToDictionary(r => r.Date);
        var removed = existing.Where(e => !byDate.ContainsKey(e.Date)).ToList();
        db.CalendarDays.RemoveRange(removed);
        int added = 0, changed = 0;
        foreach (var row in rows)
        {
            var day = existing.FirstOrDefault(e => e.Date == row.Date);
            if (day is null)
            {
                db.CalendarDays.Add(new CalendarDay { Date = row.Date, Kind = row.Kind, Name = InputText.Normalise(row.Name)!, NoticeYear = row.NoticeYear });
                added++;
            }
            else if (day.Kind != row.Kind || day.Name != InputText.Normalise(row.Name))
            {
                (day.Kind, day.Name) = (row.Kind, InputText.Normalise(row.Name)!);
                changed++;
            }
        }
        return new CalendarImportResult(added, changed, removed.Count, rows.Count - added - changed);
    }

    /// <param name="source">The notice the schedule comes from (e.g. 国办发明电〔2025〕7号); kept when omitted.</param>
    public async Task PublishAsync(int year, string? source = null, CancellationToken ct = default)
    {
        actor.RequireRole(PortalRoles.SystemAdmin);
        RequireSupportedYear(year);
        new ValidationErrors().Optional("source", source, "依据", SourceMaxLength).ThrowIfInvalid();
        await using var db = await factory.CreateDbContextAsync(ct);
        await using var tx = await BeginEditAsync(db, ct);
        var missing = CalendarRules.MissingFestivals(await RowsOfAsync(db, year, ct));
        if (missing.Count > 0) throw new DomainException(CalendarRules.IncompleteMessage(year, missing), F.Year);

        var row = await db.CalendarYears.FirstOrDefaultAsync(y => y.Year == year, ct);
        if (row is null) db.CalendarYears.Add(row = new CalendarYear { Year = year });
        if (InputText.NullIfBlank(source) is { } cleanSource) row.Source = cleanSource;
        if (!row.IsPublished) (row.IsPublished, row.PublishedAt) = (true, clock.GetUtcNow());
        await SaveAsync(db, ct);
    }

    public async Task UnpublishAsync(int year, CancellationToken ct = default)
    {
        actor.RequireRole(PortalRoles.SystemAdmin);
        await using var db = await factory.CreateDbContextAsync(ct);
        await using var tx = await BeginEditAsync(db, ct);
        var row = await db.CalendarYears.FirstOrDefaultAsync(y => y.Year == year && y.IsPublished, ct)
            ?? throw new DomainException($"{year}年的节假日安排尚未发布。", F.Year);
        (row.IsPublished, row.PublishedAt) = (false, null);
        await SaveAsync(db, ct);
    }

    /// <summary>The year's rows as they will be after this context's pending changes.</summary>
    private static async Task<List<(CalendarDayKind Kind, string Name)>> RowsOfAsync(PortalDbContext db, int year, CancellationToken ct)
    {
        var stored = await db.CalendarDays.AsNoTracking().Where(d => d.NoticeYear == year).Select(d => new { d.Date, d.Kind, d.Name }).ToListAsync(ct);
        var pending = db.ChangeTracker.Entries<CalendarDay>().Where(e => e.Entity.NoticeYear == year).ToList();
        var touched = pending.Select(e => e.Entity.Date).ToHashSet();
        return stored.Where(s => !touched.Contains(s.Date)).Select(s => (s.Kind, s.Name))
            .Concat(pending.Where(e => e.State != EntityState.Deleted).Select(e => (e.Entity.Kind, e.Entity.Name)))
            .ToList();
    }

    private static async Task EnsureStillCompleteAsync(PortalDbContext db, int year, CancellationToken ct)
    {
        if (!await db.CalendarYears.AnyAsync(y => y.Year == year && y.IsPublished, ct)) return;
        var missing = CalendarRules.MissingFestivals(await RowsOfAsync(db, year, ct));
        if (missing.Count > 0)
            throw new DomainException($"{year}年已发布，此修改会使其缺少{string.Join("、", missing)}的放假日期，未保存。如需整体调整，请先取消发布。", F.Year);
    }

    // Any constant works; it only has to be the same for every editor of the calendar.
    private const long EditLockKey = 0x6764705f63616c65; // "gdp_cale"

    /// <summary>
    /// Edits of the calendar run one after another: each checks what the whole year will look like ("a published year
    /// stays complete") before it saves, and two edits checked side by side could together break what each alone kept.
    /// The lock lasts until the transaction ends; edits are rare administrator actions, so waiting costs nothing.
    /// </summary>
    private static async Task<Microsoft.EntityFrameworkCore.Storage.IDbContextTransaction> BeginEditAsync(PortalDbContext db, CancellationToken ct)
    {
        var tx = await db.Database.BeginTransactionAsync(ct);
        await db.Database.ExecuteSqlAsync($"SELECT pg_advisory_xact_lock({EditLockKey})", ct);
        return tx;
    }

    /// <summary>Saves and commits the edit's transaction, then hands the change to the calculator.</summary>
    private async Task SaveAsync(PortalDbContext db, CancellationToken ct)
    {
        try
        {
            await db.SaveChangesAsync(ct);
            await db.Database.CommitTransactionAsync(ct);
        }
        catch (DbUpdateException e) when (UniqueViolation.Is(e))
        {
            throw new DomainException("该日期刚被他人录入，请刷新后重试。", F.Date);
        }
        calendar.Invalidate();
    }

    private static void RequireSupportedYear(int year)
    {
        if (!CalendarRules.IsSupportedYear(year))
            throw new ValidationFailedException(new ValidationErrors().Add(F.Year, CalendarRules.YearRangeMessage));
    }

    private static void ThrowFileErrors(IEnumerable<string> messages)
    {
        var errors = new ValidationErrors();
        foreach (var m in messages) errors.Add(F.File, m);
        errors.ThrowIfInvalid();
    }
}
