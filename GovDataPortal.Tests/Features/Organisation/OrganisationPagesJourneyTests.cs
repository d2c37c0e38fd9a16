using GovDataPortal.Features.Demo;
using GovDataPortal.Tests.Browser;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;

namespace GovDataPortal.Tests.Features.Organisation;

/// <summary>The organisation pages driven in Chromium on the live circuit: dialogs, server-side field errors, filters.</summary>
[Collection("browser")]
public class OrganisationPagesJourneyTests(BrowserFixture web) : IClassFixture<BrowserFixture>
{
    [Fact]
    public async Task The_system_administrator_creates_a_department_after_a_refused_check_digit()
    {
        var page = await web.SignedInPageAsync("admin");
        await page.GotoAsync("departments");
        await BrowserFixture.WaitForCircuitAsync(page);
        var name = OrganisationTestData.UniqueName("双牌县页面测试局");
        var code = OrganisationTestData.NewCreditCode();

        await page.ClickAsync("#department-create");
        var form = page.Locator("#department-form");
        await form.Locator("input[name='name']").FillAsync(name);
        await form.Locator("input[name='creditCode']").FillAsync(OrganisationTestData.WithWrongCheckDigit(code));
        await ChooseAsync(page, form.Locator(".rz-dropdown").First, "双牌县");
        await page.ClickAsync("#department-save");

        await Assertions.Expect(page.Locator(".gdp-field-error[data-field='creditCode']")).ToContainTextAsync("校验位错误");
        await BrowserFixture.ScreenshotAsync(page, "department-create-refused");

        await form.Locator("input[name='creditCode']").FillAsync(code);
        await page.ClickAsync("#department-save");
        await Assertions.Expect(page.Locator(".rz-notification")).ToContainTextAsync("部门已新增");
        await Assertions.Expect(page.Locator("#department-form")).ToHaveCountAsync(0);
        await using var db = await web.DbAsync();
        Assert.Equal(code, await db.Departments.Where(d => d.Name == name).Select(d => d.CreditCode).SingleAsync());
    }

    [Fact]
    public async Task The_filter_without_administrator_hides_registered_departments_and_marks_the_rest()
    {
        var page = await web.SignedInPageAsync("zhangwei");
        await page.GotoAsync("departments");
        await BrowserFixture.WaitForCircuitAsync(page);
        var grid = page.Locator("#departments-grid");
        await Assertions.Expect(grid).ToContainTextAsync(DemoAccounts.Police);

        await page.ClickAsync(".gdp-filter-check .rz-chkbox-box");

        await Assertions.Expect(grid).Not.ToContainTextAsync(DemoAccounts.Police);
        await Assertions.Expect(grid.Locator(".gdp-unregistered").First).ToHaveTextAsync("未登记");
        await Assertions.Expect(page.Locator("#department-create")).ToHaveCountAsync(0);
        await BrowserFixture.ScreenshotAsync(page, "departments-without-administrator");
    }

    [Fact]
    public async Task The_approver_registers_a_colleague_as_data_administrator()
    {
        int police;
        await using (var db = await web.DbAsync())
            police = await db.Departments.Where(d => d.Name == DemoAccounts.Police).Select(d => d.Id).SingleAsync();
        var page = await web.SignedInPageAsync("lina");
        await page.GotoAsync($"departments/{police}");
        await BrowserFixture.WaitForCircuitAsync(page);

        var form = page.Locator("#administrator-form");
        await ChooseAsync(page, form.Locator(".rz-dropdown"), "王强");
        await form.Locator("input[name='phone']").FillAsync("0746-772212");
        await page.ClickAsync("#administrator-register");
        await Assertions.Expect(page.Locator(".gdp-field-error[data-field='phone']")).ToContainTextAsync("联系电话格式不正确");

        await form.Locator("input[name='phone']").FillAsync("0746-7722123");
        await page.ClickAsync("#administrator-register");
        await Assertions.Expect(page.Locator("#administrators-grid")).ToContainTextAsync("0746-7722123");
        await Assertions.Expect(page.Locator(".rz-notification")).ToContainTextAsync("数据管理员已登记");
        await BrowserFixture.ScreenshotAsync(page, "administrator-registered");
    }

    [Fact]
    public async Task The_system_administrator_adds_a_county_after_choosing_the_wrong_parent_level()
    {
        var page = await web.SignedInPageAsync("admin");
        await page.GotoAsync("admin/regions");
        await BrowserFixture.WaitForCircuitAsync(page);
        var form = page.Locator("#region-form");
        await form.Locator("input[name='code']").FillAsync("431121");
        await form.Locator("input[name='name']").FillAsync("祁阳县");
        await page.ClickAsync("#region-save");
        await Assertions.Expect(page.Locator(".gdp-field-error[data-field='parentId']")).ToHaveTextAsync("请选择上级区域。");

        await ChooseAsync(page, form.Locator(".rz-dropdown").Nth(1), "永州市");
        await page.ClickAsync("#region-save");

        await Assertions.Expect(page.Locator(".rz-notification")).ToContainTextAsync("区域已新增");
        await Assertions.Expect(page.Locator("#regions-grid")).ToContainTextAsync("祁阳县");
        await BrowserFixture.ScreenshotAsync(page, "region-created");
    }

    private static async Task ChooseAsync(IPage page, ILocator dropdown, string text)
    {
        await dropdown.ClickAsync();
        await page.Locator(".rz-dropdown-panel .rz-dropdown-item:visible", new() { HasTextString = text }).First.ClickAsync();
    }
}
