using GovDataPortal.Tests.Browser;
using Microsoft.Playwright;

namespace GovDataPortal.Tests.Features.Audit;

/// <summary>The audit page in chromium on the live circuit: server-side paging, filtering, chain verification.</summary>
[Collection("browser")]
public class AuditLogPageBrowserTests(BrowserFixture web) : IClassFixture<BrowserFixture>
{
    [Fact]
    public async Task The_auditor_filters_the_log_and_verifies_the_chain_on_the_page()
    {
        var page = await web.SignedInPageAsync("auditor");
        await page.GotoAsync("audit");
        await BrowserFixture.WaitForCircuitAsync(page);
        var grid = page.Locator("#audit-grid");
        // The sign-in just made is the newest record.
        await Assertions.Expect(grid.Locator("tbody tr").First).ToContainTextAsync("auditor");
        await Assertions.Expect(grid.Locator("tbody tr").First).ToContainTextAsync("登录");

        await page.FillAsync("input[name='filter-user']", "seed");
        await page.ClickAsync("#audit-search");
        await Assertions.Expect(page.Locator("#audit-export")).ToHaveAttributeAsync("href", "audit/export.xlsx?user=seed");
        await Assertions.Expect(grid.Locator("tbody tr").First).ToContainTextAsync("seed-demo");
        Assert.All(await grid.Locator("tbody tr td:nth-child(3)").AllTextContentsAsync(), t => Assert.Equal("seed-demo", t.Trim()));

        await page.ClickAsync("#audit-verify");
        await Assertions.Expect(page.Locator("#audit-chain-report")).ToHaveAttributeAsync("data-intact", "true");
        await Assertions.Expect(page.Locator("#audit-chain-report")).ToContainTextAsync("审计日志哈希链完整");
        await BrowserFixture.ScreenshotAsync(page, "audit-log");
    }

    [Fact]
    public async Task A_business_user_is_refused_the_page()
    {
        var page = await web.SignedInPageAsync("zhangwei");
        await page.GotoAsync("audit");

        // The page's policy refuses the request itself: the cookie handler sends the browser to the access-denied page.
        await Assertions.Expect(page.Locator(".gdp-refused")).ToContainTextAsync("访问被拒绝");
        Assert.Contains("/account/access-denied", page.Url);
        await Assertions.Expect(page.Locator("#audit-grid")).ToHaveCountAsync(0);
    }
}
