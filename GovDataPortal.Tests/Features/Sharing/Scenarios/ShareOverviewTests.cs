using GovDataPortal.Features.Catalogue;
using GovDataPortal.Features.Demo;
using GovDataPortal.Features.Policies;
using GovDataPortal.Features.Sharing;
using GovDataPortal.Features.Sharing.Scenarios;
using GovDataPortal.Features.Workflow;
using GovDataPortal.Infrastructure;
using GovDataPortal.Infrastructure.Excel;
using GovDataPortal.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace GovDataPortal.Tests.Features.Sharing.Scenarios;

/// <summary>The data authority's overview of all open share requests (issue 10 §4), overdue first.</summary>
public class ShareOverviewTests(ScenarioFixture portal) : IClassFixture<ScenarioFixture>
{
    /// <summary>A request in review from 公安局 to 市场监管局, with the active profile's conditional-share flow when asked.</summary>
    private async Task<long> OpenRequestAsync(string resource, bool withFlow)
    {
        var police = await portal.DepartmentIdAsync(DemoAccounts.Police);
        var market = await portal.DepartmentIdAsync(DemoAccounts.Market);
        await using var scope = await portal.ScopeAsAsync("zhangwei");
        await using var db = await portal.DbAsync();
        var draft = new ShareRequestDraft
        {
            Kind = ShareRequestKind.Conditional, ItemNames = ["统一社会信用代码"], DutyBasis = "市场监管协同", Scenario = "案件核查",
            Methods = ShareMethods.PlatformApi, Operations = ShareOperations.View, Users = "案件承办人",
            EndDate = DateOnly.FromDateTime(portal.Clock.GetUtcNow().UtcDateTime).AddMonths(6),
        };
        var request = ShareRequest.Create(draft, police, await portal.UserIdAsync("zhangwei"), market, resource, null, portal.Clock.GetUtcNow());
        db.ShareRequests.Add(request);
        await db.SaveChangesAsync();
        if (withFlow)
        {
            var instance = await scope.Get<WorkflowEngine>().StartAsync(db, new StartFlow(FlowKeys.ConditionalShare, SharingTexts.SubjectType,
                request.Id.ToString(System.Globalization.CultureInfo.InvariantCulture), resource, market, police), CancellationToken.None);
            await db.SaveChangesAsync();
            request.AttachFlow(instance.Id);
            await db.SaveChangesAsync();
        }
        return request.Id;
    }

    [Fact]
    public async Task Overdue_requests_come_first_then_the_running_ones_then_those_without_a_deadline()
    {
        var noFlow = await OpenRequestAsync("无流程的申请", withFlow: false);
        var early = await OpenRequestAsync("早提交的申请", withFlow: true);
        portal.Clock.Advance(TimeSpan.FromDays(10)); // past the 5 working days of foshan Art. 26 ¶2
        var late = await OpenRequestAsync("晚提交的申请", withFlow: true);

        var page = await AsReviewerAsync(s => s.PageAsync());

        Assert.Equal([early, late, noFlow], page.Items.Select(r => r.Id));
        Assert.Equal((3, 1), (page.Total, page.Overdue));
        var overdue = page.Items[0];
        Assert.True(overdue.Overdue);
        Assert.Equal("数源部门答复", overdue.StepName);
        Assert.Contains("第二十六条第二款", overdue.RuleText);
        Assert.Equal((DemoAccounts.Police, DemoAccounts.Market), (overdue.RequesterName, overdue.ProviderName));
        Assert.False(page.Items[1].Overdue);
        Assert.Null(page.Items[2].DueDate);

        using var file = new MemoryStream();
        Assert.Equal(3, await AsReviewerAsync(s => s.ExportAsync(file))); // three rows under the header
        Assert.True(file.Length > 0);
    }

    [Theory]
    [InlineData("zhangwei")]
    [InlineData("lina")]
    [InlineData("chenjing")]
    public async Task Only_an_authority_reviewer_opens_the_overview(string userName)
    {
        await using var scope = await portal.ScopeAsAsync(userName);
        var refused = await Assert.ThrowsAsync<AccessDeniedException>(() => scope.Get<ShareOverviewService>().PageAsync());
        Assert.Equal(ScenarioTexts.OverviewOnlyMessage, refused.Message);
    }

    private async Task<T> AsReviewerAsync<T>(Func<ShareOverviewService, Task<T>> act)
    {
        await using var scope = await portal.ScopeAsAsync("zhaomin");
        return await act(scope.Get<ShareOverviewService>());
    }
}
