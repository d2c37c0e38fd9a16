using GovDataPortal.Features.Calendar;
using GovDataPortal.Features.Identity;
using GovDataPortal.Features.Notifications;
using GovDataPortal.Infrastructure;
using Hangfire;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace GovDataPortal.Features.Sharing.Grants;

/// <summary>
/// What happens to grants by the calendar (issue 10 §1): past its end date a grant becomes 已到期; a configurable number
/// of working days before it the requesting department is reminded, once. Hangfire delivers at least once and runs may
/// overlap: expiring is idempotent, and a reminder is recorded on the grant (<see cref="ShareGrant.MarkReminded"/>) in
/// the same save as its messages, guarded by the grant's row version, so a second run or a racing node sends nothing.
/// </summary>
public sealed class GrantJobs(
    IDbContextFactory<PortalDbContext> factory,
    TimeProvider clock,
    IWorkingDayCalendar calendar,
    Notifier notifier,
    IOptions<GrantOptions> options,
    ILogger<GrantJobs> log)
{
    private const int Batch = 200;

    /// <summary>Marks active and suspended grants whose end date has passed (China date) as expired. Returns how many.</summary>
    public async Task<int> ExpireAsync(CancellationToken ct = default)
    {
        var today = ChinaTime.Today(clock);
        var expired = 0;
        long after = 0;
        while (true)
        {
            await using var db = await factory.CreateDbContextAsync(ct);
            var due = await db.ShareGrants
                .Where(g => g.Id > after && (g.Status == GrantStatus.Active || g.Status == GrantStatus.Suspended) && g.EndDate < today)
                .OrderBy(g => g.Id).Take(Batch).ToListAsync(ct);
            if (due.Count == 0) break;
            var now = clock.GetUtcNow();
            foreach (var grant in due) grant.Expire(now, today);
            try
            {
                await db.SaveChangesAsync(ct);
                expired += due.Count;
            }
            catch (DbUpdateConcurrencyException)
            {
                // Another run or a provider changed one of them meanwhile: the next run sees them afresh.
                log.LogInformation("共享授权到期处理：部分授权已被同时修改，下次运行时再处理。");
            }
            after = due[^1].Id;
        }
        if (expired > 0) log.LogInformation("共享授权到期处理：{Count} 项授权已到期。", expired);
        return expired;
    }

    /// <summary>
    /// Reminds the requesting department's 数据专管员 and 部门审核人 of each active grant ending within
    /// <see cref="GrantOptions.ReminderWorkingDays"/> working days (and not already past), once per grant. Returns how many grants.
    /// </summary>
    public async Task<int> RemindAsync(CancellationToken ct = default)
    {
        var today = ChinaTime.Today(clock);
        var days = Math.Max(options.Value.ReminderWorkingDays, 0);
        // Working days are never fewer than calendar days apart, so this bound holds every candidate (holidays included).
        var horizon = today.AddDays(days * 3 + 30);
        List<long> candidates;
        await using (var read = await factory.CreateDbContextAsync(ct))
        {
            candidates = await read.ShareGrants.AsNoTracking()
                .Where(g => g.Status == GrantStatus.Active && g.ExpiryReminderSentAt == null && g.EndDate >= today && g.EndDate <= horizon)
                .OrderBy(g => g.EndDate).Select(g => g.Id).ToListAsync(ct);
        }
        var told = 0;
        foreach (var id in candidates)
        {
            await using var db = await factory.CreateDbContextAsync(ct);
            var grant = await db.ShareGrants.FirstOrDefaultAsync(g => g.Id == id, ct);
            if (grant is null || grant.Status != GrantStatus.Active || grant.ExpiryReminderSentAt is not null) continue;
            var left = calendar.WorkingDaysUntil(today, grant.EndDate);
            if (left > days) continue;
            grant.MarkReminded(clock.GetUtcNow());
            var provider = await db.Departments.Where(d => d.Id == grant.ProviderDepartmentId).Select(d => d.Name).FirstOrDefaultAsync(ct) ?? "";
            var body = GrantTexts.ReminderBody(grant, provider, Math.Max(left, 0));
            var users = new HashSet<string>();
            foreach (var role in new[] { PortalRoles.DataSpecialist, PortalRoles.DepartmentApprover })
                users.UnionWith(await Notifier.UsersInRoleAsync(db, grant.RequesterDepartmentId, role, ct));
            foreach (var user in users) notifier.ToUser(db, user, GrantTexts.ReminderTitle, body, GrantTexts.Link(grant.Id));
            try
            {
                await db.SaveChangesAsync(ct);
                told++;
            }
            catch (DbUpdateConcurrencyException)
            {
                // A racing run reminded it (or the provider changed it) first; its save carried the messages.
            }
        }
        if (told > 0) log.LogInformation("共享授权到期提醒：已提醒 {Count} 项授权的使用部门。", told);
        return told;
    }
}

/// <summary>Daily at 00:10 Beijing time: grants past their end date become 已到期 (use is refused from then on anyway).</summary>
public sealed class GrantExpiryJob(GrantJobs jobs)
{
    public const string Id = "sharing-grant-expiry";
    public const string Cron = "10 0 * * *";

    [AutomaticRetry(Attempts = 3)]
    [DisableConcurrentExecution(timeoutInSeconds: 600)]
    public Task RunAsync(CancellationToken ct) => jobs.ExpireAsync(ct);
}

/// <summary>Daily at 09:00 Beijing time: reminds requesting departments of grants about to end.</summary>
public sealed class GrantReminderJob(GrantJobs jobs)
{
    public const string Id = "sharing-grant-expiry-reminders";
    public const string Cron = "0 9 * * *";

    [AutomaticRetry(Attempts = 3)]
    [DisableConcurrentExecution(timeoutInSeconds: 600)]
    public Task RunAsync(CancellationToken ct) => jobs.RemindAsync(ct);
}
