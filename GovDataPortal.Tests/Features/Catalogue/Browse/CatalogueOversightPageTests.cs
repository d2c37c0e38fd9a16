using Bunit;
using GovDataPortal.Features.Catalogue;
using GovDataPortal.Features.Demo;
using GovDataPortal.Infrastructure;
using GovDataPortal.Tests.Components;
using GovDataPortal.Tests.Support;
using Microsoft.Extensions.DependencyInjection;

namespace GovDataPortal.Tests.Features.Catalogue.Browse;

/// <summary>The 一数一源 page and the 目录更新与维护 page rendered by bUnit with the real services acting as a demo user.</summary>
public class CatalogueOversightPageTests(CatalogueBrowseFixture portal) : PortalComponentTest, IClassFixture<CatalogueBrowseFixture>, IAsyncLifetime
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(10);
    private AsyncServiceScope? _scope;

    private async Task ActAsAsync(string userName)
    {
        _scope = await portal.ScopeAsAsync(userName);
        foreach (var type in new[] { typeof(OneSourceService), typeof(ObligationService), typeof(MaintenanceService), typeof(CurrentActor) })
            Services.AddSingleton(type, _scope.Value.ServiceProvider.GetRequiredService(type));
        Services.AddSingleton(portal.Services.GetRequiredService<TimeProvider>());
        RenderPopoverProvider();
    }

    Task IAsyncLifetime.InitializeAsync() => Task.CompletedTask;

    async Task IAsyncLifetime.DisposeAsync()
    {
        await DisposeAsync();
        if (_scope is { } scope) await scope.DisposeAsync();
    }

    [Fact]
    public async Task The_authority_sees_an_item_two_providers_publish_as_a_candidate_duplicate()
    {
        await portal.AddAsync(DemoAccounts.Police, CatalogueBrowseFixture.Content("亥渔船船员信息", "船员。", "渔船船名"));
        await portal.AddAsync(DemoAccounts.Market, CatalogueBrowseFixture.Content("亥渔船经营信息", "经营。", "渔船船名"));
        await ActAsAsync("zhaomin");

        var cut = Render<OneSourcePage>();
        await cut.WaitForAssertionAsync(() => Assert.Contains("渔船船名", cut.Find("#one-source-table").TextContent), Wait);
        var table = cut.Find("#one-source-table").TextContent;
        Assert.Contains(DemoAccounts.Police, table);
        Assert.Contains(DemoAccounts.Market, table);
        Assert.Contains("第十八条", cut.Find("#one-source-basis").TextContent);
    }

    [Fact]
    public async Task A_specialist_opens_the_change_form_under_the_article_of_the_deadline()
    {
        await ActAsAsync("zhangwei");

        var cut = Render<ObligationsPage>();
        await cut.WaitForAssertionAsync(() => Assert.Contains("第十九条", cut.Find("#obligation-basis").TextContent), Wait);
        cut.Find("#change-record-toggle").Click();
        await cut.WaitForAssertionAsync(() => Assert.NotNull(cut.Find("#change-form")), Wait);
    }
}
