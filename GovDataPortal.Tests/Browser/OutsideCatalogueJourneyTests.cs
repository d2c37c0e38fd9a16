using Microsoft.Playwright;

namespace GovDataPortal.Tests.Browser;

/// <summary>
/// 目录外数据需求 in a real browser (hubei Art. 22 ¶1): a 数据专管员 files it from 我的共享申请, the provider agrees, the
/// request shows 已同意 and the provider's 数据专管员 is left the task of cataloguing the data.
/// </summary>
[Collection("browser")]
public class HubeiOutsideCatalogueJourneyTests(HubeiBrowserFixture web) : IClassFixture<HubeiBrowserFixture>
{
    [Fact]
    public async Task An_agreed_uncatalogued_request_leaves_the_provider_a_task_to_catalogue_the_data()
    {
        var page = await web.SignedInPageAsync("zhangwei");
        await page.GotoAsync("sharing/requests");
        await BrowserFixture.WaitForCircuitAsync(page);
        await page.ClickAsync("#share-request-uncatalogued");
        await page.WaitForURLAsync(new System.Text.RegularExpressions.Regex(@"/sharing/requests/outside/new\?kind=uncatalogued$"));
        await BrowserFixture.WaitForCircuitAsync(page);
        await Assertions.Expect(page.Locator("#outside-request-steps")).ToContainTextAsync("第二十二条");

        await page.Locator("#outside-request-form .gdp-provider-select").ClickAsync();
        await page.Locator(".mud-popover-open .mud-list-item", new() { HasText = "市场监督管理局" }).First.ClickAsync();
        await page.FillAsync("#dataDescription", "个体工商户经营场所变更记录");
        await page.FillAsync("#dutyBasis", "《中华人民共和国治安管理处罚法》规定的案件调查职责");
        await page.FillAsync("#scenario", "核查涉案个体工商户的经营场所");
        await page.Locator("#methods input[type=checkbox]").First.CheckAsync();
        await page.Locator("#operations input[type=checkbox]").First.CheckAsync();
        await page.FillAsync("#users", "治安大队案件承办民警");
        await page.Locator("#users").PressAsync("Tab"); // the field's value reaches the server on change
        await BrowserFixture.ScreenshotAsync(page, "outside-catalogue-form");
        await page.ClickAsync("#outside-request-submit");
        await page.WaitForURLAsync(new System.Text.RegularExpressions.Regex(@"/sharing/requests/\d+$"));
        await Assertions.Expect(page.Locator("#share-request-status")).ToHaveTextAsync("审核中");
        await Assertions.Expect(page.Locator("#share-request-description")).ToHaveTextAsync("个体工商户经营场所变更记录");
        var id = long.Parse(page.Url[(page.Url.LastIndexOf('/') + 1)..]);

        await SharingJourney.DecideAsync(web, "chenjing", id, "Approve", "同意，将列入目录。");

        await page.GotoAsync($"sharing/requests/{id}");
        await Assertions.Expect(page.Locator("#share-request-status")).ToHaveTextAsync("已同意");
        await Assertions.Expect(page.Locator("#share-request-reason")).ToContainTextAsync("列入政务数据资源目录");
        var cataloguer = await web.SignedInPageAsync("liuyang");
        await cataloguer.GotoAsync($"sharing/requests/{id}");
        await Assertions.Expect(cataloguer.Locator("#share-request-act")).ToBeVisibleAsync(); // the cataloguing task is theirs
        await BrowserFixture.ScreenshotAsync(cataloguer, "outside-catalogue-agreed");
    }
}
