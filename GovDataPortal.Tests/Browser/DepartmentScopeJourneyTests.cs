using GovDataPortal.Features.Audit;
using GovDataPortal.Features.Demo;
using Microsoft.EntityFrameworkCore;
using GovDataPortal.Tests.Support;
using Microsoft.Playwright;

namespace GovDataPortal.Tests.Browser;

[Collection("browser")]
public class DepartmentScopeJourneyTests(BrowserFixture web) : IClassFixture<BrowserFixture>
{
    [Fact]
    public async Task A_department_B_url_opened_by_a_department_A_user_is_refused()
    {
        var market = await web.DepartmentIdAsync(DemoAccounts.Market);
        var page = await web.SignedInPageAsync("zhangwei"); // 公安局
        await page.GotoAsync($"departments/{market}");
        await BrowserFixture.WaitForCircuitAsync(page);
        await Assertions.Expect(page.Locator(".gdp-refused")).ToContainTextAsync("访问被拒绝");
        // Nothing of the other department's private data reaches the page.
        await Assertions.Expect(page.Locator("body")).Not.ToContainTextAsync("13807461202"); // 市监局 administrator's phone
        await BrowserFixture.ScreenshotAsync(page, "department-refused");
    }

    [Fact]
    public async Task The_own_department_url_opens()
    {
        var police = await web.DepartmentIdAsync(DemoAccounts.Police);
        var page = await web.SignedInPageAsync("zhangwei");
        await page.GotoAsync($"departments/{police}");
        await BrowserFixture.WaitForCircuitAsync(page);
        await Assertions.Expect(page.Locator("body")).ToContainTextAsync("13807461201");
        await Assertions.Expect(page.Locator(".gdp-refused")).ToHaveCountAsync(0);
    }

    [Fact]
    public async Task Signing_out_returns_to_the_login_page_and_is_audited()
    {
        var page = await web.SignedInPageAsync("yangfan");
        await page.ClickAsync(".gdp-logout button");
        await page.WaitForURLAsync(u => u.Contains("/account/login"));
        await using var db = await web.DbAsync();
        Assert.True(await db.AuditRecords.AnyAsync(a => a.UserName == "yangfan" && a.Action == AuditActions.Logout));
        // The old cookie no longer opens pages.
        await page.GotoAsync("");
        await page.WaitForURLAsync(u => u.Contains("/account/login"));
    }
}
