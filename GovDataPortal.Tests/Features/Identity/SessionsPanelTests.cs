using System.Security.Claims;
using Bunit;
using GovDataPortal.Features.Audit;
using GovDataPortal.Features.Identity;
using GovDataPortal.Infrastructure;
using GovDataPortal.Tests.Components;
using GovDataPortal.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace GovDataPortal.Tests.Features.Identity;

/// <summary>
/// 登录会话 on the profile page, rendered by bUnit over the real <see cref="SessionService"/>: the user's open sessions
/// with the current one marked; ending one or all others is audited and refuses their cookies.
/// </summary>
public class SessionsPanelTests(PortalFixture portal) : PortalComponentTest, IClassFixture<PortalFixture>
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(10);

    /// <summary>Three sign-ins of the user; the panel acts in the first.</summary>
    private async Task<(IRenderedComponent<SessionsPanel> Panel, Guid Current, CookieBrowser[] Others, AsyncServiceScope Scope)> RenderAsync(string userName)
    {
        // The session the panel is shown in, read before the others exist: all three start at the same (test) instant.
        await CookieBrowser.SignedInAsync(portal, userName);
        Guid current;
        await using (var db = await portal.DbAsync())
            current = await db.UserSessions.Where(s => s.User!.UserName == userName).Select(s => s.Id).SingleAsync();
        var others = new[] { await CookieBrowser.SignedInAsync(portal, userName), await CookieBrowser.SignedInAsync(portal, userName) };

        var scope = await portal.ScopeAsAsync(userName, "10.1.2.3");
        var actor = scope.Get<CurrentActor>();
        var principal = actor.Principal;
        ((ClaimsIdentity)principal.Identity!).AddClaim(new Claim(SessionService.SessionClaim, current.ToString()));
        actor.Set(principal, "10.1.2.3");
        Services.AddSingleton(scope.Get<SessionService>());
        Services.AddSingleton(scope.Get<IOptions<SecurityOptions>>());
        return (Render<SessionsPanel>(), current, others, scope);
    }

    [Fact]
    public async Task The_panel_lists_my_sessions_marks_the_current_one_and_ends_another_then_all_others()
    {
        var (panel, current, others, scope) = await RenderAsync("zhoutao");
        await using var _ = scope;

        panel.WaitForAssertion(() => Assert.Equal(3, panel.FindAll("tr.gdp-session").Count), Wait);
        var first = panel.Find("tr.gdp-session");
        Assert.Equal(current.ToString(), first.GetAttribute("data-session"));
        Assert.Contains("当前会话", first.TextContent);
        Assert.Empty(first.QuerySelectorAll(".gdp-session-end"));
        Assert.Equal(2, panel.FindAll(".gdp-session-end").Count);
        Assert.Contains("空闲 30 分钟", panel.Markup);
        Assert.Contains("8 小时", panel.Markup);

        panel.FindAll(".gdp-session-end")[0].Click();
        panel.WaitForAssertion(() => Assert.Equal(2, panel.FindAll("tr.gdp-session").Count), Wait);
        panel.Find("#sessions-end-others").Click();
        panel.WaitForAssertion(() => Assert.Single(panel.FindAll("tr.gdp-session")), Wait);

        Assert.NotNull(panel.Find("#sessions-only-this"));
        Assert.Empty(panel.FindAll("#sessions-end-others"));
        foreach (var other in others)
            Assert.StartsWith("http://localhost/account/login", CookieBrowser.Location(await other.GetAsync("/")));
        var audit = (await portal.AuditAsync(AuditActions.SessionEnded)).Where(a => a.UserName == "zhoutao").ToList();
        Assert.Equal(2, audit.Count);
        Assert.All(audit, a => Assert.Contains("由本人在其他会话中结束", a.Summary));
    }

    [Fact]
    public async Task The_current_session_and_sessions_of_others_cannot_be_ended_from_the_list()
    {
        var (panel, current, _, scope) = await RenderAsync("zhaomin");
        await using var __ = scope;
        var sessions = scope.Get<SessionService>();

        var self = await Assert.ThrowsAsync<DomainException>(() => sessions.EndMineAsync(current));
        Assert.Contains("退出", self.Message);
        await CookieBrowser.SignedInAsync(portal, "zhangwei");
        await using var db = await portal.DbAsync();
        var someoneElses = await db.UserSessions.Where(s => s.User!.UserName == "zhangwei").Select(s => s.Id).FirstAsync();
        await Assert.ThrowsAsync<DomainException>(() => sessions.EndMineAsync(someoneElses));
        Assert.Null(await db.UserSessions.Where(s => s.Id == someoneElses).Select(s => s.EndedAt).SingleAsync());
        panel.WaitForAssertion(() => Assert.Equal(3, panel.FindAll("tr.gdp-session").Count), Wait);
    }
}
