using GovDataPortal.Features.Demo;
using GovDataPortal.Tests.Browser;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;
using static GovDataPortal.Tests.Features.Organisation.MudJourney;

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
        await ChooseAsync(page, "department-region", "双牌县");
        await page.ClickAsync("#department-save");

        await Assertions.Expect(page.Locator(".gdp-field-error[data-field='creditCode']")).ToContainTextAsync("校验位错误");
        await LookAsync(page, "department-create-refused");
        await using (var db = await web.DbAsync())
            Assert.False(await db.Departments.AnyAsync(d => d.Name == name)); // refused: nothing saved

        await form.Locator("input[name='creditCode']").FillAsync(code);
        await page.ClickAsync("#department-save");
        await Assertions.Expect(Snackbar(page, "部门已新增")).ToBeVisibleAsync();
        await Assertions.Expect(page.Locator("#department-form")).ToHaveCountAsync(0);
        await using var check = await web.DbAsync();
        Assert.Equal(code, await check.Departments.Where(d => d.Name == name).Select(d => d.CreditCode).SingleAsync());
    }

    [Fact]
    public async Task The_directory_links_only_the_own_department_and_the_filter_without_administrator_marks_the_rest()
    {
        var page = await web.SignedInPageAsync("zhangwei");
        await page.GotoAsync("departments");
        await BrowserFixture.WaitForCircuitAsync(page);
        var grid = page.Locator("#departments-grid");
        await Assertions.Expect(grid.Locator("tbody tr")).ToHaveCountAsync(20);
        await Assertions.Expect(grid.Locator("a.gdp-department-link")).ToHaveCountAsync(1);
        await Assertions.Expect(grid.Locator("a.gdp-department-link")).ToHaveTextAsync(DemoAccounts.Police);
        await LookAsync(page, "departments-zhangwei");

        await page.ClickAsync(".gdp-filter-without-administrator");

        await Assertions.Expect(grid).Not.ToContainTextAsync(DemoAccounts.Police);
        await Assertions.Expect(grid.Locator(".gdp-unregistered").First).ToHaveTextAsync("未登记");
        await Assertions.Expect(grid.Locator("a")).ToHaveCountAsync(0); // none of these is zhangwei's department
        await Assertions.Expect(page.Locator("#department-create")).ToHaveCountAsync(0);
        await LookAsync(page, "departments-without-administrator");
    }

    [Fact]
    public async Task A_member_opens_the_own_department_from_the_directory()
    {
        var page = await web.SignedInPageAsync("zhangwei");
        await page.GotoAsync("departments");
        await BrowserFixture.WaitForCircuitAsync(page);

        await page.Locator("#departments-grid a.gdp-department-link").ClickAsync();

        await Assertions.Expect(page.Locator("h1")).ToHaveTextAsync(DemoAccounts.Police);
        await Assertions.Expect(page.Locator("#administrators-grid")).ToContainTextAsync("13807461201");
        await Assertions.Expect(page.Locator("#users-grid")).ToContainTextAsync("lina");
        await LookAsync(page, "department-detail-zhangwei");
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
        await ChooseAsync(page, "administrator-user", "王强");
        await form.Locator("input[name='phone']").FillAsync("0746-772212");
        await page.ClickAsync("#administrator-register");
        await Assertions.Expect(page.Locator(".gdp-field-error[data-field='phone']")).ToContainTextAsync("联系电话格式不正确");

        await form.Locator("input[name='phone']").FillAsync("0746-7722123");
        await page.ClickAsync("#administrator-register");
        await Assertions.Expect(page.Locator("#administrators-grid")).ToContainTextAsync("0746-7722123");
        await Assertions.Expect(Snackbar(page, "数据管理员已登记")).ToBeVisibleAsync();
        await LookAsync(page, "administrator-registered");
    }

    [Fact]
    public async Task The_system_administrator_adds_a_county_after_choosing_the_wrong_parent_level()
    {
        var page = await web.SignedInPageAsync("admin");
        await page.GotoAsync("admin/regions");
        await BrowserFixture.WaitForCircuitAsync(page);
        await Assertions.Expect(page.Locator("#regions-grid tbody tr")).ToHaveCountAsync(3);
        await LookAsync(page, "regions-admin");
        var form = page.Locator("#region-form");
        await form.Locator("input[name='code']").FillAsync("431121");
        await form.Locator("input[name='name']").FillAsync("祁阳县");
        await page.ClickAsync("#region-save");
        await Assertions.Expect(page.Locator(".gdp-field-error[data-field='parentId']")).ToHaveTextAsync("请选择上级区域。");

        await ChooseAsync(page, "region-parent", "永州市");
        await page.ClickAsync("#region-save");

        await Assertions.Expect(Snackbar(page, "已新增")).ToBeVisibleAsync();
        await Assertions.Expect(page.Locator("#regions-grid")).ToContainTextAsync("祁阳县");
        await LookAsync(page, "region-created");
    }
}
