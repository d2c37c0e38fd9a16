using GovDataPortal.Features.Demo;
using GovDataPortal.Features.Identity;
using GovDataPortal.Tests.Browser;
using Microsoft.Playwright;

namespace GovDataPortal.Tests.Features.Identity;

/// <summary>The user, role and profile pages driven in a real browser.</summary>
[Collection("browser")]
public class IdentityJourneyTests(BrowserFixture web) : IClassFixture<BrowserFixture>
{
    [Fact]
    public async Task A_refused_role_change_shows_the_article_42_message_and_restores_the_saved_boxes()
    {
        var page = await web.SignedInPageAsync("security");
        await page.GotoAsync("admin/roles");
        await BrowserFixture.WaitForCircuitAsync(page);
        await PickAsync(page, "#roles-user", "张伟（zhangwei");
        var auditor = page.Locator("#roles-checkboxes .rz-checkbox").Nth(PortalRolesIndex(PortalRoles.Auditor));
        // Radzen keeps the state in aria-checked, not in the input's checked property.
        var auditorBox = auditor.Locator("input[type=checkbox]");
        await auditor.ClickAsync();
        await Assertions.Expect(auditorBox).ToHaveAttributeAsync("aria-checked", "true");

        await page.ClickAsync("#roles-save");

        await Assertions.Expect(page.Locator("#roles-refusal")).ToContainTextAsync("审计员不能兼任业务角色");
        await Assertions.Expect(page.Locator("#roles-refusal")).ToContainTextAsync(SeparationOfDuties.Citation.ToString());
        await Assertions.Expect(auditorBox).ToHaveAttributeAsync("aria-checked", "false");
        await Assertions.Expect(page.Locator("#roles-checkboxes .rz-checkbox").Nth(PortalRolesIndex(PortalRoles.DataSpecialist))
            .Locator("input[type=checkbox]")).ToHaveAttributeAsync("aria-checked", "true");
        await BrowserFixture.ScreenshotAsync(page, "roles-refused");
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
        await page.Locator(".rz-dialog-confirm-buttons button", new() { HasText = "撤销" }).ClickAsync();
        await Assertions.Expect(row).ToContainTextAsync("已撤销");
    }

    [Fact]
    public async Task Creating_a_user_shows_chinese_field_errors_then_lists_the_new_user()
    {
        var page = await web.SignedInPageAsync("admin");
        await page.GotoAsync("admin/users");
        await BrowserFixture.WaitForCircuitAsync(page);
        await page.ClickAsync("#users-create");

        await page.ClickAsync("#edit-save");
        await Assertions.Expect(page.Locator(".gdp-field-error[data-field='UserName']")).ToHaveTextAsync("请填写用户名。");
        await Assertions.Expect(page.Locator(".gdp-field-error[data-field='DepartmentId']")).ToHaveTextAsync("请选择所属部门。");
        await BrowserFixture.ScreenshotAsync(page, "users-create-errors");

        await page.FillAsync("#edit-username", "journey");
        await page.FillAsync("#edit-displayname", "旅程用户");
        await PickAsync(page, "#edit-department", DemoAccounts.HumanResources);
        await page.FillAsync("#edit-password", "Journey@2026");
        await page.ClickAsync("#edit-save");

        await Assertions.Expect(page.Locator("#users-grid")).ToContainTextAsync("旅程用户");
    }

    private static int PortalRolesIndex(string role) => PortalRoles.All.ToList().IndexOf(role);

    /// <summary>Opens a Radzen drop-down, filters it and clicks the item with the text.</summary>
    private static async Task PickAsync(IPage page, string dropDown, string text)
    {
        await page.ClickAsync(dropDown);
        var filter = page.Locator(".rz-dropdown-panel:visible .rz-dropdown-filter");
        if (await filter.CountAsync() > 0) await filter.FillAsync(text);
        await page.Locator(".rz-dropdown-panel:visible .rz-dropdown-item", new() { HasText = text }).First.ClickAsync();
    }
}
