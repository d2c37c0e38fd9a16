using Bunit;
using GovDataPortal.Features.Notifications;
using GovDataPortal.Tests.Components;
using GovDataPortal.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace GovDataPortal.Tests.Features.Notifications;

/// <summary>消息通知: paged in SQL, filtered by read state, mark one or all read.</summary>
public class NotificationsPageTests(PortalFixture portal) : PortalComponentTest, IClassFixture<PortalFixture>
{
    private async Task<IRenderedComponent<NotificationsPage>> RenderAsync(string userName)
    {
        var scope = await portal.ScopeAsAsync(userName);
        Services.AddSingleton(scope.Get<UserNotificationService>());
        RenderPopoverProvider();
        return Render<NotificationsPage>();
    }

    private async Task ReadOnlyMineAsync(string userName, int count)
    {
        await using var db = await portal.DbAsync();
        var me = await db.Users.Where(u => u.UserName == userName).Select(u => u.Id).SingleAsync();
        await db.Notifications.Where(n => n.UserId == me).ExecuteDeleteAsync();
        await portal.NotifyAsync(userName, count, title: "页面通知");
    }

    [Fact]
    public async Task The_service_pages_and_filters_in_the_database()
    {
        await ReadOnlyMineAsync("liuyang", 25);
        await using var scope = await portal.ScopeAsAsync("liuyang");
        var service = scope.Get<UserNotificationService>();
        var first = (await service.LatestAsync(1)).Items.Single();
        await service.MarkReadAsync(first.Id);

        var page2 = await service.PageAsync(NotificationFilter.All, 20, 20);
        Assert.Equal(25, page2.Total);
        Assert.Equal(5, page2.Items.Count);
        Assert.Equal(24, (await service.PageAsync(NotificationFilter.Unread, 0, 100)).Total);
        Assert.Equal(first.Id, (await service.PageAsync(NotificationFilter.Read, 0, 100)).Items.Single().Id);
    }

    [Fact]
    public async Task The_page_lists_my_notifications_and_marks_them_all_read()
    {
        await ReadOnlyMineAsync("chenjing", 3);
        var cut = await RenderAsync("chenjing");
        cut.WaitForAssertion(() => Assert.Equal(3, cut.FindAll("tr.gdp-unread").Count));
        Assert.Contains("页面通知1", cut.Markup);

        cut.Find(".gdp-read-all").Click();
        cut.WaitForAssertion(() => Assert.Equal(3, cut.FindAll("tr.gdp-read").Count));
        Assert.Empty(cut.FindAll(".gdp-mark-read"));
    }

    [Fact]
    public async Task Filtering_unread_shows_only_unread_and_says_so_when_there_are_none()
    {
        await ReadOnlyMineAsync("lina", 1);
        var cut = await RenderAsync("lina");
        cut.WaitForAssertion(() => Assert.Single(cut.FindAll("tr.gdp-unread")));
        cut.Find(".gdp-mark-read").Click();
        cut.WaitForAssertion(() => Assert.Single(cut.FindAll("tr.gdp-read")));

        // Marking read re-renders more than once under load: find and click together, retried on a stale handler.
        cut.WaitForAssertion(() => cut.Find(".gdp-filter-unread").Click());
        cut.WaitForAssertion(() => Assert.Contains("没有未读通知。", cut.Markup));
    }
}
