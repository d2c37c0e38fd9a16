using GovDataPortal.Tests.Browser;
using Microsoft.Playwright;
using B = GovDataPortal.Tests.Features.Catalogue.Excel.CatalogueWorkbookBuilder;

namespace GovDataPortal.Tests.Features.Catalogue.Excel;

/// <summary>
/// The import journey in a real browser: a 数据专管员 uploads a file with a wrong value and sees it at its cell, uploads
/// the corrected file, confirms it into drafts and submits them as one batch; the 部门审核人 gets one task for the
/// batch in 我的待办 and its review page lists both entries.
/// </summary>
[Collection("browser")]
public class CatalogueImportBrowserTests(BrowserFixture web) : IClassFixture<BrowserFixture>
{
    private const string First = "浏览器导入的户籍人口信息", Second = "浏览器导入的居住证信息";
    private static readonly (string, string) Condition = ("共享条件说明", "仅供窗口核验身份时查阅，不得留存。");

    [Fact]
    public async Task A_specialist_fixes_a_file_after_the_dry_run_imports_it_and_submits_the_batch_that_the_reviewer_sees_as_one_task()
    {
        var page = await web.SignedInPageAsync("zhangwei");
        await page.GotoAsync("catalogue/import");
        await BrowserFixture.WaitForCircuitAsync(page);
        var input = page.Locator("#catalogue-import-steps input[type=file]");

        await input.SetInputFilesAsync(File(new B().WithGoodEntry(1, First, ("共享类型", "部分共享"), Condition).WithGoodEntry(2, Second, Condition)));
        await Assertions.Expect(page.Locator("#catalogue-import-error-count")).ToContainTextAsync("错误 1 处");
        await Assertions.Expect(page.Locator("#catalogue-import-problems")).ToContainTextAsync("“共享类型”的值“部分共享”无法识别");
        await Assertions.Expect(page.Locator("#catalogue-import-confirm")).ToBeDisabledAsync();
        await BrowserFixture.ScreenshotAsync(page, "catalogue-import-dry-run");

        await input.SetInputFilesAsync(File(new B().WithGoodEntry(1, First, Condition).WithGoodEntry(2, Second, Condition)));
        await Assertions.Expect(page.Locator("#catalogue-import-error-count")).ToContainTextAsync("错误 0 处");
        await page.ClickAsync("#catalogue-import-confirm");
        await Assertions.Expect(page.Locator("#catalogue-import-saved")).ToContainTextAsync("已导入 2 个目录条目");
        await page.ClickAsync("#catalogue-import-submit");
        // The import's own notice may still show above it.
        await Assertions.Expect(page.Locator(".mud-snackbar", new() { HasText = "已将 2 个目录条目作为一批提交审核" })).ToBeVisibleAsync();
        await Assertions.Expect(page.Locator("#catalogue-import-submit")).ToBeDisabledAsync();
        await BrowserFixture.ScreenshotAsync(page, "catalogue-import-submitted");

        var reviewer = await web.SignedInPageAsync("lina");
        await reviewer.GotoAsync("inbox");
        await BrowserFixture.WaitForCircuitAsync(reviewer);
        var task = reviewer.Locator(".gdp-inbox-subject", new() { HasText = $"目录审核：{First}等2条" });
        await Assertions.Expect(task).ToHaveCountAsync(1);
        await task.ClickAsync();
        await reviewer.ClickAsync("#decision-answer-link");
        await Assertions.Expect(reviewer.Locator("#catalogue-review-approve")).ToContainTextAsync("全部通过（2 条）");
        await Assertions.Expect(reviewer.Locator("#catalogue-review-summary")).ToContainTextAsync("2");
        await Assertions.Expect(reviewer.GetByText(Second, new() { Exact = true })).ToBeVisibleAsync();
    }

    private static FilePayload File(B builder) => new()
    {
        Name = "目录导入.xlsx", MimeType = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", Buffer = builder.Build(),
    };
}
