using Bunit;
using GovDataPortal.Features.Catalogue;
using GovDataPortal.Features.Catalogue.Editing;
using GovDataPortal.Infrastructure;
using GovDataPortal.Tests.Components;
using GovDataPortal.Tests.Support;
using Microsoft.AspNetCore.Components;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace GovDataPortal.Tests.Features.Catalogue.Editing;

/// <summary>The form page rendered by bUnit with the real services acting as a demo user.</summary>
public class CatalogueEditorPageTests(PortalFixture portal) : PortalComponentTest, IClassFixture<PortalFixture>, IAsyncLifetime
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(10);
    private AsyncServiceScope? _scope;

    private async Task<IRenderedComponent<CatalogueEditorPage>> OpenAsAsync(string userName, long? id = null)
    {
        _scope = await portal.ScopeAsAsync(userName);
        Services.AddSingleton(_scope.Value.Get<CatalogueEditorService>());
        Services.AddSingleton(_scope.Value.Get<CatalogueLifecycleService>());
        RenderPopoverProvider();
        RenderDialogProvider();
        var cut = Render<CatalogueEditorPage>(p => p.Add(x => x.Id, id).Add(x => x.Debounce, TimeSpan.Zero));
        await cut.WaitForAssertionAsync(() => Assert.NotEmpty(cut.FindAll("#catalogue-editor, .gdp-refused")), Wait);
        return cut;
    }

    Task IAsyncLifetime.InitializeAsync() => Task.CompletedTask;

    async Task IAsyncLifetime.DisposeAsync()
    {
        await DisposeAsync();
        if (_scope is { } scope) await scope.DisposeAsync();
    }

    private static string Percent(IRenderedComponent<CatalogueEditorPage> cut) => cut.Find("#catalogue-completeness-percent").TextContent.Trim();

    [Fact]
    public async Task A_specialist_gets_the_empty_form_whose_completeness_rises_as_they_type_and_submit_stays_disabled_with_the_reason()
    {
        var cut = await OpenAsAsync("zhangwei");

        Assert.Equal("新建目录条目", cut.Find("h1").TextContent);
        Assert.Equal(["基本信息", "信息项", "共享属性", "开放属性", "管理信息"],
            cut.FindAll(".mud-tab").Select(t => new string(t.TextContent.Where(ch => ch > 0x4E00).ToArray())));
        var before = Percent(cut);
        Assert.True(cut.Find("#catalogue-submit").HasAttribute("disabled"));
        Assert.StartsWith("不能提交：尚有", cut.Find("#catalogue-submit-blocked").TextContent.Trim());

        await cut.InvokeAsync(() => cut.Find("#field-Name").Input("页面测试条目"));

        cut.WaitForAssertion(() => Assert.NotEqual(before, Percent(cut)), Wait);
        Assert.Contains("双牌县公安局", cut.Find("#field-Provider").TextContent);
    }

    [Fact]
    public async Task Saving_a_new_draft_creates_the_entry_and_moves_to_its_edit_address()
    {
        var cut = await OpenAsAsync("zhangwei");
        // Typing re-validates after a pause and re-renders: find and act inside the renderer, so no render comes between.
        await cut.InvokeAsync(() => cut.Find("#field-Name").Input("页面保存的条目"));

        await cut.InvokeAsync(() => cut.Find("#catalogue-save").Click());

        await cut.WaitForAssertionAsync(() => Assert.Contains("草稿已保存", cut.Find("#catalogue-editor-message").TextContent), Wait);
        await using var db = await portal.DbAsync();
        var id = await db.CatalogueEntries.Where(e => e.Name == "页面保存的条目").Select(e => e.Id).SingleAsync();
        Assert.EndsWith($"/catalogue/{id}/edit", Services.GetRequiredService<NavigationManager>().Uri);
        // After a save every section shows what is left.
        Assert.NotEmpty(cut.FindAll(".gdp-field-error[data-field='Summary']"));
    }

    [Fact]
    public async Task A_department_reviewer_is_refused_in_chinese()
    {
        var cut = await OpenAsAsync("lina");
        Assert.Contains("只有数据专管员可以编制目录。", cut.Find(".gdp-refused").TextContent);
        Assert.Empty(cut.FindAll("#catalogue-editor"));
    }

    [Fact]
    public async Task Another_departments_specialist_is_refused_and_sees_none_of_the_entry()
    {
        long id;
        await using (var scope = await portal.ScopeAsAsync("zhangwei"))
            id = (await scope.Get<CatalogueEditorService>().SaveDraftAsync(
                new DraftSaveRequest(null, 1, false, 0, 0, CatalogueEditorServiceTests.Complete("不应泄露的条目名")))).EntryId;

        var cut = await OpenAsAsync("liuyang", id);

        Assert.Contains(CatalogueEditorService.OtherDepartmentMessage, cut.Find(".gdp-refused").TextContent);
        Assert.DoesNotContain("不应泄露的条目名", cut.Markup);
    }

    [Fact]
    public async Task A_returned_drafts_general_comments_show_at_the_top_and_the_complete_draft_may_be_submitted()
    {
        long id;
        await using (var scope = await portal.ScopeAsAsync("zhangwei"))
            id = (await scope.Get<CatalogueEditorService>().SaveDraftAsync(
                new DraftSaveRequest(null, 1, false, 0, 0, CatalogueEditorServiceTests.Complete("退回后修改的条目")))).EntryId;
        await using (var db = await portal.DbAsync())
        {
            var versionId = await db.CatalogueVersions.Where(v => v.EntryId == id).Select(v => v.Id).SingleAsync();
            await db.Database.ExecuteSqlAsync($"""
                INSERT INTO catalogue_review_comments ("VersionId", "Field", "Text", "StepName", "ByUserId", "At")
                VALUES ({versionId}, NULL, '摘要过于简单，请补充覆盖范围。', '主管部门审核', 'x', {PortalFixture.Start})
                """);
        }

        var cut = await OpenAsAsync("zhangwei", id);

        Assert.Contains("主管部门审核 · 审核人", cut.Find("#catalogue-general-comments").TextContent);
        Assert.Contains("摘要过于简单，请补充覆盖范围。", cut.Find("#catalogue-general-comments").TextContent);
        Assert.Equal("完整度 100%", Percent(cut));
        Assert.False(cut.Find("#catalogue-submit").HasAttribute("disabled"));
        Assert.Empty(cut.FindAll("#catalogue-submit-blocked"));
    }
}
