using GovDataPortal.Features.Notifications;
using GovDataPortal.Tests.Components;
using GovDataPortal.Tests.Support;
using Microsoft.Extensions.DependencyInjection;

namespace GovDataPortal.Tests.Features.Notifications;

/// <summary>The header bell rendered statically (HtmlRenderer): the count it starts with; no timer runs there.</summary>
public class NotificationBellTests(PortalFixture portal) : IClassFixture<PortalFixture>
{
    private async Task<AngleSharp.Dom.IDocument> RenderBellAsync(string userName)
    {
        await using var scope = await portal.ScopeAsAsync(userName);
        var service = scope.Get<UserNotificationService>();
        return await ComponentRenderer.RenderAsync<NotificationBell>(services: s => s.AddSingleton(service));
    }

    [Fact]
    public async Task The_bell_shows_my_unread_count()
    {
        await portal.NotifyAsync("auditor", 3);
        var doc = await RenderBellAsync("auditor");
        Assert.Equal("3", doc.QuerySelector(".gdp-bell-count")!.TextContent.Trim());
        Assert.Contains("3条未读", doc.QuerySelector(".gdp-bell-button")!.GetAttribute("aria-label"));
        Assert.Null(doc.QuerySelector(".gdp-bell-panel")); // closed until clicked
    }

    [Fact]
    public async Task Without_unread_notifications_the_bell_shows_no_count()
    {
        var doc = await RenderBellAsync("security");
        Assert.NotNull(doc.QuerySelector(".gdp-bell-button"));
        Assert.Null(doc.QuerySelector(".gdp-bell-count"));
    }
}
