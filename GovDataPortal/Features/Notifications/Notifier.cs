using GovDataPortal.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace GovDataPortal.Features.Notifications;

/// <summary>
/// Adds notifications to the caller's unit of work, so a message exists exactly when the change it announces does.
/// Delivery (the header bell, e-mail) reads them from the table.
/// </summary>
public sealed class Notifier(TimeProvider clock)
{
    public void ToUser(PortalDbContext db, string userId, string title, string body, string? link = null, long? taskId = null) =>
        db.Notifications.Add(New(userId, title, body, link, taskId));

    /// <summary>About a task that may not be saved yet: its page link follows from the id once it has one.</summary>
    public void ToUser(PortalDbContext db, string userId, string title, string body, Workflow.FlowTask task)
    {
        var n = New(userId, title, body, null, null);
        n.Task = task;
        db.Notifications.Add(n);
    }

    private Notification New(string userId, string title, string body, string? link, long? taskId) => new()
    {
        UserId = userId, Title = Cut(title, 200), Body = Cut(body, 2000), Link = link, TaskId = taskId, CreatedAt = clock.GetUtcNow(),
    };

    /// <summary>Everyone holding <paramref name="role"/> in the department.</summary>
    public async Task ToRoleAsync(PortalDbContext db, int departmentId, string role, string title, string body,
        string? link, long? taskId, CancellationToken ct)
    {
        foreach (var userId in await UsersInRoleAsync(db, departmentId, role, ct))
            ToUser(db, userId, title, body, link, taskId);
    }

    public async Task ToRoleAsync(PortalDbContext db, Workflow.FlowTask task, string title, string body, CancellationToken ct)
    {
        foreach (var userId in await UsersInRoleAsync(db, task.AssigneeDepartmentId, task.AssigneeRole!, ct))
            ToUser(db, userId, title, body, task);
    }

    /// <summary>Everyone holding <paramref name="role"/> in any department (e.g. every 系统管理员).</summary>
    public async Task ToEveryoneInRoleAsync(PortalDbContext db, string role, string title, string body, string? link, CancellationToken ct)
    {
        foreach (var userId in await db.UserRoles.Where(r => r.RoleId == role).Select(r => r.UserId).Distinct().ToListAsync(ct))
            ToUser(db, userId, title, body, link);
    }

    public static Task<List<string>> UsersInRoleAsync(PortalDbContext db, int departmentId, string role, CancellationToken ct) =>
        db.Users.Where(u => u.DepartmentId == departmentId && db.UserRoles.Any(r => r.UserId == u.Id && r.RoleId == role))
            .Select(u => u.Id).ToListAsync(ct);

    /// <summary>
    /// Takes back messages added to this unit of work and not saved yet, where the feature's own message about the same
    /// event replaces them (one message per event: a data check's answer ends its flow, but "已办结" would be untrue there).
    /// </summary>
    public static int WithdrawPending(PortalDbContext db, Func<Notification, bool> which)
    {
        var pending = db.ChangeTracker.Entries<Notification>().Where(e => e.State == EntityState.Added && which(e.Entity)).ToList();
        foreach (var entry in pending) entry.State = EntityState.Detached;
        return pending.Count;
    }

    private static string Cut(string s, int max) => s.Length <= max ? s : s[..(max - 1)] + "…";
}
