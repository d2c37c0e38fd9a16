using GovDataPortal.Features.Notifications;
using GovDataPortal.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace GovDataPortal.Tests.Features.Notifications;

public static class NotificationArrange
{
    /// <summary>Adds notifications for a demo user directly (as the Notifier would in some unit of work); returns their ids.</summary>
    public static async Task<List<long>> NotifyAsync(this PortalFixture portal, string userName, int count, string title = "测试通知",
        string? link = "inbox")
    {
        await using var db = await portal.DbAsync();
        var userId = await db.Users.Where(u => u.UserName == userName).Select(u => u.Id).SingleAsync();
        var rows = Enumerable.Range(1, count).Select(i => new Notification
        {
            UserId = userId, Title = $"{title}{i}", Body = $"“测试事项”待您办理（第{i}条）。", Link = link, CreatedAt = portal.Clock.GetUtcNow(),
        }).ToList();
        db.Notifications.AddRange(rows);
        await db.SaveChangesAsync();
        return [.. rows.Select(r => r.Id)];
    }
}
