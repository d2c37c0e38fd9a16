using Microsoft.Playwright;

namespace GovDataPortal.Tests.Browser;

/// <summary>
/// The catalogue's journey (issue 9): a 数据专管员 fills the form with an invalid combination, sees the inline message,
/// fixes it and submits; the 部门审核人 approves from 我的待办; the data authority publishes; the entry has its code and
/// is found by a two-character keyword.
/// </summary>
[Collection("browser")]
public class CatalogueJourneyTests(BrowserFixture web) : IClassFixture<BrowserFixture>
{
    private const string Name = "旅程测试渔船登记信息";

    private static async Task PickAsync(IPage page, string selectId, string option)
    {
        await page.Locator($"#{selectId}").ClickAsync();
        await page.Locator(".mud-popover-open").GetByText(option, new() { Exact = true }).ClickAsync();
    }

    private static Task TabAsync(IPage page, string name) => page.Locator(".mud-tab", new() { HasText = name }).ClickAsync();

    [Fact]
    public async Task Specialist_writes_and_submits_the_department_and_the_authority_approve_and_the_entry_is_found_by_two_characters()
    {
        var page = await web.SignedInPageAsync("zhangwei");
        await page.GotoAsync("catalogue/new");
        await BrowserFixture.WaitForCircuitAsync(page);
        await page.WaitForSelectorAsync("#catalogue-editor");

        await page.FillAsync("#field-Name", Name);
        await page.FillAsync("#field-Summary", "本县登记渔船的船名、船籍港和作业类型。");
        await page.GetByText("基础信息资源目录", new() { Exact = true }).ClickAsync();
        await page.GetByText("102 法人单位信息资源", new() { Exact = true }).ClickAsync();
        await PickAsync(page, "field-Format", "服务接口");

        await TabAsync(page, "共享属性");
        await page.GetByText("有条件共享", new() { Exact = true }).ClickAsync();
        var basis = page.Locator(".gdp-field-error[data-field='ShareBasis']");
        await Assertions.Expect(basis).ToContainTextAsync("共享类型为有条件共享时须填写法律法规依据");
        await BrowserFixture.ScreenshotAsync(page, "catalogue-journey-invalid");
        await page.FillAsync("#field-ShareBasis", "《中华人民共和国渔业法》第二十三条");
        await Assertions.Expect(basis).ToHaveCountAsync(0);
        await page.Locator(".kind-CompareOnly").ClickAsync();
        await page.FillAsync("#field-ShareConditions", "仅用于核验渔船登记状态，比对结果只返回是否一致。");
        await page.Locator("#field-ShareMethods").GetByText("共享平台方式（接口调用）", new() { Exact = true }).ClickAsync();
        await page.Locator("#field-ShareOperations").GetByText("比对", new() { Exact = true }).ClickAsync();

        await TabAsync(page, "开放属性");
        await page.ClickAsync("#open-confirm-not-open");
        await page.FillAsync("#field-OpenBasis", "数据仅供政务内部核验使用。");

        await TabAsync(page, "管理信息");
        await PickAsync(page, "field-UpdateCycle", "每月");
        await PickAsync(page, "field-SecurityLevel", "二级（内部）");

        await page.ClickAsync("#catalogue-save");
        await page.WaitForURLAsync(u => u.EndsWith("/edit"));
        await Assertions.Expect(page.Locator("#catalogue-submit")).ToBeEnabledAsync();
        await page.ClickAsync("#catalogue-submit");
        await page.WaitForURLAsync(u => !u.EndsWith("/edit") && u.Contains("/catalogue/"));
        await Assertions.Expect(page.Locator("#catalogue-entry-status")).ToHaveTextAsync("审核中");

        await ApproveFromInboxAsync("lina");
        await ApproveFromInboxAsync("zhaomin");

        var finder = await web.SignedInPageAsync("liuyang");
        await finder.GotoAsync("catalogue?keyword=渔船");
        await BrowserFixture.WaitForCircuitAsync(finder);
        var link = finder.GetByText(Name, new() { Exact = true });
        await Assertions.Expect(link).ToBeVisibleAsync();
        await link.ClickAsync();
        await Assertions.Expect(finder.Locator("#catalogue-entry-code strong")).ToHaveTextAsync(new System.Text.RegularExpressions.Regex(@"^102000000/\d{6}$"));
        await BrowserFixture.ScreenshotAsync(finder, "catalogue-journey-published");
    }

    /// <summary>The reviewer opens the task from 我的待办, follows it to the review page and approves the batch.</summary>
    private async Task ApproveFromInboxAsync(string userName)
    {
        var page = await web.SignedInPageAsync(userName);
        await page.GotoAsync("inbox");
        await BrowserFixture.WaitForCircuitAsync(page);
        await page.Locator(".gdp-inbox-subject", new() { HasText = Name }).First.ClickAsync();
        await page.ClickAsync("#decision-answer-link");
        await page.WaitForSelectorAsync("#catalogue-review-approve");
        await BrowserFixture.ScreenshotAsync(page, $"catalogue-journey-review-{userName}");
        await page.ClickAsync("#catalogue-review-approve");
        await page.Locator(".mud-dialog").GetByText("通过", new() { Exact = true }).ClickAsync();
        await Assertions.Expect(page.Locator(".mud-snackbar")).ToContainTextAsync("已通过");
    }
}
