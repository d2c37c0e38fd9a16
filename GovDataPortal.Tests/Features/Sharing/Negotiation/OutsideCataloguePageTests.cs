using System.Net;
using Bunit;
using GovDataPortal.Features.Catalogue;
using GovDataPortal.Features.Demo;
using GovDataPortal.Features.Organisation;
using GovDataPortal.Features.Policies;
using GovDataPortal.Features.Sharing;
using GovDataPortal.Features.Sharing.Negotiation;
using GovDataPortal.Features.Sharing.Requests;
using GovDataPortal.Infrastructure;
using GovDataPortal.Tests.Components;
using GovDataPortal.Tests.Features.Catalogue.Browse;
using GovDataPortal.Tests.Support;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.DependencyInjection;

namespace GovDataPortal.Tests.Features.Sharing.Negotiation;

/// <summary>The outside-catalogue request form rendered by bUnit with the real services acting as a demo user.</summary>
public abstract class OutsideCataloguePageTestBase(OutsideCatalogueFixture portal) : PortalComponentTest, IAsyncLifetime
{
    protected static readonly TimeSpan Wait = TimeSpan.FromSeconds(10);
    private AsyncServiceScope? _scope;

    protected OutsideCatalogueFixture Portal => portal;

    protected async Task<IRenderedComponent<NewOutsideCatalogueRequestPage>> RenderAsAsync(string userName, string kind, long? entry = null)
    {
        var scope = await portal.ScopeAsAsync(userName);
        _scope = scope;
        Services.AddSingleton(scope.Get<OutsideCatalogueService>());
        Services.AddSingleton(scope.Get<ShareRequestService>());
        Services.AddSingleton(scope.Get<OrganisationService>());
        Services.AddSingleton(scope.Get<PolicyCatalog>());
        Services.AddSingleton(scope.Get<CurrentActor>());
        Services.AddSingleton<TimeProvider>(portal.Clock);
        RenderPopoverProvider();
        // Query parameters come from the address, as in the browser.
        Services.GetRequiredService<NavigationManager>().NavigateTo(
            $"sharing/requests/outside/new?kind={kind}" + (entry is { } e ? $"&entry={e}" : ""));
        return Render<NewOutsideCatalogueRequestPage>();
    }

    protected static string[] FieldErrors(IRenderedComponent<NewOutsideCatalogueRequestPage> cut, string field) =>
        [.. cut.FindAll($".gdp-field-error[data-field='{field}']").Select(e => e.TextContent.Trim())];

    Task IAsyncLifetime.InitializeAsync() => Task.CompletedTask;

    async Task IAsyncLifetime.DisposeAsync()
    {
        await DisposeAsync();
        if (_scope is { } scope) await scope.DisposeAsync();
    }
}

/// <summary>hubei Art. 22 ¶1: the 目录外数据需求 form, its validation messages and the refusal of other roles.</summary>
public sealed class HubeiOutsideCataloguePageTests(HubeiOutsideCatalogueFixture portal)
    : OutsideCataloguePageTestBase(portal), IClassFixture<HubeiOutsideCatalogueFixture>
{
    [Fact]
    public async Task Uncatalogued_form_shows_the_steps_with_deadlines_and_article_and_the_servers_messages_per_field()
    {
        var cut = await RenderAsAsync("zhangwei", "uncatalogued");
        await cut.WaitForAssertionAsync(() => Assert.NotEmpty(cut.FindAll("#outside-request-submit")), Wait);

        Assert.Contains("目录外数据需求", cut.Find("h1").TextContent);
        var steps = cut.Find("#outside-request-steps").TextContent;
        Assert.Contains("第二十二条", steps);
        Assert.Contains("10个工作日", steps);
        Assert.NotEmpty(cut.FindAll(".gdp-provider-select")); // the provider is picked, not typed

        cut.Find("#outside-request-submit").Click();

        await cut.WaitForAssertionAsync(() => Assert.Equal(["请选择数据提供部门。"], FieldErrors(cut, ShareRequestFields.ProviderDepartmentId)), Wait);
        Assert.Equal(["请填写所需数据的名称和内容。"], FieldErrors(cut, ShareRequestFields.DataDescription));
        Assert.Equal(["请填写履职依据。"], FieldErrors(cut, ShareRequestFields.DutyBasis));
        Assert.Equal(["请选择共享方式。"], FieldErrors(cut, ShareRequestFields.Methods));
        Assert.Empty(FieldErrors(cut, ShareRequestFields.EndDate)); // a year ahead by default
        Assert.Contains("sharing/requests/outside/new", Services.GetRequiredService<NavigationManager>().Uri); // stayed on the form
    }

    [Fact]
    public async Task A_department_approver_is_refused_the_form_in_chinese()
    {
        var cut = await RenderAsAsync("lina", "uncatalogued");

        await cut.WaitForAssertionAsync(() => Assert.Contains("只有数据专管员可以提出目录外数据需求", cut.Find(".gdp-refused").TextContent), Wait);
        Assert.Empty(cut.FindAll("#outside-request-form"));
    }

    [Fact]
    public async Task Uncatalogued_request_page_and_list_show_the_description_without_an_entry()
    {
        var market = await Portal.DepartmentIdAsync(DemoAccounts.Market);
        var id = await Portal.AsAsync("zhangwei", s => s.RequestUncataloguedAsync(
            OutsideCatalogueFixture.Draft() with { ProviderDepartmentId = market, DataDescription = "个体工商户歇业备案记录" }));
        using var client = await Portal.CookieClientAsAsync("zhangwei");

        var detail = WebUtility.HtmlDecode(await client.GetStringAsync($"/sharing/requests/{id}"));
        Assert.Contains("所需数据（未列入目录）", detail);
        Assert.Contains("个体工商户歇业备案记录", detail);
        Assert.DoesNotContain("个体工商户歇业备案记录（）", detail);
        Assert.Contains("第二十二条", detail);

        var list = WebUtility.HtmlDecode(await client.GetStringAsync("/sharing/requests"));
        Assert.Contains("sharing/requests/outside/new?kind=uncatalogued", list);
        Assert.Contains("目录外数据需求", list);
    }
}

/// <summary>shuangpai: no uncatalogued procedure; 不予共享 entries are negotiated (Art. 24 ¶1 item 3).</summary>
public sealed class ShuangpaiOutsideCataloguePageTests(OutsideCatalogueFixture portal)
    : OutsideCataloguePageTestBase(portal), IClassFixture<OutsideCatalogueFixture>
{
    [Fact]
    public async Task Without_the_uncatalogued_procedure_the_page_says_so_instead_of_failing()
    {
        var cut = await RenderAsAsync("zhangwei", "uncatalogued");

        await cut.WaitForAssertionAsync(() =>
            Assert.Contains("未规定目录外数据需求的办理程序", cut.Find("#outside-request-unavailable").TextContent), Wait);
        Assert.Empty(cut.FindAll("#outside-request-form"));
    }

    [Fact]
    public async Task My_requests_offer_no_uncatalogued_button_where_the_profile_has_no_such_procedure()
    {
        using var client = await Portal.CookieClientAsAsync("zhangwei");
        var list = WebUtility.HtmlDecode(await client.GetStringAsync("/sharing/requests"));
        Assert.Contains("我的共享申请", list);
        Assert.DoesNotContain("outside/new?kind=uncatalogued", list);
    }

    [Fact]
    public async Task Negotiation_form_offers_the_entrys_items_and_shows_the_filing_step_and_the_servers_messages()
    {
        var entry = await Portal.NotSharedEntryAsync("企业经营异常内部核查记录");
        var cut = await RenderAsAsync("zhangwei", "negotiation", entry);
        await cut.WaitForAssertionAsync(() => Assert.NotEmpty(cut.FindAll("#outside-request-submit")), Wait);

        Assert.Contains("不予共享数据协商", cut.Find("h1").TextContent);
        Assert.Contains("企业经营异常内部核查记录", cut.Find("#outside-request-entry").TextContent);
        Assert.Contains("第二十四条第一款第（三）项", cut.Find("#outside-request-steps").TextContent);

        cut.Find("#outside-request-submit").Click();

        await cut.WaitForAssertionAsync(() =>
            Assert.Equal(["请至少选择一个所需的信息项（按最小必要原则申请）。"], FieldErrors(cut, ShareRequestFields.ItemNames)), Wait);
        Assert.Equal(["请填写应用场景。"], FieldErrors(cut, ShareRequestFields.Scenario));
    }

    [Fact]
    public async Task Negotiation_form_is_refused_for_a_shareable_entry()
    {
        var shareable = await Portal.AddAsync(DemoAccounts.Market, CatalogueBrowseFixture.Content("企业登记公开信息二", null, "企业名称"));
        var cut = await RenderAsAsync("zhangwei", "negotiation", shareable);
        await cut.WaitForAssertionAsync(() => Assert.Contains("不是不予共享类", cut.Find("#outside-request-unavailable").TextContent), Wait);
        Assert.Empty(cut.FindAll("#outside-request-form"));
    }

    [Fact]
    public async Task Catalogue_entry_page_offers_negotiation_for_another_departments_not_shared_entry_only()
    {
        var entry = await Portal.NotSharedEntryAsync("企业行政处罚内部记录");
        using var police = await Portal.CookieClientAsAsync("zhangwei");
        var page = WebUtility.HtmlDecode(await police.GetStringAsync($"/catalogue/{entry}"));
        Assert.Contains($"sharing/requests/outside/new?kind=negotiation&entry={entry}", page);
        Assert.Contains("catalogue-request-negotiation", page);
        Assert.DoesNotContain("catalogue-request-share", page);
        Assert.Contains($"sharing/grants?entry={entry}", page); // the grants section links to this entry's grants
        Assert.DoesNotContain("后续版本", page);

        using var market = await Portal.CookieClientAsAsync("liuyang");
        var own = WebUtility.HtmlDecode(await market.GetStringAsync($"/catalogue/{entry}"));
        Assert.Contains("企业行政处罚内部记录", own);
        Assert.DoesNotContain("catalogue-request-negotiation", own);
    }
}
