using Bunit;
using GovDataPortal.Features.Notifications;
using GovDataPortal.Tests.Components;
using GovDataPortal.Tests.Support;
using Microsoft.Extensions.DependencyInjection;

namespace GovDataPortal.Tests.Features.Notifications;

/// <summary>The header bell over the real notification service (polling off): count, panel, Escape, 查看全部.</summary>
public class NotificationBellTests(PortalFixture portal) : PortalComponentTest, IClassFixture<PortalFixture>
{
    private async Task<IRenderedComponent<NotificationBell>> RenderBellAsync(string userName)
    {
        var scope = await portal.ScopeAsAsync(userName);
        Services.AddSingleton(scope.Get<UserNotificationService>());
        return Render<NotificationBell>(p => p.Add(b => b.PollInterval, TimeSpan.Zero));
    }

    [Fact]
    public async Task The_bell_shows_my_unread_count()
    {
        await portal.NotifyAsync("auditor", 3);
        var cut = await RenderBellAsync("auditor");
        Assert.Equal("3", cut.WaitForElement(".gdp-bell-count").TextContent.Trim());
        Assert.Contains("3条未读", cut.Find(".gdp-bell-button").GetAttribute("aria-label"));
        Assert.Empty(cut.FindAll(".gdp-bell-panel")); // closed until clicked
    }

    [Fact]
    public async Task Without_unread_notifications_the_bell_shows_no_count()
    {
        var cut = await RenderBellAsync("security");
        Assert.NotNull(cut.Find(".gdp-bell-button"));
        Assert.Empty(cut.FindAll(".gdp-bell-count"));
    }

    [Fact]
    public async Task The_panel_lists_the_latest_links_to_all_notifications_and_closes_with_Escape()
    {
        await portal.NotifyAsync("yangfan", 2, title: "铃铛面板");
        var cut = await RenderBellAsync("yangfan");

        cut.Find(".gdp-bell-button").Click();
        cut.WaitForAssertion(() => Assert.Contains(cut.FindAll(".gdp-notification-title"), t => t.TextContent == "铃铛面板2"));
        Assert.Equal("notifications", cut.Find(".gdp-bell-all").GetAttribute("href"));
        Assert.Equal("查看全部通知", cut.Find(".gdp-bell-all").TextContent);

        cut.Find(".gdp-bell-panel").KeyDown(new Microsoft.AspNetCore.Components.Web.KeyboardEventArgs { Key = "Escape" });
        cut.WaitForAssertion(() => Assert.Empty(cut.FindAll(".gdp-bell-panel")));
    }

    [Fact]
    public async Task Marking_all_read_clears_the_count()
    {
        await portal.NotifyAsync("wangqiang", 2);
        var cut = await RenderBellAsync("wangqiang");
        cut.WaitForElement(".gdp-bell-count");
        cut.Find(".gdp-bell-button").Click();
        cut.WaitForElement(".gdp-bell-read-all").Click();
        cut.WaitForAssertion(() => Assert.Empty(cut.FindAll(".gdp-bell-count")));
        Assert.All(cut.FindAll(".gdp-notification"), n => Assert.Equal("true", n.GetAttribute("data-read")));
    }
}
