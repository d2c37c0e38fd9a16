using System.Net;
using System.Security.Claims;
using GovDataPortal.Features.Audit;
using GovDataPortal.Features.Demo;
using GovDataPortal.Features.Identity;
using GovDataPortal.Infrastructure;
using GovDataPortal.Tests.Support;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace GovDataPortal.Tests.Features.Identity;

/// <summary>
/// Server-side sessions (GB/T 22239-2019 8.1.4.1 b): logout needs the page's antiforgery token; a cookie is refused on its
/// next request once its session ended — logout, password change, role change, lockout, idle 30 minutes, 8 hours after
/// sign-in — and an open page is cut off by its minute-by-minute check.
/// </summary>
public class SessionTests(PortalFixture portal) : IClassFixture<PortalFixture>
{
    private const string NewPassword = "Xin@Mima2026";

    private static void AssertSentToLogin(HttpResponseMessage response) =>
        Assert.StartsWith("http://localhost/account/login", CookieBrowser.Location(response) is { Length: > 0 } l ? l : $"{(int)response.StatusCode}");

    private static void AssertOpens(HttpResponseMessage response) => Assert.Equal(HttpStatusCode.OK, response.StatusCode);

    [Fact]
    public async Task Logout_requires_antiforgery_token()
    {
        var browser = await CookieBrowser.SignedInAsync(portal, "wangqiang");

        var forged = await browser.PostAsync("/account/logout", new());

        Assert.Equal(HttpStatusCode.BadRequest, forged.StatusCode);
        AssertOpens(await browser.GetAsync("/"));
        Assert.DoesNotContain(await portal.AuditAsync(AuditActions.Logout), a => a.UserName == "wangqiang");

        // The header's 退出 form carries the token: posting it signs out.
        var logout = await browser.PostFormAsync("/", "/account/logout", new());
        Assert.Equal("/account/login", CookieBrowser.Location(logout));
        Assert.Single(await portal.AuditAsync(AuditActions.Logout), a => a.UserName == "wangqiang");
    }

    [Fact]
    public async Task A_cookie_saved_before_logout_is_refused_afterwards()
    {
        var browser = await CookieBrowser.SignedInAsync(portal, "zhaomin");
        var saved = browser.Copy();
        AssertOpens(await saved.GetAsync("/"));

        await browser.PostFormAsync("/", "/account/logout", new());

        AssertSentToLogin(await saved.GetAsync("/"));
        Assert.Equal(SessionEndReason.SignedOut, (await SessionsOfAsync("zhaomin")).Single().EndReason);
    }

    [Fact]
    public async Task Changing_my_password_ends_my_other_sessions_and_keeps_this_one()
    {
        var here = await CookieBrowser.SignedInAsync(portal, "yangfan");
        var elsewhere = await CookieBrowser.SignedInAsync(portal, "yangfan");

        var change = await here.PostFormAsync("/account/change-password", "/account/change-password", new()
        {
            ["_handler"] = "change-password", ["Input.Current"] = DemoAccounts.Password, ["Input.New"] = NewPassword, ["Input.Confirm"] = NewPassword,
        });

        Assert.Equal(HttpStatusCode.Redirect, change.StatusCode);
        AssertOpens(await here.GetAsync("/"));
        AssertSentToLogin(await elsewhere.GetAsync("/"));
        Assert.Contains(await SessionsOfAsync("yangfan"), s => s.EndReason == SessionEndReason.PasswordChanged);
    }

    [Fact]
    public async Task A_password_reset_by_an_administrator_ends_every_session_of_the_user()
    {
        var browser = await CookieBrowser.SignedInAsync(portal, "liuyang");
        await using (var scope = await portal.ScopeAsAsync("admin"))
            await scope.Get<UserAdministrationService>().ResetPasswordAsync(await portal.UserIdAsync("liuyang"), NewPassword);

        AssertSentToLogin(await browser.GetAsync("/"));
        Assert.Equal(SessionEndReason.PasswordReset, (await SessionsOfAsync("liuyang")).Single().EndReason);
    }

    [Fact]
    public async Task A_role_change_ends_every_session_of_the_user()
    {
        var browser = await CookieBrowser.SignedInAsync(portal, "chenjing");
        await using (var scope = await portal.ScopeAsAsync("security"))
            await scope.Get<UserAdministrationService>().SetRolesAsync(await portal.UserIdAsync("chenjing"),
                [PortalRoles.DataSpecialist, PortalRoles.Leadership]);

        AssertSentToLogin(await browser.GetAsync("/"));
        Assert.Equal(SessionEndReason.RolesChanged, (await SessionsOfAsync("chenjing")).Single().EndReason);
    }

    [Fact]
    public async Task A_lockout_ends_every_session_of_the_user()
    {
        var browser = await CookieBrowser.SignedInAsync(portal, "lina");
        for (var i = 0; i < 5; i++)
            await new CookieBrowser(portal).PostFormAsync("/account/login", "/account/login", new()
            {
                ["_handler"] = "login", ["Input.UserName"] = "lina", ["Input.Password"] = "Wrong@Pass2026",
            });

        AssertSentToLogin(await browser.GetAsync("/"));
        Assert.Equal(SessionEndReason.LockedOut, (await SessionsOfAsync("lina")).Single(s => s.EndReason is not null).EndReason);
    }

    [Fact]
    public async Task A_session_idle_for_30_minutes_is_ended_and_activity_keeps_it_alive()
    {
        portal.Clock.Set(PortalFixture.Start);
        var active = await CookieBrowser.SignedInAsync(portal, "admin");
        var idle = await CookieBrowser.SignedInAsync(portal, "admin");

        for (var i = 0; i < 3; i++)
        {
            portal.Clock.Advance(TimeSpan.FromMinutes(20));
            AssertOpens(await active.GetAsync("/profile"));
        }

        AssertSentToLogin(await idle.GetAsync("/profile"));
        AssertOpens(await active.GetAsync("/profile"));
        var sessions = await SessionsOfAsync("admin");
        Assert.Single(sessions, s => s.EndReason == SessionEndReason.IdleTimeout);
        Assert.Single(sessions, s => s.EndedAt is null && s.LastSeenAt == PortalFixture.Start.AddMinutes(60));
        Assert.Contains(await portal.AuditAsync(AuditActions.SessionEnded), a => a.UserName == "admin" && a.Summary.Contains("空闲超时"));
        portal.Clock.Set(PortalFixture.Start);
    }

    [Fact]
    public async Task A_session_ends_8_hours_after_sign_in_however_active_whatever_the_cookie_says()
    {
        var browser = await CookieBrowser.SignedInAsync(portal, "auditor");
        // Signed in 8 hours and a minute ago by the server's record; the cookie alone would still be accepted.
        await using (var db = await portal.DbAsync())
            await db.UserSessions.Where(s => s.User!.UserName == "auditor")
                .ExecuteUpdateAsync(u => u.SetProperty(s => s.CreatedAt, s => s.CreatedAt.AddHours(-8).AddMinutes(-1)));

        AssertSentToLogin(await browser.GetAsync("/"));
        Assert.Equal(SessionEndReason.LifetimeExceeded, (await SessionsOfAsync("auditor")).Single().EndReason);
    }

    [Fact]
    public async Task An_open_page_is_cut_off_when_its_session_ends_and_stays_while_its_user_works_on_it()
    {
        portal.Clock.Set(PortalFixture.Start);
        var browser = await CookieBrowser.SignedInAsync(portal, "security");
        var session = (await SessionsOfAsync("security")).Single();
        var user = await PrincipalWithSessionAsync("security", session.Id);

        await using var circuit = portal.Services.CreateAsyncScope();
        var provider = Assert.IsType<SessionRevalidatingAuthenticationStateProvider>(circuit.Get<AuthenticationStateProvider>());
        Assert.True(SessionRevalidatingAuthenticationStateProvider.Interval <= TimeSpan.FromMinutes(1));
        var activity = circuit.Get<CircuitActivity>();

        // Input on the page 25 minutes in counts as activity: 50 minutes in, the session is 25 minutes idle.
        portal.Clock.Advance(TimeSpan.FromMinutes(25));
        activity.LastActivityAt = portal.Clock.GetUtcNow();
        Assert.True(await provider.IsStillValidAsync(user));
        portal.Clock.Advance(TimeSpan.FromMinutes(25));
        Assert.True(await provider.IsStillValidAsync(user));

        // Ended from elsewhere: the next check turns the page anonymous.
        await using (var scope = await portal.ScopeAsAsync("security"))
            await scope.Get<SessionService>().EndAllAsync(await portal.UserIdAsync("security"), SessionEndReason.EndedByUser);
        Assert.False(await provider.IsStillValidAsync(user));
        AssertSentToLogin(await browser.GetAsync("/"));
        portal.Clock.Set(PortalFixture.Start);
    }

    [Fact]
    public async Task An_open_page_left_without_input_for_30_minutes_is_cut_off()
    {
        portal.Clock.Set(PortalFixture.Start);
        await CookieBrowser.SignedInAsync(portal, "zhangwei");
        var session = (await SessionsOfAsync("zhangwei")).Single();
        await using var circuit = portal.Services.CreateAsyncScope();
        var provider = (SessionRevalidatingAuthenticationStateProvider)circuit.Get<AuthenticationStateProvider>();

        portal.Clock.Advance(TimeSpan.FromMinutes(31));

        Assert.False(await provider.IsStillValidAsync(await PrincipalWithSessionAsync("zhangwei", session.Id)));
        Assert.Equal(SessionEndReason.IdleTimeout, (await SessionsOfAsync("zhangwei")).Single().EndReason);
        portal.Clock.Set(PortalFixture.Start);
    }

    [Fact]
    public async Task A_cookie_without_a_session_is_refused()
    {
        // A principal as Identity alone would issue it (no session id), e.g. a cookie from before sessions existed.
        await using var scope = portal.AnonymousScope();
        var check = await scope.Get<SessionService>().CheckRequestAsync(await PortalFixture.PrincipalOfAsync(portal.Services, "admin"));
        Assert.False(check.IsValid);
    }

    [Theory]
    [InlineData("Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36 Edg/131.0.0.0", "Edge 131（Windows）")]
    [InlineData("Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36", "Chrome 131（Linux）")]
    [InlineData("Mozilla/5.0 (Windows NT 10.0; Win64; x64; rv:133.0) Gecko/20100101 Firefox/133.0", "Firefox 133（Windows）")]
    [InlineData("Mozilla/5.0 (iPhone; CPU iPhone OS 17_0 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.0 Mobile/15E148 Safari/604.1", "Safari 17（iOS）")]
    [InlineData(null, "未知浏览器")]
    public void A_user_agent_is_summarised_as_browser_and_system(string? userAgent, string expected) =>
        Assert.Equal(expected, BrowserSummary.Of(userAgent));

    private async Task<List<UserSession>> SessionsOfAsync(string userName)
    {
        await using var db = await portal.DbAsync();
        return await db.UserSessions.AsNoTracking().Where(s => s.User!.UserName == userName).OrderBy(s => s.CreatedAt).ToListAsync();
    }

    private async Task<ClaimsPrincipal> PrincipalWithSessionAsync(string userName, Guid session)
    {
        var principal = await PortalFixture.PrincipalOfAsync(portal.Services, userName);
        ((ClaimsIdentity)principal.Identity!).AddClaim(new Claim(SessionService.SessionClaim, session.ToString()));
        return principal;
    }
}

/// <summary>Sessions at their edges, on a database of their own (the class above signs in nearly every demo user).</summary>
public class SessionEdgeTests(PortalFixture portal) : IClassFixture<PortalFixture>
{
    [Fact]
    public async Task Logging_out_of_a_page_whose_session_already_ended_leads_to_the_login_page()
    {
        var browser = await CookieBrowser.SignedInAsync(portal, "chenjing");
        var stale = browser.Copy();
        var page = await (await stale.GetAsync("/")).Content.ReadAsStringAsync();
        var token = AntiforgeryForm.Token(page);
        await browser.PostFormAsync("/", "/account/logout", new()); // the same session ends from elsewhere

        var logout = await stale.PostAsync("/account/logout", new() { [AntiforgeryForm.FieldName] = token });

        Assert.Equal("/account/login", CookieBrowser.Location(logout)); // not back to /account/logout after signing in
        Assert.Single(await portal.AuditAsync(AuditActions.Logout), a => a.UserName == "chenjing"); // nothing ended twice
    }

    [Fact]
    public async Task A_user_agent_with_control_characters_is_stored_without_them_and_the_sign_in_goes_on()
    {
        var principal = await PortalFixture.PrincipalOfAsync(portal.Services, "zhoutao");
        await using var scope = portal.AnonymousScope();

        var id = await scope.Get<SessionService>().StartAsync(principal, "10.3.0.1", "Mozilla/5.0\u0000 (X11; Linux)\u0007 Chrome/131");

        await using var db = await portal.DbAsync();
        Assert.Equal("Mozilla/5.0 (X11; Linux) Chrome/131", await db.UserSessions.Where(s => s.Id == id).Select(s => s.UserAgent).SingleAsync());
    }
}
