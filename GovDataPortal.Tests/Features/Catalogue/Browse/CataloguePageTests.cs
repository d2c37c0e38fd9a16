using Microsoft.EntityFrameworkCore;
using Bunit;
using GovDataPortal.Features.Catalogue;
using GovDataPortal.Features.Demo;
using GovDataPortal.Features.Policies;
using GovDataPortal.Infrastructure;
using GovDataPortal.Tests.Components;
using GovDataPortal.Tests.Support;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.DependencyInjection;

namespace GovDataPortal.Tests.Features.Catalogue.Browse;

/// <summary>The catalogue list and entry pages rendered by bUnit with the real services acting as a demo user.</summary>
public class CataloguePageTests(CatalogueBrowseFixture portal) : PortalComponentTest, IClassFixture<CatalogueBrowseFixture>, IAsyncLifetime
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(10);
    private AsyncServiceScope? _scope;

    private async Task ActAsAsync(string userName)
    {
        _scope = await portal.ScopeAsAsync(userName);
        Services.AddSingleton(_scope.Value.Get<CatalogueQueryService>());
        Services.AddSingleton(_scope.Value.Get<CurrentActor>());
        Services.AddSingleton(portal.Services.GetRequiredService<PolicyCatalog>());
        Services.AddSingleton(_scope.Value.Get<MaintenanceService>());
        Services.AddSingleton(_scope.Value.Get<OneSourceService>());
        Services.AddSingleton(_scope.Value.Get<CatalogueLifecycleService>());
    }

    Task IAsyncLifetime.InitializeAsync() => Task.CompletedTask;

    async Task IAsyncLifetime.DisposeAsync()
    {
        await DisposeAsync();
        if (_scope is { } scope) await scope.DisposeAsync();
    }

    private async Task<IRenderedComponent<CatalogueListPage>> ListAsAsync(string userName, string query = "")
    {
        await ActAsAsync(userName);
        Services.GetRequiredService<NavigationManager>().NavigateTo($"catalogue{query}");
        RenderPopoverProvider();
        return Render<CatalogueListPage>();
    }

    private static List<string> Links(IRenderedComponent<CatalogueListPage> cut) =>
        [.. cut.FindAll(".gdp-catalogue-link").Select(a => a.TextContent.Trim())];

    private async Task<IRenderedComponent<CatalogueEntryPage>> EntryAsAsync(string userName, long id)
    {
        await ActAsAsync(userName);
        var cut = Render<CatalogueEntryPage>(p => p.Add(x => x.Id, id));
        await cut.WaitForAssertionAsync(() => Assert.Empty(cut.FindAll(".mud-progress-linear")), Wait);
        return cut;
    }

    [Fact]
    public async Task List_page_filters_by_the_keyword_in_its_link_and_shows_code_or_unpublished()
    {
        var published = await portal.AddAsync("卯社保参保信息", items: ["参保险种"]);
        await portal.AddAsync("卯社保草稿", TestEntryState.Draft);
        await portal.AddAsync("卯无关信息");

        var cut = await ListAsAsync("zhangwei", "?keyword=%E5%8D%AF%E7%A4%BE%E4%BF%9D");

        await cut.WaitForAssertionAsync(() => Assert.Equal(["卯社保参保信息", "卯社保草稿"], Links(cut).Order()), Wait);
        var text = cut.Find("#catalogue-grid").TextContent;
        Assert.Contains(await portal.CodeOfAsync(published), text);
        Assert.Contains("未发布", text);
        var headers = cut.FindAll("#catalogue-grid thead th").Select(th => th.TextContent.Trim()).Where(t => t.Length > 0).ToList();
        Assert.Equal(["信息资源代码", "名称", "提供方", "分类", "共享类型", "开放类型", "更新周期", "状态", "更新时间"], headers);
        Assert.Contains("keyword=%E5%8D%AF%E7%A4%BE%E4%BF%9D", cut.Find("#catalogue-export").GetAttribute("href"));
        Assert.Equal("catalogue/new", cut.Find("#catalogue-create").GetAttribute("href"));
    }

    [Fact]
    public async Task List_page_shows_other_departments_only_published_entries_and_no_create_button_to_reviewers()
    {
        await portal.AddAsync("辰户籍已发布");
        await portal.AddAsync("辰户籍草稿", TestEntryState.Draft);

        var cut = await ListAsAsync("chenjing", "?keyword=%E8%BE%B0%E6%88%B7%E7%B1%8D");

        await cut.WaitForAssertionAsync(() => Assert.Equal(["辰户籍已发布"], Links(cut)), Wait);
        Assert.Empty(cut.FindAll("#catalogue-create"));
    }

    [Fact]
    public async Task A_keyword_typed_in_the_list_goes_into_the_address_and_clearing_takes_it_out()
    {
        await portal.AddAsync("午地址栏筛选信息");
        var cut = await ListAsAsync("zhangwei");
        var navigation = Services.GetRequiredService<NavigationManager>();

        await cut.InvokeAsync(() => cut.Find("#catalogue-keyword").Change("午地址栏"));

        await cut.WaitForAssertionAsync(() => Assert.Equal(["午地址栏筛选信息"], Links(cut)), Wait);
        Assert.EndsWith("catalogue?keyword=%E5%8D%88%E5%9C%B0%E5%9D%80%E6%A0%8F", navigation.Uri);
        await cut.InvokeAsync(() => cut.Find("#catalogue-reset").Click());
        await cut.WaitForAssertionAsync(() => Assert.EndsWith("/catalogue", navigation.Uri), Wait);
    }

    [Fact]
    public async Task Entry_page_shows_sections_items_and_the_not_shared_notice_with_its_article()
    {
        var content = CatalogueBrowseFixture.Content("巳婚姻登记信息", "婚姻登记记录。", "登记日期");
        content.ShareType = ShareType.NotShared;
        content.ShareBasis = "《婚姻登记条例》";
        var id = await portal.AddAsync(DemoAccounts.Police, content);

        var cut = await EntryAsAsync("liuyang", id);

        Assert.Equal("巳婚姻登记信息", cut.Find("#catalogue-entry-title").TextContent);
        foreach (var section in new[] { "basic", "items", "share", "open", "management" }) Assert.NotNull(cut.Find($"#catalogue-section-{section}"));
        Assert.Contains("登记日期", cut.Find("#catalogue-section-items").TextContent);
        Assert.Contains("字符型C", cut.Find("#catalogue-section-items").TextContent);
        Assert.Contains(CatalogueTexts.CodeLayoutNote, cut.Find("#catalogue-entry-code").TextContent);
        Assert.Equal("该数据资源存在，但不予共享，不能申请使用（参照《佛山市政务数据资源管理办法（试行）》（佛府办〔2020〕4号）第十三条第三项）。",
            cut.Find("#catalogue-not-shared").TextContent.Trim());
        Assert.NotNull(cut.Find("#catalogue-version-compare"));
        Assert.Empty(cut.FindAll("#catalogue-open-tasks")); // tasks are the department's and the authority's business
    }

    [Fact]
    public async Task Entry_page_offers_the_providers_specialist_a_new_version_withdrawal_and_review_mark()
    {
        var id = await portal.AddAsync(DemoAccounts.Police, CatalogueBrowseFixture.Content("申户籍迁移记录", "户籍迁移。", "迁移日期"));

        var own = await EntryAsAsync("zhangwei", id);
        Assert.Equal($"catalogue/{id}/edit", own.Find("#catalogue-new-version").GetAttribute("href"));
        Assert.NotNull(own.Find("#catalogue-mark-reviewed"));
        own.Find("#catalogue-withdraw-open").Click();
        own.WaitForAssertion(() => Assert.NotNull(own.Find("#catalogue-withdraw-form")));
    }

    [Fact]
    public async Task Entry_page_offers_another_department_no_action()
    {
        var id = await portal.AddAsync(DemoAccounts.Police, CatalogueBrowseFixture.Content("戌户籍迁移记录", "户籍迁移。", "迁移日期"));
        var other = await EntryAsAsync("liuyang", id);
        Assert.Contains("戌户籍迁移记录", other.Find("#catalogue-entry-title").TextContent);
        Assert.Empty(other.FindAll("#catalogue-entry-actions"));
    }

    [Fact]
    public async Task Entry_page_names_the_authoritative_source_of_an_item_another_department_was_named_for()
    {
        var id = await portal.AddAsync(DemoAccounts.Market, CatalogueBrowseFixture.Content("酉个体经营者信息", "个体经营者。", "公民身份号码"));
        await using (var db = await portal.DbAsync())
        {
            var police = await portal.DepartmentIdAsync(DemoAccounts.Police);
            await db.Database.ExecuteSqlInterpolatedAsync($@"insert into authoritative_sources (""NormalisedName"", ""DataType"", ""ItemName"", ""ProviderDepartmentId"", ""DecidedByUserId"", ""DecidedAt"")
                values ('公民身份号码', 'C', '公民身份号码', {police}, 'test', now())");
        }

        var cut = await EntryAsAsync("liuyang", id);
        cut.WaitForAssertion(() => Assert.Contains("信息项“公民身份号码”　权威来源：双牌县公安局", cut.Find("#catalogue-duplicates").TextContent), Wait);
    }

    [Fact]
    public async Task Entry_page_answers_another_departments_draft_as_not_found()
    {
        var id = await portal.AddAsync("午户籍草稿", TestEntryState.Draft);

        var other = await EntryAsAsync("liuyang", id);
        Assert.Equal(CatalogueBrowseTexts.NotVisibleMessage, other.Find("#catalogue-not-found").TextContent.Trim());
        Assert.DoesNotContain("午户籍草稿", other.Markup);
    }
}
