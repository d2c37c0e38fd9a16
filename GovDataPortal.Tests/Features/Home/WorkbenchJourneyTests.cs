using GovDataPortal.Features.Attachments;
using GovDataPortal.Features.DataChecks;
using GovDataPortal.Features.Demo;
using GovDataPortal.Tests.Browser;
using GovDataPortal.Tests.Support;
using Microsoft.Playwright;

namespace GovDataPortal.Tests.Features.Home;

/// <summary>
/// The 工作台 as three people see it after 公安局 raised two data checks with 市场监督管理局 that are now overdue: the
/// approver's deadline figures, the requester's "waiting on others", the data authority's region supervision chart.
/// </summary>
[Collection("browser")]
public class WorkbenchJourneyTests(WorkbenchJourneyTests.Arranged web) : IClassFixture<WorkbenchJourneyTests.Arranged>
{
    /// <summary>The class's own portal and database, with the two checks raised once before the first test.</summary>
    public sealed class Arranged : BrowserFixture
    {
        public override async Task InitializeAsync()
        {
            await base.InitializeAsync();
            Clock.Set(Start);
            var market = await this.DepartmentIdAsync(DemoAccounts.Market);
            await using (var scope = await ScopeAsAsync("zhangwei"))
            {
                var checks = scope.Get<DataCheckService>();
                foreach (var resource in new[] { "企业登记基本信息", "行政许可信息" })
                    await checks.RaiseAsync(new RaiseDataCheckInput(market, resource, "91431123MA4L0000X1", DataCheckKind.Error,
                        "住所与执照不一致。"), (AttachmentUpload?)null);
            }
            Clock.Set(Start.AddDays(12)); // past the 5 working days of shuangpai Art. 27
        }
    }

    [Fact]
    public async Task The_approver_sees_the_overdue_checks_first_with_their_article()
    {
        var page = await web.SignedInPageAsync("chenjing");
        await Assertions.Expect(page.Locator("#stat-overdue .gdp-stat-value")).ToHaveTextAsync("2");
        var rows = page.Locator("#home-deadlines tbody tr");
        await Assertions.Expect(rows).ToHaveCountAsync(2);
        await Assertions.Expect(rows.First).ToContainTextAsync("已逾期");
        await Assertions.Expect(rows.First).ToContainTextAsync("第二十七条");
        await BrowserFixture.ScreenshotAsync(page, "workbench-approver");
    }

    [Fact]
    public async Task The_requester_sees_what_it_waits_on()
    {
        var page = await web.SignedInPageAsync("zhangwei");
        var waiting = page.Locator("#home-waiting tbody tr");
        await Assertions.Expect(waiting).ToHaveCountAsync(2);
        await Assertions.Expect(waiting.First).ToContainTextAsync(DemoAccounts.Market);
        await BrowserFixture.ScreenshotAsync(page, "workbench-requester");
    }

    [Fact]
    public async Task The_data_authority_supervises_the_region_by_department_with_a_chart()
    {
        var page = await web.SignedInPageAsync("zhaomin");
        var supervision = page.Locator("#home-supervision");
        await Assertions.Expect(supervision).ToContainTextAsync("本区域办理情况（督办）");
        var market = supervision.Locator("tbody tr", new() { HasText = DemoAccounts.Market });
        await Assertions.Expect(market.Locator("td").Nth(1)).ToHaveTextAsync("2");
        await Assertions.Expect(market.Locator("td").Nth(2)).ToHaveTextAsync("2");
        await Assertions.Expect(supervision.Locator(".gdp-supervision-chart svg").First).ToBeVisibleAsync();
        await Assertions.Expect(supervision.Locator(".gdp-supervision-chart")).ToContainTextAsync("市场监督管理局");
        await BrowserFixture.ScreenshotAsync(page, "workbench-authority");
    }
}
