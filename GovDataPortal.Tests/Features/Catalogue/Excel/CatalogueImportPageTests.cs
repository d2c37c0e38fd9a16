using Bunit;
using GovDataPortal.Features.Catalogue;
using GovDataPortal.Features.Catalogue.Excel;
using GovDataPortal.Infrastructure;
using GovDataPortal.Tests.Components;
using GovDataPortal.Tests.Support;
using Microsoft.AspNetCore.Components.Forms;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using B = GovDataPortal.Tests.Features.Catalogue.Excel.CatalogueWorkbookBuilder;

namespace GovDataPortal.Tests.Features.Catalogue.Excel;

/// <summary>
/// The import page rendered by bUnit with the real services: choosing a file runs the dry run and lists its problems
/// with the confirm button off; a clean file is confirmed into drafts; an oversize file is refused before it is read.
/// </summary>
public class CatalogueImportPageTests(PortalFixture portal) : PortalComponentTest, IClassFixture<PortalFixture>, IAsyncLifetime
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(20);
    private AsyncServiceScope? _scope;

    private async Task<IRenderedComponent<CatalogueImportPage>> PageAsAsync(string userName)
    {
        _scope = await portal.ScopeAsAsync(userName);
        Services.AddSingleton(_scope.Value.Get<CatalogueImportService>());
        Services.AddSingleton(_scope.Value.Get<CatalogueLifecycleService>());
        RenderPopoverProvider();
        return Render<CatalogueImportPage>();
    }

    Task IAsyncLifetime.InitializeAsync() => Task.CompletedTask;

    async Task IAsyncLifetime.DisposeAsync()
    {
        await DisposeAsync();
        if (_scope is { } scope) await scope.DisposeAsync();
    }

    // UploadFiles dispatches to the renderer itself (inside InvokeAsync it would wait on itself).
    private static void Choose(IRenderedComponent<CatalogueImportPage> cut, byte[] file, string name = "目录.xlsx") =>
        cut.FindComponent<InputFile>().UploadFiles(InputFileContent.CreateFromBinary(file, name));

    private async Task<int> DraftsNamedAsync(string name)
    {
        await using var db = await portal.DbAsync();
        return await db.CatalogueEntries.CountAsync(e => e.Name == name);
    }

    [Fact]
    public async Task A_file_with_a_wrong_value_lists_the_problem_at_its_cell_and_cannot_be_confirmed()
    {
        var cut = await PageAsAsync("zhangwei");

        Choose(cut, new B().WithGoodEntry(1, "页面预检户籍信息", ("共享类型", "部分共享")).Build());

        await cut.WaitForAssertionAsync(() => Assert.Contains("错误 1 处", cut.Find("#catalogue-import-error-count").TextContent), Wait);
        var problems = cut.Find("#catalogue-import-problems").TextContent;
        Assert.Contains("目录条目", problems);
        Assert.Contains("“共享类型”的值“部分共享”无法识别", problems);
        Assert.True(cut.Find("#catalogue-import-confirm").HasAttribute("disabled"));
        Assert.Contains("目录.xlsx", cut.Find("#catalogue-import-file").TextContent);
        Assert.Equal(0, await DraftsNamedAsync("页面预检户籍信息"));
    }

    [Fact]
    public async Task A_clean_file_is_confirmed_into_drafts_of_the_department()
    {
        var cut = await PageAsAsync("zhangwei");
        Choose(cut, new B().WithGoodEntry(1, "页面导入户籍信息").WithGoodEntry(2, "页面导入居住证信息").Build());
        await cut.WaitForAssertionAsync(() => Assert.Contains("错误 0 处", cut.Find("#catalogue-import-error-count").TextContent), Wait);

        await cut.InvokeAsync(() => cut.Find("#catalogue-import-confirm").Click());

        await cut.WaitForAssertionAsync(() => Assert.Contains("已导入 2 个目录条目", cut.Find("#catalogue-import-saved").TextContent), Wait);
        Assert.Equal(1, await DraftsNamedAsync("页面导入户籍信息"));
        Assert.Equal(1, await DraftsNamedAsync("页面导入居住证信息"));
    }

    [Fact]
    public async Task A_file_over_the_size_limit_is_refused_in_chinese_without_a_dry_run()
    {
        var cut = await PageAsAsync("zhangwei");

        Choose(cut, new byte[CatalogueImportLimits.MaxFileBytes + 1], "很大的目录.xlsx");

        await cut.WaitForAssertionAsync(() => Assert.Contains("超过了 10 MB 的上限", cut.Find("#catalogue-import-refused").TextContent), Wait);
        Assert.Empty(cut.FindAll("#catalogue-import-summary"));
    }

    [Fact]
    public async Task A_department_reviewer_is_told_that_only_specialists_import()
    {
        var cut = await PageAsAsync("lina");

        Assert.Contains("只有部门的数据专管员可以批量导入目录", cut.Markup);
        Assert.Empty(cut.FindAll("#catalogue-import-choose"));
    }
}
