using System.Text.RegularExpressions;
using GovDataPortal.Tests.Browser;
using Microsoft.Playwright;

namespace GovDataPortal.Tests.Features.Audit;

/// <summary>The audit page in chromium on the live circuit: server-side paging, filtering, the detail row, chain verification.</summary>
[Collection("browser")]
public class AuditLogPageBrowserTests(BrowserFixture web) : IClassFixture<BrowserFixture>
{
    [Fact]
    public async Task The_auditor_filters_the_log_opens_a_record_and_verifies_the_chain_on_the_page()
    {
        var page = await web.SignedInPageAsync("auditor");
        await page.GotoAsync("audit");
        await BrowserFixture.WaitForCircuitAsync(page);
        var grid = page.Locator("#audit-grid");
        // The sign-in just made is the newest record.
        await Assertions.Expect(grid.Locator("tbody tr").First).ToContainTextAsync("auditor");
        await Assertions.Expect(grid.Locator("tbody tr").First).ToContainTextAsync("登录");

        await page.FillAsync("#filter-user", "seed");
        await page.ClickAsync("#audit-search");
        await Assertions.Expect(page.Locator("#audit-export")).ToHaveAttributeAsync("href", "audit/export.xlsx?user=seed");
        await Assertions.Expect(grid.Locator("tbody tr").First).ToContainTextAsync("seed-demo");
        // Column 1 is the expand button, column 3 the user.
        Assert.All(await grid.Locator("tbody tr td:nth-child(3)").AllTextContentsAsync(), t => Assert.Equal("seed-demo", t.Trim()));

        // The newest seeded record is a creation: its detail is a table of Chinese field names, in Beijing time.
        await grid.Locator("tbody tr").First.Locator("button").First.ClickAsync();
        var detail = page.Locator(".gdp-audit-changes");
        await Assertions.Expect(detail).ToBeVisibleAsync();
        await Assertions.Expect(detail.Locator("thead")).ToContainTextAsync("字段");
        var text = await detail.InnerTextAsync();
        Assert.DoesNotContain("+00:00", text);
        Assert.DoesNotContain("\"", text);
        Assert.True(await page.EvaluateAsync<bool>("() => document.documentElement.scrollWidth <= window.innerWidth"),
            "the page scrolls sideways: something runs off the screen");
        Assert.True(await page.EvaluateAsync<bool>(
            "() => { const t = document.querySelector('#audit-grid table'); return t.getBoundingClientRect().right <= t.parentElement.getBoundingClientRect().right + 1; }"),
            "the grid is wider than its box: columns are cut off on the right");
        await BrowserFixture.ScreenshotAsync(page, "audit-log-detail");

        await page.ClickAsync("#audit-verify");
        await Assertions.Expect(page.Locator("#audit-chain-report")).ToHaveAttributeAsync("data-intact", "true");
        await Assertions.Expect(page.Locator("#audit-chain-report")).ToContainTextAsync("审计日志哈希链完整");
        await BrowserFixture.ScreenshotAsync(page, "audit-log");

        // Department (typed into the autocomplete and picked) and action (from the list) narrow the log too.
        await grid.Locator("tbody tr").First.Locator("button").First.ClickAsync(); // close the detail again
        await Assertions.Expect(detail).ToHaveCountAsync(0);
        await page.FillAsync("#filter-user", "");
        await page.FillAsync("#filter-department", "政务服务");
        await page.Locator(".mud-popover-open .mud-list-item", new() { HasText = "双牌县政务服务中心" }).ClickAsync();
        await page.Locator(".mud-input:has(#audit-filter-action)").ClickAsync();
        await page.Locator(".mud-popover-open .mud-list-item", new() { HasText = "登录" }).First.ClickAsync();
        await page.ClickAsync("#audit-search");
        await Assertions.Expect(page.Locator("#audit-export")).ToHaveAttributeAsync("href", new Regex(@"departmentId=\d+&action=Login$"));
        await Assertions.Expect(grid.Locator("tbody tr").First).ToContainTextAsync("auditor");
        Assert.All(await grid.Locator("tbody tr td:nth-child(4)").AllTextContentsAsync(), t => Assert.Equal("双牌县政务服务中心", t.Trim()));
        Assert.All(await grid.Locator("tbody tr td:nth-child(6)").AllTextContentsAsync(), t => Assert.Equal("登录", t.Trim()));
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
