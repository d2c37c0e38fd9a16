using GovDataPortal.Features.Catalogue;
using GovDataPortal.Features.Demo;
using GovDataPortal.Tests.Features.Catalogue;
using Microsoft.Playwright;

namespace GovDataPortal.Tests.Browser;

/// <summary>
/// Conditional sharing in a real browser (issue 10 tests): under shuangpai a 数据专管员 asks for items of a conditional
/// entry, the county centre and the provider give their opinions, the city authority decides, the grant appears and the
/// provider suspends it with a reason; under hubei the provider refuses, the requester asks for coordination and the
/// authority's coordination grants the data.
/// </summary>
[Collection("browser")]
public class ShuangpaiSharingJourneyTests(BrowserFixture web) : IClassFixture<BrowserFixture>
{
    [Fact]
    public async Task A_conditional_request_goes_through_both_opinions_and_the_city_decision_to_a_grant_the_provider_can_suspend()
    {
        var entry = await SharingJourney.ConditionalEntryAsync(web, "浏览器共享的市场主体登记信息");
        var page = await web.SignedInPageAsync("zhangwei");
        var id = await SharingJourney.SubmitAsync(page, entry);

        foreach (var approver in new[] { "zhaomin", "chenjing", "yangli" }) await SharingJourney.DecideAsync(web, approver, id, "Approve");

        await page.GotoAsync($"sharing/requests/{id}");
        await Assertions.Expect(page.Locator("#share-request-status")).ToHaveTextAsync("已授权");
        await Assertions.Expect(page.Locator("#share-request-grant")).ToBeVisibleAsync();
        await BrowserFixture.ScreenshotAsync(page, "sharing-journey-granted");

        var provider = await web.SignedInPageAsync("chenjing");
        await provider.GotoAsync("sharing/grants");
        await BrowserFixture.WaitForCircuitAsync(provider);
        await provider.Locator(".mud-tab", new() { HasText = "本部门提供的授权" }).ClickAsync();
        var row = provider.Locator("tr", new() { HasText = "浏览器共享的市场主体登记信息" });
        await row.Locator(".gdp-grant-suspend").ClickAsync();
        await provider.FillAsync("#grant-status-reason", "超出约定用途使用");
        await provider.ClickAsync("#grant-status-save");
        await Assertions.Expect(row).ToContainTextAsync("已暂停");
        await BrowserFixture.ScreenshotAsync(provider, "sharing-journey-suspended");
    }
}

public class HubeiBrowserFixture : BrowserFixture
{
    protected override IDictionary<string, string?> Settings => new Dictionary<string, string?> { ["Portal:Jurisdiction"] = "hubei" };
}

[Collection("browser")]
public class HubeiSharingJourneyTests(HubeiBrowserFixture web) : IClassFixture<HubeiBrowserFixture>
{
    [Fact]
    public async Task A_refusal_with_reasons_is_followed_by_coordination_that_grants_the_data()
    {
        var entry = await SharingJourney.ConditionalEntryAsync(web, "浏览器协调的市场主体登记信息");
        var page = await web.SignedInPageAsync("zhangwei");
        var id = await SharingJourney.SubmitAsync(page, entry);

        await SharingJourney.DecideAsync(web, "chenjing", id, "Reject", "涉及商业秘密，不宜共享。");
        await page.GotoAsync($"sharing/requests/{id}");
        await Assertions.Expect(page.Locator("#share-request-history")).ToContainTextAsync("涉及商业秘密");
        await SharingJourney.DecideAsync(web, "zhangwei", id, "Choose", "履职确需，请求协调。", branch: "ask");
        await SharingJourney.DecideAsync(web, "zhaomin", id, "Approve", "经协调，同意按最小必要原则共享。");

        await page.GotoAsync($"sharing/requests/{id}");
        await Assertions.Expect(page.Locator("#share-request-status")).ToHaveTextAsync("已授权");
        await BrowserFixture.ScreenshotAsync(page, "sharing-journey-coordinated");
    }
}

/// <summary>The steps both journeys share.</summary>
internal static class SharingJourney
{
    public static Task<long> ConditionalEntryAsync(BrowserFixture web, string name)
    {
        var content = PublishedEntries.Content(name, ("统一社会信用代码", ItemDataType.C), ("企业名称", ItemDataType.C), ("住所", ItemDataType.C));
        content.ShareType = ShareType.Conditional;
        content.ShareConditions = "仅限履行职责使用。";
        content.ShareBasis = "《企业信息公示暂行条例》";
        content.ShareMethods = ShareMethods.PlatformQueryVerify;
        content.ShareOperations = ShareOperations.View;
        return web.PublishedAsync(DemoAccounts.Market, content);
    }

    /// <summary>Fills the request form for 企业名称 and submits; returns the request's id from the page it lands on.</summary>
    public static async Task<long> SubmitAsync(IPage page, long entry)
    {
        await page.GotoAsync($"sharing/requests/new?entry={entry}");
        await BrowserFixture.WaitForCircuitAsync(page);
        await page.Locator("#share-request-form .gdp-items-select").ClickAsync();
        await page.Locator(".mud-popover-open .mud-list-item", new() { HasText = "企业名称" }).First.ClickAsync();
        await page.Keyboard.PressAsync("Escape");
        await page.FillAsync("#dutyBasis", "《中华人民共和国治安管理处罚法》规定的案件调查职责");
        await page.FillAsync("#scenario", "核查涉案企业的登记名称");
        await page.Locator("#methods input[type=checkbox]").First.CheckAsync();
        await page.Locator("#operations input[type=checkbox]").First.CheckAsync();
        await page.FillAsync("#users", "治安大队案件承办民警");
        await page.Locator("#users").PressAsync("Tab"); // the field's value reaches the server on change, before the submit
        await BrowserFixture.ScreenshotAsync(page, "sharing-journey-form");
        await page.ClickAsync("#share-request-submit");
        // Submitting starts the review flow; on a loaded CI machine that may take longer than the default 15 s.
        try
        {
            await page.WaitForURLAsync(new System.Text.RegularExpressions.Regex(@"/sharing/requests/\d+$"), new() { Timeout = 45_000 });
        }
        catch (TimeoutException)
        {
            await BrowserFixture.ScreenshotAsync(page, "sharing-journey-submit-stuck");
            var hints = await page.Locator(".mud-alert, .mud-input-error, .validation-message").AllInnerTextsAsync();
            Assert.Fail("提交后未进入申请详情页；页面提示：" + string.Join(" | ", hints));
        }
        await Assertions.Expect(page.Locator("#share-request-status")).ToHaveTextAsync("审核中");
        return long.Parse(page.Url[(page.Url.LastIndexOf('/') + 1)..]);
    }

    /// <summary>The user opens the request, follows 前往我的待办办理 and takes the action on the task page.</summary>
    public static async Task DecideAsync(BrowserFixture web, string userName, long id, string action, string? comment = null, string? branch = null)
    {
        var page = await web.SignedInPageAsync(userName);
        await page.GotoAsync($"sharing/requests/{id}");
        await BrowserFixture.WaitForCircuitAsync(page);
        await page.ClickAsync("#share-request-act");
        await page.WaitForSelectorAsync("#decision-actions");
        if (comment is not null) await page.FillAsync("#decision-comment", comment);
        var button = branch is null ? $"#decision-actions [data-action='{action}']" : $"#decision-actions [data-action='{action}'][data-branch='{branch}']";
        await page.ClickAsync(button);
        await Assertions.Expect(page.Locator("#decision-actions")).ToHaveCountAsync(0);
        await page.CloseAsync();
    }
}
