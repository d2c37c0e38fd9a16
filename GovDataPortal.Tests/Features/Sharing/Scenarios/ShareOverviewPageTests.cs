using Bunit;
using GovDataPortal.Features.Catalogue;
using GovDataPortal.Features.Demo;
using GovDataPortal.Features.Sharing;
using GovDataPortal.Features.Sharing.Scenarios;
using GovDataPortal.Tests.Components;
using GovDataPortal.Tests.Support;
using Microsoft.Extensions.DependencyInjection;

namespace GovDataPortal.Tests.Features.Sharing.Scenarios;

/// <summary>The authority's overview page rendered by bUnit with the real service acting as 赵敏.</summary>
public class ShareOverviewPageTests(ScenarioFixture portal) : PortalComponentTest, IClassFixture<ScenarioFixture>, IAsyncLifetime
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(10);
    private AsyncServiceScope? _scope;

    Task IAsyncLifetime.InitializeAsync() => Task.CompletedTask;

    async Task IAsyncLifetime.DisposeAsync()
    {
        await DisposeAsync();
        if (_scope is { } scope) await scope.DisposeAsync();
    }

    /// <summary>An open request from 公安局 to 市场监管局 whose open step was due <paramref name="dueIn"/> from now.</summary>
    private async Task OpenRequestAsync(string resource, TimeSpan dueIn)
    {
        var draft = new ShareRequestDraft
        {
            Kind = ShareRequestKind.Conditional, ItemNames = ["统一社会信用代码"], DutyBasis = "市场监管协同", Scenario = "案件核查",
            Methods = ShareMethods.PlatformApi, Operations = ShareOperations.View, Users = "案件承办人",
            EndDate = DateOnly.FromDateTime(portal.Clock.GetUtcNow().UtcDateTime).AddMonths(6),
        };
        var request = ShareRequest.Create(draft, await portal.DepartmentIdAsync(DemoAccounts.Police), await portal.UserIdAsync("zhangwei"),
            await portal.DepartmentIdAsync(DemoAccounts.Market), resource, null, portal.Clock.GetUtcNow());
        request.TrackDue(portal.Clock.GetUtcNow() + dueIn);
        await using var db = await portal.DbAsync();
        db.ShareRequests.Add(request);
        await db.SaveChangesAsync();
    }

    [Fact]
    public async Task The_summary_counts_the_open_and_the_overdue_requests_the_table_loaded()
    {
        await OpenRequestAsync("页面逾期申请", TimeSpan.FromDays(-2));
        await OpenRequestAsync("页面在办申请", TimeSpan.FromDays(3));
        _scope = await portal.ScopeAsAsync("zhaomin");
        Services.AddSingleton(_scope.Value.Get<ShareOverviewService>());
        RenderPopoverProvider();

        var cut = Render<ShareOverviewPage>();

        await cut.WaitForAssertionAsync(() => Assert.Contains("页面逾期申请", cut.Find("#overview-table").TextContent), Wait);
        // Regression: the summary read 0 while the table listed the requests (it was not rendered again after loading).
        await cut.WaitForAssertionAsync(() =>
            Assert.Equal("本区域审核中的共享申请2件，其中已逾期1件（排在最前）。", cut.Find("#overview-summary").TextContent.Trim()), Wait);
    }
}
