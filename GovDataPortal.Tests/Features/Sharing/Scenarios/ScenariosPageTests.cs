using Bunit;
using GovDataPortal.Features.Demo;
using GovDataPortal.Features.Sharing.Scenarios;
using GovDataPortal.Tests.Components;
using GovDataPortal.Tests.Support;
using Microsoft.Extensions.DependencyInjection;

namespace GovDataPortal.Tests.Features.Sharing.Scenarios;

/// <summary>The scenario list rendered by bUnit with the real service acting as a demo user.</summary>
public class ScenariosPageTests(ScenarioFixture portal) : PortalComponentTest, IClassFixture<ScenarioFixture>, IAsyncLifetime
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(10);
    private AsyncServiceScope? _scope;

    Task IAsyncLifetime.InitializeAsync() => Task.CompletedTask;

    async Task IAsyncLifetime.DisposeAsync()
    {
        await DisposeAsync();
        if (_scope is { } scope) await scope.DisposeAsync();
    }

    private async Task<IRenderedComponent<ScenariosPage>> ListAsAsync(string userName)
    {
        _scope = await portal.ScopeAsAsync(userName);
        Services.AddSingleton(_scope.Value.Get<ApplicationScenarioService>());
        RenderPopoverProvider();
        var cut = Render<ScenariosPage>();
        await cut.WaitForAssertionAsync(() => Assert.Empty(cut.FindAll(".mud-progress-linear")), Wait);
        return cut;
    }

    [Fact]
    public async Task Another_department_sees_approved_scenarios_with_status_and_link_but_not_pending_ones()
    {
        var entry = await portal.SharableAsync(DemoAccounts.Market, "页面测试目录", "统一社会信用代码");
        var approved = await portal.ApprovedAsync(ScenarioFixture.Draft(entry, "统一社会信用代码") with { Name = "页面已通过场景" });
        await portal.AsAsync("zhangwei", s => s.RegisterAsync(ScenarioFixture.Draft(entry, "统一社会信用代码") with { Name = "页面待审场景" }));

        var cut = await ListAsAsync("yangfan");

        var link = Assert.Single(cut.FindAll(".gdp-scenario-link"), a => a.TextContent == "页面已通过场景");
        Assert.Equal(ApplicationScenarioService.Link(approved), link.GetAttribute("href"));
        Assert.DoesNotContain("页面待审场景", cut.Markup);
        Assert.Contains("已通过", cut.Find(".gdp-scenario-status").TextContent);
        Assert.Contains("第二十八条第二款", cut.Find("#scenario-basis").TextContent);
        Assert.Equal("sharing/scenarios/export.xlsx", cut.Find("#scenario-export").GetAttribute("href"));
        Assert.NotNull(cut.Find("#scenario-create")); // 杨帆 is a 数据专管员
    }

    [Fact]
    public async Task The_authority_reviewer_sees_a_pending_scenario_of_its_region_and_gets_no_register_button()
    {
        var entry = await portal.SharableAsync(DemoAccounts.Market, "页面测试目录二", "统一社会信用代码");
        await portal.AsAsync("zhangwei", s => s.RegisterAsync(ScenarioFixture.Draft(entry, "统一社会信用代码") with { Name = "本部门待审场景" }));

        var cut = await ListAsAsync("zhaomin");

        Assert.Contains(cut.FindAll(".gdp-scenario-link"), a => a.TextContent == "本部门待审场景");
        Assert.Empty(cut.FindAll("#scenario-create"));
    }
}
