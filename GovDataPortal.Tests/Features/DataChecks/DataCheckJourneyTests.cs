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
    [Fact]
    public async Task Zhangwei_raises_a_check_with_evidence_and_sees_it_listed_with_five_working_days_left()
    {
        var page = await web.SignedInPageAsync("zhangwei");
        await page.GotoAsync("data-checks/new");
        await BrowserFixture.WaitForCircuitAsync(page);

        await page.ClickAsync("#data-check-form .rz-dropdown");
        var filter = page.Locator(".rz-dropdown-panel:visible .rz-dropdown-filter");
        if (await filter.CountAsync() > 0) await filter.FillAsync("市场监督");
        await page.Locator(".rz-dropdown-panel:visible .rz-dropdown-item", new() { HasText = DemoAccounts.Market }).First.ClickAsync();
        await page.FillAsync("input[name='resourceName']", "旅程测试企业信息");
        await page.Locator(".rz-radio-btn", new() { HasText = "错误" }).ClickAsync();
        await page.FillAsync("textarea[name='description']", "法定代表人姓名与营业执照不符。");
        await page.SetInputFilesAsync("#evidence", new FilePayload
        {
            Name = "营业执照.pdf", MimeType = "application/pdf", Buffer = [.. "%PDF-1.7\n%journey\n"u8.ToArray()],
        });
        await page.ClickAsync("#data-check-submit");

        await page.WaitForURLAsync(u => System.Text.RegularExpressions.Regex.IsMatch(u, "/data-checks/\\d+$"));
        await Assertions.Expect(page.Locator("#data-check-rule")).ToContainTextAsync("第二十七条第二款：5个工作日");
        await Assertions.Expect(page.Locator(".gdp-evidence-link")).ToHaveTextAsync("营业执照.pdf");
        // The link is the cookie-authenticated download route outside /api.
        var download = await page.Context.APIRequest.GetAsync(await page.Locator(".gdp-evidence-link").GetAttributeAsync("href") ?? "");
        Assert.Equal((200, "application/pdf"), (download.Status, download.Headers["content-type"]));
        Assert.StartsWith("%PDF-1.7", System.Text.Encoding.ASCII.GetString(await download.BodyAsync()));
        await BrowserFixture.ScreenshotAsync(page, "data-check-detail");

        await page.GotoAsync("data-checks");
        await BrowserFixture.WaitForCircuitAsync(page);
        var row = page.Locator("#data-checks-grid tr", new() { HasText = "旅程测试企业信息" });
        await Assertions.Expect(row).ToContainTextAsync("剩余5个工作日");
        await BrowserFixture.ScreenshotAsync(page, "data-check-list");
        await using var db = await web.DbAsync();
        Assert.Equal(1, await db.Attachments.CountAsync(a => a.OwnerType == DataCheckTexts.SubjectType && a.FileName == "营业执照.pdf"));
    }

    [Fact]
    public async Task Chenjing_answers_on_the_detail_page_and_zhangwei_closes_the_check()
    {
        var market = await web.DepartmentIdAsync(DemoAccounts.Market);
        long id;
        await using (var scope = await web.ScopeAsAsync("zhangwei"))
            id = await scope.Get<DataCheckService>().RaiseAsync(new RaiseDataCheckInput(market, "旅程答复数据", null, DataCheckKind.Doubt, "注册资本疑似有误。"));

        var provider = await web.SignedInPageAsync("chenjing");
        await provider.GotoAsync($"data-checks/{id}");
        await BrowserFixture.WaitForCircuitAsync(provider);
        await Assertions.Expect(provider.Locator("#data-check-deadline")).ToContainTextAsync("剩余5个工作日");
        await BrowserFixture.ScreenshotAsync(provider, "data-check-answer-form");
        await provider.ClickAsync("#data-check-answer");
        await Assertions.Expect(provider.Locator(".gdp-field-error[data-field='explanation']")).ToContainTextAsync("请填写校核说明。");
        await provider.Locator("#data-check-answer-form .rz-radio-btn", new() { HasText = "确认有误，已更正" }).ClickAsync();
        await provider.FillAsync("textarea[name='explanation']", "注册资本已按变更登记更正。");
        await provider.ClickAsync("#data-check-answer");
        await Assertions.Expect(provider.Locator("#data-check-answer-result")).ToContainTextAsync("注册资本已按变更登记更正。");

        var requester = await web.SignedInPageAsync("zhangwei");
        await requester.GotoAsync($"data-checks/{id}");
        await BrowserFixture.WaitForCircuitAsync(requester);
        await requester.ClickAsync("#data-check-close");
        await requester.Locator(".rz-dialog button", new() { HasText = "关闭" }).ClickAsync();
        await Assertions.Expect(requester.Locator("#data-check-summary")).ToContainTextAsync("已关闭");
        await BrowserFixture.ScreenshotAsync(requester, "data-check-closed");
    }
}
