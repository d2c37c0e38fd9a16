using GovDataPortal.Features.DataChecks;
using GovDataPortal.Features.Demo;
using GovDataPortal.Tests.Browser;
using GovDataPortal.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;

namespace GovDataPortal.Tests.Features.DataChecks;

[Collection("browser")]
public class DataCheckJourneyTests(BrowserFixture web) : IClassFixture<BrowserFixture>
{
    /// <summary>A signed-in page at the size of a common office laptop screen.</summary>
    private async Task<IPage> PageAsAsync(string userName)
    {
        var page = await web.SignedInPageAsync(userName);
        return page;
    }

    private static async Task OpenAsync(IPage page, string url)
    {
        await page.GotoAsync(url);
        await BrowserFixture.WaitForCircuitAsync(page);
    }

    private async Task<long> RaiseAsync(string resource, DataCheckKind kind = DataCheckKind.Doubt)
    {
        var market = await web.DepartmentIdAsync(DemoAccounts.Market);
        await using var scope = await web.ScopeAsAsync("zhangwei");
        return await scope.Get<DataCheckService>().RaiseAsync(new RaiseDataCheckInput(market, resource, null, kind, "注册资本疑似有误。"));
    }

    [Fact]
    public async Task Zhangwei_raises_a_check_with_evidence_is_told_and_sees_it_listed_with_five_working_days_left()
    {
        var page = await PageAsAsync("zhangwei");
        await OpenAsync(page, "data-checks/new");
        await Assertions.Expect(page.Locator("#evidence-choose")).ToHaveTextAsync("选择证明材料");
        await BrowserFixture.ScreenshotAsync(page, "data-check-new-form");

        await page.Locator("#data-check-form .gdp-provider-select").ClickAsync();
        await page.Locator(".mud-popover-open .mud-list-item", new() { HasText = DemoAccounts.Market }).First.ClickAsync();
        await Assertions.Expect(page.Locator(".mud-popover-open")).ToHaveCountAsync(0);
        await page.FillAsync("#resourceName", "旅程测试企业信息");
        await page.Locator(".gdp-kind-option", new() { HasText = "错误" }).ClickAsync();
        await page.FillAsync("#description", "法定代表人姓名与营业执照不符。");
        await page.SetInputFilesAsync("#data-check-form .gdp-attachment-upload input[type=file]", new FilePayload
        {
            Name = "营业执照.pdf", MimeType = "application/pdf", Buffer = [.. "%PDF-1.7\n%journey\n"u8.ToArray()],
        });
        await Assertions.Expect(page.Locator(".gdp-attachment-name")).ToHaveTextAsync("营业执照.pdf");
        await Assertions.Expect(page.Locator(".gdp-attachment-size")).ToContainTextAsync("字节");
        await BrowserFixture.ScreenshotAsync(page, "data-check-new-form-filled");
        await page.ClickAsync("#data-check-submit");

        await page.WaitForURLAsync(u => System.Text.RegularExpressions.Regex.IsMatch(u, "/data-checks/\\d+$"));
        await Assertions.Expect(page.Locator(".mud-snackbar")).ToContainTextAsync("已提起数据校核");
        await Assertions.Expect(page.Locator("#data-check-rule")).ToContainTextAsync("第二十七条第二款：5个工作日");
        await Assertions.Expect(page.Locator(".gdp-evidence-link")).ToHaveTextAsync("营业执照.pdf");
        // The link is the cookie-authenticated download route outside /api.
        var download = await page.Context.APIRequest.GetAsync(await page.Locator(".gdp-evidence-link").GetAttributeAsync("href") ?? "");
        Assert.Equal((200, "application/pdf"), (download.Status, download.Headers["content-type"]));
        Assert.StartsWith("%PDF-1.7", System.Text.Encoding.ASCII.GetString(await download.BodyAsync()));
        await BrowserFixture.ScreenshotAsync(page, "data-check-detail");

        await OpenAsync(page, "data-checks");
        var row = page.Locator("#data-checks-grid-raised tr", new() { HasText = "旅程测试企业信息" });
        await Assertions.Expect(row).ToContainTextAsync("剩余5个工作日");
        await BrowserFixture.ScreenshotAsync(page, "data-check-list-raised");
        await page.Locator(".mud-tab", new() { HasText = "针对我部门数据的" }).ClickAsync();
        await Assertions.Expect(page.Locator("#data-checks-grid-about")).ToBeVisibleAsync();
        await Assertions.Expect(page.Locator("#data-checks-grid-about")).Not.ToContainTextAsync("旅程测试企业信息");
        await BrowserFixture.ScreenshotAsync(page, "data-check-list-about");
        await using var db = await web.DbAsync();
        Assert.Equal(1, await db.Attachments.CountAsync(a => a.OwnerType == DataCheckTexts.SubjectType && a.FileName == "营业执照.pdf"));
    }

    [Fact]
    public async Task Chenjing_answers_zhangweis_open_page_updates_by_itself_and_zhangwei_closes_the_check()
    {
        var id = await RaiseAsync("旅程答复数据");
        var requester = await PageAsAsync("zhangwei");
        await OpenAsync(requester, $"data-checks/{id}");
        await Assertions.Expect(requester.Locator("#data-check-summary")).ToContainTextAsync("待校核");

        var provider = await PageAsAsync("chenjing");
        await OpenAsync(provider, $"data-checks/{id}");
        await Assertions.Expect(provider.Locator("#data-check-deadline")).ToContainTextAsync("剩余5个工作日");
        await BrowserFixture.ScreenshotAsync(provider, "data-check-answer-form");
        await provider.ClickAsync("#data-check-answer");
        await Assertions.Expect(provider.Locator(".gdp-field-error[data-field='explanation']")).ToContainTextAsync("请填写校核说明。");
        await provider.Locator("#data-check-answer-form .gdp-answer-option", new() { HasText = "确认有误，已更正" }).ClickAsync();
        await provider.FillAsync("#explanation", "注册资本已按变更登记更正。");
        await provider.ClickAsync("#data-check-answer");
        await Assertions.Expect(provider.Locator("#data-check-answer-result")).ToContainTextAsync("注册资本已按变更登记更正。");

        // No reload on the requester's side: the page notices the change and shows the answer.
        await Assertions.Expect(requester.Locator("#data-check-answer-result")).ToContainTextAsync("注册资本已按变更登记更正。");
        await Assertions.Expect(requester.Locator("#data-check-summary")).ToContainTextAsync("已答复");
        await BrowserFixture.ScreenshotAsync(requester, "data-check-answered");
        await requester.ClickAsync("#data-check-close");
        await requester.Locator(".mud-dialog button", new() { HasText = "关闭" }).ClickAsync();
        await Assertions.Expect(requester.Locator("#data-check-summary")).ToContainTextAsync("已关闭");
        await BrowserFixture.ScreenshotAsync(requester, "data-check-closed");
    }

    [Fact]
    public async Task Zhaomin_the_data_authority_opens_the_regions_checks_and_reads_one_without_actions()
    {
        var id = await RaiseAsync("旅程督办数据", DataCheckKind.Error);
        var page = await PageAsAsync("zhaomin");
        await OpenAsync(page, "data-checks");

        await Assertions.Expect(page.Locator(".mud-tab-active")).ToContainTextAsync("本区域（督办）");
        var row = page.Locator("#data-checks-grid-region tr", new() { HasText = "旅程督办数据" });
        await Assertions.Expect(row).ToContainTextAsync("剩余5个工作日");
        await BrowserFixture.ScreenshotAsync(page, "data-check-list-region-zhaomin");

        await row.Locator(".gdp-data-check-link").ClickAsync();
        await page.WaitForURLAsync($"**/data-checks/{id}");
        await Assertions.Expect(page.Locator("#data-check-supervising")).ToContainTextAsync("督办查看");
        await Assertions.Expect(page.Locator("#data-check-answer-form, #data-check-close")).ToHaveCountAsync(0);
        await BrowserFixture.ScreenshotAsync(page, "data-check-detail-zhaomin");
    }
}
