using System.Net;
using GovDataPortal.Features.Demo;
using GovDataPortal.Features.Identity;
using GovDataPortal.Infrastructure;
using GovDataPortal.Tests.Support;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace GovDataPortal.Tests.Features.Identity;

/// <summary>
/// GB/T 22239-2019 8.1.4.1 a (口令定期更换): a password set by an administrator or older than 90 days must be changed
/// before anything else; none of the last 5 passwords may come back.
/// </summary>
public class PasswordRuleTests(PortalFixture portal) : IClassFixture<PortalFixture>
{
    private const string Temporary = "Linshi@2026x";
    private const string Chosen = "Benren@2026y";

    private static string ChangePage(string returnUrl) => $"/account/change-password?returnUrl={Uri.EscapeDataString(returnUrl)}";

    [Fact]
    public async Task A_password_reset_by_an_administrator_forces_a_change_at_next_sign_in_before_anything_else()
    {
        await using (var scope = await portal.ScopeAsAsync("admin"))
            await scope.Get<UserAdministrationService>().ResetPasswordAsync(await portal.UserIdAsync("liuyang"), Temporary);

        var browser = await CookieBrowser.SignedInAsync(portal, "liuyang", Temporary);

        Assert.Equal(ChangePage("/"), CookieBrowser.Location(await browser.GetAsync("/")));
        Assert.Equal(ChangePage("/data-checks?page=2"), CookieBrowser.Location(await browser.GetAsync("/data-checks?page=2")));
        var negotiate = await browser.SendAsync(new HttpRequestMessage(HttpMethod.Post, "/_blazor/negotiate"));
        Assert.Equal(HttpStatusCode.Forbidden, negotiate.StatusCode);
        Assert.Contains(PasswordChangeGate.MustChangeFirst, await negotiate.Content.ReadAsStringAsync()); // not the 404 page
        var page = await browser.GetAsync("/account/change-password");
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        var html = WebUtility.HtmlDecode(await page.Content.ReadAsStringAsync());
        Assert.Contains("您的密码由管理员设置", html);
        Assert.Contains("GB/T 22239-2019 8.1.4.1", html);
        // Static files still load, so the page looks right.
        Assert.Equal(HttpStatusCode.OK, (await browser.GetAsync("/favicon.svg")).StatusCode);

        var reused = await ChangeAsync(browser, Temporary, Temporary);
        Assert.Equal(HttpStatusCode.OK, reused.StatusCode);
        Assert.Contains("新密码不能与当前密码相同。", WebUtility.HtmlDecode(await reused.Content.ReadAsStringAsync()));

        var changed = await ChangeAsync(browser, Temporary, Chosen, returnUrl: "/data-checks");
        Assert.Equal("http://localhost/data-checks", CookieBrowser.Location(changed));
        Assert.Equal(HttpStatusCode.OK, (await browser.GetAsync("/")).StatusCode);
        await using var db = await portal.DbAsync();
        Assert.False(await db.Users.Where(u => u.UserName == "liuyang").Select(u => u.MustChangePassword).SingleAsync());
    }

    [Fact]
    public async Task A_user_created_by_an_administrator_changes_the_initial_password_first()
    {
        var police = await portal.DepartmentIdAsync(DemoAccounts.Police);
        await using (var scope = await portal.ScopeAsAsync("admin"))
            await scope.Get<UserAdministrationService>().CreateUserAsync("xinren", "新人", police, null, Temporary);

        var browser = await CookieBrowser.SignedInAsync(portal, "xinren", Temporary);

        Assert.Equal(ChangePage("/"), CookieBrowser.Location(await browser.GetAsync("/")));
    }

    [Fact]
    public async Task An_expired_password_forces_a_change_at_sign_in_and_cuts_off_an_open_page()
    {
        var browser = await CookieBrowser.SignedInAsync(portal, "zhoutao");
        await using (var db = await portal.DbAsync())
            await db.Users.Where(u => u.UserName == "zhoutao")
                .ExecuteUpdateAsync(u => u.SetProperty(x => x.PasswordChangedAt, portal.Clock.GetUtcNow().AddDays(-90)));

        Assert.Equal(ChangePage("/inbox"), CookieBrowser.Location(await browser.GetAsync("/inbox")));
        var html = WebUtility.HtmlDecode(await (await browser.GetAsync("/account/change-password")).Content.ReadAsStringAsync());
        Assert.Contains("您的密码已超过 90 天未修改", html);

        await using var circuit = portal.Services.CreateAsyncScope();
        var provider = (SessionRevalidatingAuthenticationStateProvider)circuit.Get<AuthenticationStateProvider>();
        var principal = await PortalFixture.PrincipalOfAsync(portal.Services, "zhoutao");
        await using (var db = await portal.DbAsync())
        {
            var session = await db.UserSessions.Where(s => s.User!.UserName == "zhoutao").Select(s => s.Id).SingleAsync();
            ((System.Security.Claims.ClaimsIdentity)principal.Identity!).AddClaim(new(SessionService.SessionClaim, session.ToString()));
        }
        Assert.False(await provider.IsStillValidAsync(principal));
    }

    [Fact]
    public async Task Demo_accounts_are_not_sent_to_change_their_password()
    {
        var browser = await CookieBrowser.SignedInAsync(portal, "zhangwei");
        Assert.Equal(HttpStatusCode.OK, (await browser.GetAsync("/")).StatusCode);
        await using var db = await portal.DbAsync();
        // (Other tests of this class reset liuyang's password and create xinren.)
        Assert.All(await db.Users.Where(u => u.UserName != "xinren" && u.UserName != "liuyang").ToListAsync(), u =>
        {
            Assert.False(u.MustChangePassword);
            Assert.NotNull(u.PasswordChangedAt);
        });
    }

    [Fact]
    public async Task The_last_five_passwords_cannot_be_reused()
    {
        string[] passwords = ["Diyi@Mima2026", "Dier@Mima2026", "Disan@Mima2026", "Disi@Mima2026", "Diwu@Mima2026"];
        await using var scope = await portal.ScopeAsAsync("wangqiang");
        var service = scope.Get<UserAdministrationService>();
        var current = DemoAccounts.Password;
        foreach (var next in passwords)
        {
            await service.ChangeMyPasswordAsync(current, next, next);
            current = next;
        }

        // The five most recent (the current one included) are refused, each with the same message.
        foreach (var old in passwords[..^1])
        {
            var refused = await Assert.ThrowsAsync<ValidationFailedException>(() => service.ChangeMyPasswordAsync(current, old, old));
            Assert.Equal(["不能使用最近 5 次用过的密码。"], refused.Errors.ByField["NewPassword"]);
        }
        // An administrator's reset obeys it too.
        await using (var admin = await portal.ScopeAsAsync("admin"))
        {
            var refused = await Assert.ThrowsAsync<ValidationFailedException>(() =>
                admin.Get<UserAdministrationService>().ResetPasswordAsync(scope.Get<CurrentActor>().UserId!, passwords[2]));
            Assert.Equal(["不能使用最近 5 次用过的密码。"], refused.Errors.ByField["Password"]);
        }
        // The sixth back is allowed again.
        await service.ChangeMyPasswordAsync(current, DemoAccounts.Password, DemoAccounts.Password);
    }

    private static Task<HttpResponseMessage> ChangeAsync(CookieBrowser browser, string current, string next, string returnUrl = "/") =>
        browser.PostFormAsync(ChangePage(returnUrl), ChangePage(returnUrl), new()
        {
            ["_handler"] = "change-password", ["Input.Current"] = current, ["Input.New"] = next, ["Input.Confirm"] = next,
        });
}
