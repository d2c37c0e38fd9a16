using GovDataPortal.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace GovDataPortal.Features.Calendar;

/// <summary>
/// The portal's one <see cref="IWorkingDayCalendar"/> (a singleton): a <see cref="WorkingDayTable"/> read from the
/// database on first use, then replaced as a whole after each calendar edit. Readers only ever see a complete table,
/// and computing a deadline touches the database at most once, on the very first call.
/// </summary>
public sealed class WorkingDayCalendar(IServiceScopeFactory scopes, ILogger<WorkingDayCalendar> logger) : IWorkingDayCalendar
{
    private readonly Lock _loadLock = new();
    private volatile WorkingDayTable? _table;
    private long _generation;

    /// <summary>The table in use (loaded now if need be); for screens that show counts of a year.</summary>
    public WorkingDayTable Current => _table ?? LoadOnce();

    public bool IsWorkingDay(DateOnly day) => Current.IsWorkingDay(day);
    public bool IsProvisional(int year) => !Current.IsPublished(year);
    public Deadline AddWorkingDays(DateOnly receivedOn, int days) => Current.AddWorkingDays(receivedOn, days);
    public Deadline AddWorkingDays(DateTimeOffset receivedAt, int days) => Current.AddWorkingDays(receivedAt, days);
    public int WorkingDaysUntil(DateOnly today, DateOnly due) => Current.WorkingDaysUntil(today, due);

    /// <summary>
    /// Reloads right away and swaps the new table in, so deadlines keep being computed from memory; only if the
    /// reload fails is the cache dropped, and the next call tries again.
    /// </summary>
    public void Invalidate()
    {
        var generation = Interlocked.Increment(ref _generation);
        try
        {
            var table = Load();
            lock (_loadLock)
                if (Interlocked.Read(ref _generation) == generation) _table = table;
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            logger.LogError(e, "工作日历重新加载失败，将在下次计算期限时重试。");
            _table = null;
        }
    }

    private WorkingDayTable LoadOnce()
    {
        lock (_loadLock)
        {
            if (_table is { } loaded) return loaded;
            var generation = Interlocked.Read(ref _generation);
            var table = Load();
            // An Invalidate() that ran meanwhile may have read newer data; keep that, not this.
            if (Interlocked.Read(ref _generation) == generation) _table = table;
            return _table ?? table;
        }
    }

    // Synchronous on purpose: the contract is synchronous, and sync EF reads are safe (only SaveChanges must be async).
    private WorkingDayTable Load()
    {
        using var scope = scopes.CreateScope();
        using var db = scope.ServiceProvider.GetRequiredService<IDbContextFactory<PortalDbContext>>().CreateDbContext();
        var published = db.CalendarYears.AsNoTracking().Where(y => y.IsPublished).Select(y => y.Year).ToList();
        var days = db.CalendarDays.AsNoTracking().Where(d => published.Contains(d.NoticeYear)).ToList();
        logger.LogInformation("工作日历已加载：已发布年份 {Years}，特殊日期 {Count} 个。", string.Join("、", published.Order()), days.Count);
        return new WorkingDayTable(days, published);
    }
}
