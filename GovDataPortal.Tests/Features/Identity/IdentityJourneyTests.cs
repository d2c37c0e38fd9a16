using GovDataPortal.Features.Policies;
using System.Text.RegularExpressions;
using GovDataPortal.Features.Demo;
using GovDataPortal.Features.Identity;
using GovDataPortal.Tests.Browser;
using Microsoft.Playwright;
using static GovDataPortal.Tests.Features.Organisation.MudJourney;

namespace GovDataPortal.Tests.Features.Identity;

/// <summary>The user, role and profile pages driven in a real browser.</summary>
[Collection("browser")]
public partial class IdentityJourneyTests(BrowserFixture web) : IClassFixture<BrowserFixture>
{
    [Fact]
    public async Task A_refused_role_change_shows_the_article_42_message_and_restores_the_saved_boxes()
    {
        var page = await web.SignedInPageAsync("security");
        await page.GotoAsync("admin/roles");
        await BrowserFixture.WaitForCircuitAsync(page);
        await Assertions.Expect(page.Locator("#roles-citation")).ToContainTextAsync(SeparationOfDuties.Citation(BuiltInProfiles.Get(Jurisdiction.Shuangpai)));
        await LookAsync(page, "roles-security");
        await PickAsync(page, "roles-user", "zhangwei", "张伟（zhangwei");
        var auditorBox = RoleBox(page, PortalRoles.Auditor);
        await page.Locator("#roles-checkboxes .gdp-role").Nth(RoleIndex(PortalRoles.Auditor)).ClickAsync();
        await Assertions.Expect(auditorBox).ToBeCheckedAsync();

        await page.ClickAsync("#roles-save");

        await Assertions.Expect(page.Locator("#roles-refusal")).ToContainTextAsync("审计员不能兼任业务角色");
        await Assertions.Expect(page.Locator("#roles-refusal")).ToContainTextAsync(SeparationOfDuties.Citation(BuiltInProfiles.Get(Jurisdiction.Shuangpai)));
        await Assertions.Expect(auditorBox).Not.ToBeCheckedAsync();
        await Assertions.Expect(RoleBox(page, PortalRoles.DataSpecialist)).ToBeCheckedAsync();
        await LookAsync(page, "roles-refused");
    }

    [Fact]
    public async Task A_token_secret_is_shown_once_and_the_token_can_be_revoked()
    {
        var page = await web.SignedInPageAsync("liuyang");
        await page.GotoAsync("profile");
        await BrowserFixture.WaitForCircuitAsync(page);
        await Assertions.Expect(page.Locator("#profile-info")).ToContainTextAsync(DemoAccounts.Market);

        await page.FillAsync("#token-name", "浏览器测试令牌");
        await page.ClickAsync("#token-issue");

        var secret = page.Locator("#token-secret");
        await Assertions.Expect(secret).ToContainTextAsync("请立即复制保存，关闭后将无法再次查看");
        await Assertions.Expect(secret.Locator("code")).ToContainTextAsync("gdp_");
        var row = page.Locator("#token-grid tr", new() { HasText = "浏览器测试令牌" });
        await Assertions.Expect(row).ToContainTextAsync("有效");
        await BrowserFixture.ScreenshotAsync(page, "profile-token-issued");

        await row.Locator("button", new() { HasText = "撤销" }).ClickAsync();
        await page.Locator(".mud-dialog .mud-dialog-actions button", new() { HasText = "撤销" }).ClickAsync();
        await Assertions.Expect(row).ToContainTextAsync("已撤销");
        await Assertions.Expect(Snackbar(page, "已撤销")).ToBeVisibleAsync();
    }

    /// <summary>User-reported: token times were cut off in the table. They show in full, to the minute, on one line.</summary>
    [Fact]
    public async Task Token_times_show_in_full_on_one_line_in_beijing_time()
    {
        var page = await web.SignedInPageAsync("zhangwei");
        await page.GotoAsync("profile");
        await BrowserFixture.WaitForCircuitAsync(page);
        await page.FillAsync("#token-name", "报表同步（按日到期）");
        await page.ClickAsync(".mud-picker:has(#token-expiry)");
        // The portal's clock stands at 2026-11-20 (Beijing): the 28th is within the allowed year.
        await page.Locator(".mud-popover-open button.mud-picker-calendar-day:not(.mud-hidden)", new() { HasTextRegex = new Regex("^28$") })
            .First.ClickAsync();
        await page.ClickAsync("#token-issue");
        var secret = await page.Locator("#token-secret code").TextContentAsync();
        await page.ClickAsync("#token-secret .mud-alert-close button");

        // Using the token stamps its last use.
        var api = await page.Context.APIRequest.GetAsync("api/tokens", new() { Headers = new Dictionary<string, string> { ["Authorization"] = $"Bearer {secret}" } });
        Assert.Equal(200, api.Status);
        await page.ReloadAsync();
        await BrowserFixture.WaitForCircuitAsync(page);

        var row = page.Locator("#token-grid tbody tr", new() { HasText = "报表同步（按日到期）" });
        await Assertions.Expect(row).ToContainTextAsync("有效");
        var times = row.Locator(".gdp-token-time");
        await Assertions.Expect(times).ToHaveCountAsync(3);
        Assert.Equal(["2026-11-20 10:00", "2026-11-29 00:00", "2026-11-20 10:00"], (await times.AllInnerTextsAsync()).Select(t => t.Trim()));
        // Nothing is cut or wrapped: each cell holds its whole text on a single line.
        var fits = await times.EvaluateAllAsync<bool[]>(
            "cells => cells.map(c => c.scrollWidth <= c.clientWidth && getComputedStyle(c).whiteSpace === 'nowrap' && c.getClientRects().length === 1)");
        Assert.All(fits, Assert.True);
        await LookAsync(page, "profile-zhangwei");
    }

    [Fact]
    public async Task Creating_a_user_shows_chinese_field_errors_then_lists_the_new_user()
    {
        var page = await web.SignedInPageAsync("admin");
        await page.GotoAsync("admin/users");
        await BrowserFixture.WaitForCircuitAsync(page);
        await Assertions.Expect(page.Locator("#users-grid")).ToContainTextAsync("张伟");
        await LookAsync(page, "users-admin");
        await page.ClickAsync("#users-create");

        await page.ClickAsync("#edit-save");
        await Assertions.Expect(page.Locator(".gdp-field-error[data-field='UserName']")).ToHaveTextAsync("请填写用户名。");
        await Assertions.Expect(page.Locator(".gdp-field-error[data-field='DepartmentId']")).ToHaveTextAsync("请选择所属部门。");
        await LookAsync(page, "users-create-errors");

        await page.FillAsync("#edit-username", "journey");
        await page.FillAsync("#edit-displayname", "旅程用户");
        await ChooseAsync(page, "edit-department", DemoAccounts.HumanResources);
        await page.FillAsync("#edit-password", "Journey@2026");
        await page.ClickAsync("#edit-save");

        await Assertions.Expect(Snackbar(page, "用户已创建")).ToBeVisibleAsync();
        await page.FillAsync("#users-search", "旅程");
        await Assertions.Expect(page.Locator("#users-grid tbody tr")).ToHaveCountAsync(1);
        await Assertions.Expect(page.Locator("#users-grid")).ToContainTextAsync("旅程用户");
    }

    private static int RoleIndex(string role) => PortalRoles.All.ToList().IndexOf(role);

    private static ILocator RoleBox(IPage page, string role) =>
        page.Locator("#roles-checkboxes .gdp-role").Nth(RoleIndex(role)).Locator("input[type=checkbox]");
}
