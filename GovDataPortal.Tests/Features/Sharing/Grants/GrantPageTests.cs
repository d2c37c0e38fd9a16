using Bunit;
using Bunit.Rendering;
using GovDataPortal.Features.Sharing;
using GovDataPortal.Features.Sharing.Grants;
using GovDataPortal.Infrastructure;
using GovDataPortal.Tests.Components;
using GovDataPortal.Tests.Support;
using Microsoft.Extensions.DependencyInjection;

namespace GovDataPortal.Tests.Features.Sharing.Grants;

/// <summary>The grants pages rendered by bUnit with the real service acting as a demo user.</summary>
public class GrantPageTests(GrantFixture portal) : PortalComponentTest, IClassFixture<GrantFixture>, IAsyncLifetime
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(10);
    private AsyncServiceScope? _scope;

    private async Task ActAsAsync(string userName)
    {
        _scope = await portal.ScopeAsAsync(userName);
        Services.AddSingleton(_scope.Value.Get<GrantService>());
        Services.AddSingleton(_scope.Value.Get<CurrentActor>());
    }

    Task IAsyncLifetime.InitializeAsync() => Task.CompletedTask;

    async Task IAsyncLifetime.DisposeAsync()
    {
        await DisposeAsync();
        if (_scope is { } scope) await scope.DisposeAsync();
    }

    private static IEnumerable<string?> Links(IRenderedComponent<GrantsPage> cut) =>
        cut.FindAll(".gdp-grant-link").Select(a => a.GetAttribute("href"));

    [Fact]
    public async Task Requester_sees_its_grant_with_status_and_end_date_and_no_actions()
    {
        portal.Clock.Set(PortalFixture.Start);
        var id = await portal.GrantAsync(new DateOnly(2027, 3, 31), resourceName: "页面测试授权");
        await ActAsAsync("zhangwei");
        RenderDialogProvider();

        var cut = Render<GrantsPage>();

        await cut.WaitForAssertionAsync(() => Assert.Contains($"sharing/grants/{id}", Links(cut)), Wait);
        var row = cut.FindAll("#grants-grid-using tbody tr").Single(r => r.TextContent.Contains("页面测试授权"));
        Assert.Contains("有效", row.QuerySelector(".gdp-grant-status")!.TextContent);
        Assert.Contains("2027-03-31", row.TextContent);
        Assert.Empty(cut.FindAll(".gdp-grant-suspend"));
        Assert.Equal(["我使用的授权", "本部门提供的授权"], cut.FindAll(".mud-tab").Select(t => t.TextContent.Trim()).ToArray());
    }

    [Fact]
    public async Task Detail_page_shows_the_grant_and_its_usage_log()
    {
        portal.Clock.Set(PortalFixture.Start);
        var id = await portal.GrantAsync(resourceName: "详情页授权");
        await portal.AsAsync("zhangwei", s => s.RecordUseAsync(id, GrantFixture.Use()));
        await ActAsAsync("liuyang");
        RenderDialogProvider();

        var cut = Render<GrantDetailPage>(p => p.Add(x => x.Id, id));

        await cut.WaitForAssertionAsync(() => Assert.Contains("详情页授权", cut.Find("h1").TextContent), Wait);
        Assert.Contains("查阅、比对", cut.Find("#grant-details").TextContent);
        Assert.Contains("王警官", cut.Find("#grant-uses").TextContent);
        Assert.Contains("共 1 次", cut.Markup);
        Assert.Empty(cut.FindAll(".gdp-grant-suspend")); // a 数据专管员 of the provider does not change grants
    }

    [Fact]
    public async Task Authority_records_the_missing_agreement_on_the_detail_page()
    {
        portal.Clock.Set(PortalFixture.Start);
        var id = await portal.GrantAsync(resourceName: "协议登记授权", agreement: null);
        await ActAsAsync("zhaomin");
        RenderDialogProvider();
        var cut = Render<GrantDetailPage>(p => p.Add(x => x.Id, id));
        await cut.WaitForAssertionAsync(() => Assert.Contains("县政务服务中心", cut.Find("#grant-agreement-needed").TextContent), Wait);

        await cut.InvokeAsync(() => cut.Find("#grant-agreement-save").Click()); // nothing typed
        await cut.WaitForAssertionAsync(() => Assert.Contains("请填写使用协议编号。", cut.Markup), Wait);
        await cut.InvokeAsync(() => cut.Find("#grant-agreement-reference").Change("双数共〔2026〕21号"));
        await cut.InvokeAsync(() => cut.Find("#grant-agreement-save").Click());

        await cut.WaitForAssertionAsync(() => Assert.Contains("双数共〔2026〕21号", cut.Find("#grant-details").TextContent), Wait);
        Assert.Empty(cut.FindAll("#grant-agreement-needed"));
        Assert.Equal("双数共〔2026〕21号", (await portal.LoadAsync(id)).AgreementReference);
    }

    [Fact]
    public async Task From_a_catalogue_entry_only_its_grants_are_listed()
    {
        portal.Clock.Set(PortalFixture.Start);
        await portal.GrantAsync(entryId: 8801, resourceName: "条目筛选授权甲");
        await portal.GrantAsync(entryId: 8802, resourceName: "条目筛选授权乙");
        await ActAsAsync("zhangwei");
        RenderDialogProvider();

        Services.GetRequiredService<Microsoft.AspNetCore.Components.NavigationManager>().NavigateTo("sharing/grants?entry=8801");
        var cut = Render<GrantsPage>();

        await cut.WaitForAssertionAsync(() => Assert.Contains("条目筛选授权甲", cut.Find("#grants-grid-using").TextContent), Wait);
        Assert.DoesNotContain("条目筛选授权乙", cut.Markup);
        Assert.Contains("#8801", cut.Find("#grant-entry-filter").TextContent);
    }

    [Fact]
    public async Task Other_department_is_refused_the_detail_page()
    {
        portal.Clock.Set(PortalFixture.Start);
        var id = await portal.GrantAsync();
        await ActAsAsync("yangfan");

        var cut = Render<GrantDetailPage>(p => p.Add(x => x.Id, id));

        await cut.WaitForAssertionAsync(() => Assert.Contains(GrantTexts.OtherDepartmentGrant, cut.Markup), Wait);
        Assert.DoesNotContain("企业登记基本信息", cut.Markup);
    }

    [Fact]
    public async Task Usage_page_charts_the_providers_uses_per_month()
    {
        portal.Clock.Set(PortalFixture.Start);
        var id = await portal.GrantAsync(resourceName: "图表授权");
        await portal.AsAsync("zhangwei", s => s.RecordUseAsync(id, GrantFixture.Use()));
        await ActAsAsync("chenjing");

        var cut = Render<GrantUsagePage>();

        await cut.WaitForAssertionAsync(() => Assert.NotNull(cut.Find(".gdp-grant-usage-chart svg")), Wait);
        Assert.Contains("2026-11", cut.Find(".gdp-grant-usage-chart").TextContent);
        Assert.Contains("图表授权", cut.Find("#grant-usage-per-grant").TextContent);
    }
}
