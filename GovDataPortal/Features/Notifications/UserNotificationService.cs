using GovDataPortal.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace GovDataPortal.Features.Notifications;

public sealed record NotificationItem(long Id, string Title, string Body, string? StoredLink, long? TaskId, DateTimeOffset CreatedAt, bool Read)
{
    public string? Link => Notification.LinkOf(StoredLink, TaskId);
}

public enum NotificationFilter { All, Unread, Read }

public sealed record NotificationList(int Unread, IReadOnlyList<NotificationItem> Items);

/// <summary>
/// The signed-in person's own notifications (the header bell, 消息通知, <c>/api/notifications</c>). Every query is
/// limited to the actor's rows.
/// </summary>
public sealed class UserNotificationService(IDbContextFactory<PortalDbContext> factory, CurrentActor actor, TimeProvider clock)
{
    public const int BellSize = 10;
    public const int MaxTake = 100;

    /// <summary>The latest <paramref name="take"/> notifications, newest first, with the unread count.</summary>
    public async Task<NotificationList> LatestAsync(int take = BellSize, CancellationToken ct = default)
    {
        var me = Me();
        await using var db = await factory.CreateDbContextAsync(ct);
        var unread = await db.Notifications.CountAsync(n => n.UserId == me && n.ReadAt == null, ct);
        var items = await db.Notifications.Where(n => n.UserId == me).OrderByDescending(n => n.Id).Take(Math.Clamp(take, 1, MaxTake))
            .Select(n => new NotificationItem(n.Id, n.Title, n.Body, n.Link, n.TaskId, n.CreatedAt, n.ReadAt != null))
            .ToListAsync(ct);
        return new(unread, items);
    }

    /// <summary>One page of 消息通知, newest first, optionally only read or only unread ones; with the total.</summary>
    public async Task<(int Total, IReadOnlyList<NotificationItem> Items)> PageAsync(NotificationFilter filter, int skip, int take,
        CancellationToken ct = default)
    {
        var me = Me();
        await using var db = await factory.CreateDbContextAsync(ct);
        var mine = db.Notifications.Where(n => n.UserId == me);
        mine = filter switch
        {
            NotificationFilter.Unread => mine.Where(n => n.ReadAt == null),
            NotificationFilter.Read => mine.Where(n => n.ReadAt != null),
            _ => mine,
        };
        var total = await mine.CountAsync(ct);
        var items = await mine.OrderByDescending(n => n.Id).Skip(Math.Max(skip, 0)).Take(Math.Clamp(take, 1, MaxTake))
            .Select(n => new NotificationItem(n.Id, n.Title, n.Body, n.Link, n.TaskId, n.CreatedAt, n.ReadAt != null))
            .ToListAsync(ct);
        return (total, items);
    }

    /// <summary>Polled by the bell every few seconds: one indexed count, nothing else.</summary>
    public async Task<int> UnreadCountAsync(CancellationToken ct = default)
    {
        if (actor.UserId is not { } me) return 0;
        await using var db = await factory.CreateDbContextAsync(ct);
        return await db.Notifications.CountAsync(n => n.UserId == me && n.ReadAt == null, ct);
    }

    /// <summary>False when the notification is not the actor's (or does not exist): nobody marks another's messages.</summary>
    public async Task<bool> MarkReadAsync(long id, CancellationToken ct = default)
    {
        var me = Me();
        var now = clock.GetUtcNow();
        await using var db = await factory.CreateDbContextAsync(ct);
        // COALESCE keeps the first reading time when it is marked again.
        var mine = await db.Notifications.Where(n => n.Id == id && n.UserId == me)
            .ExecuteUpdateAsync(s => s.SetProperty(n => n.ReadAt, n => n.ReadAt ?? now), ct);
        return mine == 1;
    }

    /// <summary>Marks all of the actor's unread notifications; returns how many.</summary>
    public async Task<int> MarkAllReadAsync(CancellationToken ct = default)
    {
        var me = Me();
        var now = clock.GetUtcNow();
        await using var db = await factory.CreateDbContextAsync(ct);
        return await db.Notifications.Where(n => n.UserId == me && n.ReadAt == null)
            .ExecuteUpdateAsync(s => s.SetProperty(n => n.ReadAt, now), ct);
    }

    private string Me()
    {
        actor.RequireSignedIn();
        return actor.UserId!;
    }
}
