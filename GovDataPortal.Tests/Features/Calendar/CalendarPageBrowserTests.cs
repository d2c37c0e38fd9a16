using System.Text;
using System.Text.RegularExpressions;
using GovDataPortal.Tests.Browser;
using Microsoft.Playwright;

namespace GovDataPortal.Tests.Features.Calendar;

/// <summary>The 工作日历 page in chromium on the live circuit, as the 系统管理员.</summary>
[Collection("browser")]
public class CalendarPageBrowserTests(BrowserFixture web) : IClassFixture<BrowserFixture>
{
    [Fact]
    public async Task The_administrator_switches_years_in_one_action_and_imports_a_CSV_through_the_Chinese_button()
    {
        var page = await web.SignedInPageAsync("admin");
        await page.GotoAsync("admin/calendar");
        await BrowserFixture.WaitForCircuitAsync(page);
        await Assertions.Expect(page.Locator("#calendar-summary")).ToContainTextAsync("2026年全年工作日");
        await Assertions.Expect(page.Locator("#calendar-status")).ToContainTextAsync("已发布");
        await BrowserFixture.ScreenshotAsync(page, "calendar");

        // A listed year: choosing it loads it, nothing else to click.
        await page.Locator(".gdp-calendar-year .mud-input").ClickAsync();
        await page.Locator(".mud-popover-open .mud-list-item", new() { HasText = "2025年（已发布）" }).ClickAsync();
        await Assertions.Expect(page.Locator("#calendar-summary")).ToContainTextAsync("2025年全年工作日");

        // Another year: typed, then one click on 打开 (it used to take two).
        await page.FillAsync("#calendar-other-year", "2040");
        await page.ClickAsync("#calendar-open-year");
        await Assertions.Expect(page.Locator("#calendar-summary")).ToContainTextAsync("2040年全年工作日");
        await Assertions.Expect(page.Locator("#calendar-status")).ToContainTextAsync("未发布");

        // The upload: a Chinese button, the browser's own file input stays hidden.
        await Assertions.Expect(page.Locator("#calendar-import-button")).ToHaveTextAsync("选择 CSV 文件并导入");
        await Assertions.Expect(page.Locator("#calendar-import input[type=file]")).ToBeHiddenAsync();
        var bad = new FilePayload { Name = "坏文件.csv", MimeType = "text/csv", Buffer = Encoding.UTF8.GetBytes("日期,类型\n") };
        await page.SetInputFilesAsync("#calendar-import input[type=file]", bad);
        await Assertions.Expect(page.Locator(".gdp-import-errors")).ToContainTextAsync("表头须为");
        await Assertions.Expect(page.Locator(".gdp-import-errors")).ToContainTextAsync("未导入任何内容");
        await BrowserFixture.ScreenshotAsync(page, "calendar-import-error");

        var good = new FilePayload { Name = "2040.csv", MimeType = "text/csv", Buffer = Encoding.UTF8.GetBytes(CalendarAdminTests.CompleteCsv(2040)) };
        await page.SetInputFilesAsync("#calendar-import input[type=file]", good);
        await Assertions.Expect(page.Locator(".gdp-import-result")).ToContainTextAsync("新增 11 个");
        await Assertions.Expect(page.Locator("#calendar-completeness")).ToContainTextAsync("七个法定节日均已录入");
        await Assertions.Expect(page.Locator(".gdp-import-errors")).ToHaveCountAsync(0);

        // No English besides the file format the page quotes.
        var words = Regex.Matches(await page.Locator(".gdp-body").InnerTextAsync(), "[A-Za-z]{3,}").Select(m => m.Value).Distinct();
        Assert.Empty(words.Except(["CSV", "UTF", "date", "kind", "name", "year_notice", "year", "notice", "workday", "holiday"]));
        Assert.True(await page.EvaluateAsync<bool>("() => document.documentElement.scrollWidth <= window.innerWidth"));
        await BrowserFixture.ScreenshotAsync(page, "calendar-imported");
    }

    [Fact]
    public async Task A_business_user_is_refused_the_page()
    {
        var page = await web.SignedInPageAsync("zhangwei");
        await page.GotoAsync("admin/calendar");

        await Assertions.Expect(page.Locator(".gdp-refused")).ToContainTextAsync("访问被拒绝");
        await Assertions.Expect(page.Locator("#calendar-days")).ToHaveCountAsync(0);
    }
}
