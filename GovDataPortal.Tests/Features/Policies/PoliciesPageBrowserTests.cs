using GovDataPortal.Tests.Browser;
using Microsoft.Playwright;

namespace GovDataPortal.Tests.Features.Policies;

/// <summary>The 政策规则 page in chromium on the live circuit, under the default profile (双牌).</summary>
[Collection("browser")]
public class PoliciesPageBrowserTests(BrowserFixture web) : IClassFixture<BrowserFixture>
{
    [Fact]
    public async Task A_signed_in_user_reads_the_local_rules_and_switches_to_the_comparison()
    {
        var page = await web.SignedInPageAsync("zhangwei");
        await page.GotoAsync("policies");
        await BrowserFixture.WaitForCircuitAsync(page);

        await Assertions.Expect(page.Locator("h1")).ToHaveTextAsync("政策规则");
        await Assertions.Expect(page.Locator("#policies-active")).ToContainTextAsync("双政办发〔2022〕8号");
        var check = page.Locator("#policy-rules-grid tbody tr", new() { Has = page.Locator("[data-flow='data-check']") });
        await Assertions.Expect(check.Locator(".policy-extension")).ToHaveTextAsync("最多15个工作日，须领导同意并告知申请方");
        // The first flow's diagram is open and drawn by the portal itself (inline SVG, no script).
        var firstDiagram = page.Locator("#policies-diagrams figure.gdp-flow").First;
        await Assertions.Expect(firstDiagram.Locator("svg[role='img']")).ToBeVisibleAsync();
        await Assertions.Expect(firstDiagram.Locator("g.flow-node-step").First).ToBeVisibleAsync();
        await Assertions.Expect(firstDiagram.Locator("g.flow-node-approved")).ToContainTextAsync("办结（同意）");
        await BrowserFixture.ScreenshotAsync(page, "policies-local");

        await page.GetByRole(AriaRole.Tab, new() { Name = "五地对比" }).ClickAsync();
        var comparison = page.Locator("#policy-comparison-grid");
        await Assertions.Expect(comparison).ToBeVisibleAsync();
        var hubeiShare = comparison.Locator("tbody tr", new() { Has = page.Locator("[data-flow='conditional-share']") })
            .Locator("[data-jurisdiction='hubei']");
        await Assertions.Expect(hubeiShare).ToContainTextAsync("10个工作日，逾期视为同意");
        await Assertions.Expect(hubeiShare).ToContainTextAsync("第二十条");
        await Organisation.MudJourney.ChooseAsync(page, "policies-compare-flow", "公民、法人异议处理");
        var compared = page.Locator("#policies-compare-diagrams .gdp-flow-compare");
        await Assertions.Expect(compared).ToHaveCountAsync(5);
        await Assertions.Expect(compared.Locator("figure[data-flow='data-subject-objection'] svg").First).ToBeVisibleAsync();
        Assert.True(await page.EvaluateAsync<bool>("() => document.documentElement.scrollWidth <= window.innerWidth"));
        await BrowserFixture.ScreenshotAsync(page, "policies-comparison");
    }

    [Fact]
    public async Task Nobody_signed_in_is_sent_to_the_login_page()
    {
        var page = await web.NewPageAsync();
        await page.GotoAsync("policies");

        await page.WaitForURLAsync(u => u.Contains("/account/login"));
    }
}
