using GovDataPortal.Features.Demo;
using Microsoft.Playwright;

namespace GovDataPortal.Tests.Browser;

[Collection("browser")]
public class SignInJourneyTests(BrowserFixture web) : IClassFixture<BrowserFixture>
{
    [Fact]
    public async Task A_data_specialist_signs_in_and_sees_their_own_department()
    {
        var page = await web.SignedInPageAsync("zhangwei");
        await Assertions.Expect(page.Locator(".gdp-department")).ToHaveTextAsync(DemoAccounts.Police);
        await Assertions.Expect(page.Locator("#home-department .gdp-big")).ToHaveTextAsync(DemoAccounts.Police);
        await Assertions.Expect(page.Locator(".gdp-user-name")).ToContainTextAsync("张伟");
        // The header names the active policy profile (Portal:Jurisdiction, default shuangpai).
        await Assertions.Expect(page.Locator(".gdp-profile")).ToContainTextAsync("双牌县政务大数据管理办法");
        await BrowserFixture.ScreenshotAsync(page, "home-zhangwei");
    }

    [Fact]
    public async Task A_wrong_password_shows_the_Chinese_error_and_stays_on_the_login_page()
    {
        var page = await web.NewPageAsync();
        await BrowserFixture.SignInAsync(page, "liuyang", "NotThePassword1!");
        await Assertions.Expect(page.Locator(".gdp-login-error")).ToHaveTextAsync("用户名或密码错误。");
        Assert.Contains("/account/login", page.Url);
        await BrowserFixture.ScreenshotAsync(page, "login-wrong-password");
    }

    [Fact]
    public async Task A_click_round_trips_through_the_circuit()
    {
        var page = await web.SignedInPageAsync("zhangwei");
        var drawer = page.Locator(".gdp-drawer");
        await Assertions.Expect(drawer).ToHaveClassAsync(new System.Text.RegularExpressions.Regex("mud-drawer--open"));
        await page.ClickAsync(".gdp-menu-toggle");
        // Only the server can re-render the layout with the drawer closed.
        await Assertions.Expect(drawer).ToHaveClassAsync(new System.Text.RegularExpressions.Regex("mud-drawer--closed"));
        await page.ClickAsync(".gdp-menu-toggle");
        await Assertions.Expect(drawer).ToHaveClassAsync(new System.Text.RegularExpressions.Regex("mud-drawer--open"));
    }

    [Fact]
    public async Task An_anonymous_visitor_is_sent_to_the_login_page()
    {
        var page = await web.NewPageAsync();
        await page.GotoAsync("departments");
        await page.WaitForURLAsync(u => u.Contains("/account/login"));
        Assert.Contains("ReturnUrl=%2Fdepartments", page.Url);
    }
}

[CollectionDefinition("browser")]
public class BrowserCollection;
