using GovDataPortal.Features.Notifications;
using GovDataPortal.Infrastructure;
using GovDataPortal.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace GovDataPortal.Tests.Features.Notifications;

/// <summary>The bell's data: each person sees, counts and marks only their own notifications.</summary>
public class UserNotificationServiceTests(PortalFixture portal) : IClassFixture<PortalFixture>
{
    [Fact]
    public async Task Unread_count_and_latest_list_are_my_own_newest_first()
    {
        var mine = await portal.NotifyAsync("yangfan", 3, "人社通知");
        await portal.NotifyAsync("zhoutao", 2, "别人的通知");
        await using var scope = await portal.ScopeAsAsync("yangfan");
        var service = scope.Get<UserNotificationService>();

        Assert.Equal(3, await service.UnreadCountAsync());
        var list = await service.LatestAsync(2);
        Assert.Equal(3, list.Unread);
        Assert.Equal(mine.AsEnumerable().Reverse().Take(2), list.Items.Select(n => n.Id));
        Assert.All(list.Items, n => Assert.StartsWith("人社通知", n.Title));
    }

    [Fact]
    public async Task Marking_read_works_only_on_my_own_notification()
    {
        var ids = await portal.NotifyAsync("liuyang", 2);
        var others = await portal.NotifyAsync("chenjing", 1);
        await using var scope = await portal.ScopeAsAsync("liuyang");
        var liuyang = scope.Get<UserNotificationService>();
        var before = await liuyang.UnreadCountAsync();

        Assert.True(await liuyang.MarkReadAsync(ids[0]));
        Assert.True(await liuyang.MarkReadAsync(ids[0])); // again: still mine, still read
        Assert.False(await liuyang.MarkReadAsync(others[0]));
        Assert.False(await liuyang.MarkReadAsync(long.MaxValue));

        Assert.Equal(before - 1, await liuyang.UnreadCountAsync());
        await using var db = await portal.DbAsync();
        Assert.Null((await db.Notifications.SingleAsync(n => n.Id == others[0])).ReadAt);
        Assert.Equal(portal.Clock.GetUtcNow(), (await db.Notifications.SingleAsync(n => n.Id == ids[0])).ReadAt);
    }

    [Fact]
    public async Task Mark_all_read_leaves_other_peoples_notifications_unread()
    {
        await portal.NotifyAsync("wangqiang", 2);
        var theirs = await portal.NotifyAsync("zhaomin", 1);
        await using var scope = await portal.ScopeAsAsync("wangqiang");
        var wangqiang = scope.Get<UserNotificationService>();
        Assert.True(await wangqiang.MarkAllReadAsync() >= 2);
        Assert.Equal(0, await wangqiang.UnreadCountAsync());
        await using var db = await portal.DbAsync();
        Assert.Null((await db.Notifications.SingleAsync(n => n.Id == theirs[0])).ReadAt);
    }

    [Fact]
    public async Task Nobody_signed_in_has_no_notifications()
    {
        await using var scope = portal.AnonymousScope();
        var service = scope.Get<UserNotificationService>();
        Assert.Equal(0, await service.UnreadCountAsync());
        await Assert.ThrowsAsync<AccessDeniedException>(() => service.LatestAsync());
        await Assert.ThrowsAsync<AccessDeniedException>(() => service.MarkReadAsync(1));
    }
}
