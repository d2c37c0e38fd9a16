using Bunit;
using GovDataPortal.Features.Catalogue;
using GovDataPortal.Infrastructure;
using GovDataPortal.Tests.Components;
using GovDataPortal.Tests.Support;
using Microsoft.Extensions.DependencyInjection;
using static GovDataPortal.Tests.Features.Catalogue.Lifecycle.CatalogueLifecycleFixture;

namespace GovDataPortal.Tests.Features.Catalogue.Lifecycle;

/// <summary>The review page and the diff component rendered by bUnit, with the real service acting as a demo user.</summary>
public class CatalogueReviewPageTests(CatalogueLifecycleFixture portal) : PortalComponentTest, IClassFixture<CatalogueLifecycleFixture>, IAsyncLifetime
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(10);
    private AsyncServiceScope? _scope;

    private async Task<IRenderedComponent<CatalogueReviewPage>> ReviewAsAsync(string userName, long submissionId)
    {
        _scope = await portal.ScopeAsAsync(userName);
        Services.AddSingleton(_scope.Value.Get<CatalogueLifecycleService>());
        Services.AddSingleton(_scope.Value.Get<CurrentActor>());
        RenderDialogProvider();
        var cut = Render<CatalogueReviewPage>(p => p.Add(x => x.SubmissionId, submissionId));
        await cut.WaitForAssertionAsync(() => Assert.Empty(cut.FindAll(".mud-progress-linear")), Wait);
        return cut;
    }

    Task IAsyncLifetime.InitializeAsync() => Task.CompletedTask;

    async Task IAsyncLifetime.DisposeAsync()
    {
        await DisposeAsync();
        if (_scope is { } scope) await scope.DisposeAsync();
    }

    [Fact]
    public async Task The_department_reviewer_sees_the_batch_with_approve_all_and_a_return_choice_per_entry()
    {
        long[] ids = [await portal.DraftAsync(Valid("页面条目一")), await portal.DraftAsync(Valid("页面条目二"))];
        var submission = await portal.SubmitAsync(Specialist, ids);

        var cut = await ReviewAsAsync(Approver, submission);

        Assert.Contains("提交的 2 条目录", cut.Find("h1").TextContent);
        Assert.Equal(["页面条目一", "页面条目二"], cut.FindAll(".gdp-review-entry strong").Select(s => s.TextContent));
        Assert.Contains("全部通过（2 条）", cut.Find("#catalogue-review-approve").TextContent);
        Assert.Equal(2, cut.FindAll(".gdp-review-entry .mud-checkbox").Count);
        Assert.Contains("依据《双牌县政务大数据管理办法》", cut.Find("#catalogue-review-summary").TextContent);
    }

    [Fact]
    public async Task The_submitter_sees_the_batch_without_review_actions()
    {
        var submission = await portal.SubmitAsync(Specialist, await portal.DraftAsync(Valid("提交人查看")));

        var cut = await ReviewAsAsync(Specialist, submission);

        Assert.Empty(cut.FindAll("#catalogue-review-actions"));
        Assert.Contains("提交人查看", cut.Find(".gdp-review-entry").TextContent);
    }

    [Fact]
    public async Task Another_department_is_refused()
    {
        var submission = await portal.SubmitAsync(Specialist, await portal.DraftAsync(Valid("他部门不可见")));

        var cut = await ReviewAsAsync("zhangwei", submission);

        Assert.Contains("只有提交部门和主管部门可以查看该目录审核。", cut.Markup);
        Assert.DoesNotContain("他部门不可见", cut.Markup);
    }

    [Fact]
    public void The_diff_component_shows_chinese_labels_old_and_new_values_and_item_changes()
    {
        var diff = new VersionDiff(1, 1, 2,
            [new FieldDifference("Summary", "信息资源摘要", "旧摘要", "新摘要")],
            [new ItemDifference(ItemChange.Removed, "出生日期", []),
             new ItemDifference(ItemChange.Changed, "姓名", [new FieldDifference("Items[1].Length", "数据长度", "50", "100")])]);

        var cut = Render<CatalogueVersionDiff>(p => p.Add(x => x.Diff, diff));

        Assert.Contains("第1版 → 第2版的变化", cut.Markup);
        var row = cut.Find("tr[data-field='Summary']");
        Assert.Equal(["信息资源摘要", "旧摘要", "新摘要"], row.QuerySelectorAll("td").Select(td => td.TextContent));
        Assert.Contains("不兼容变更", cut.Find(".gdp-diff-breaking").TextContent);
        Assert.Contains("数据长度：50 → 100", cut.Find("tr[data-change='Changed']").TextContent);
        Assert.Contains("删除", cut.Find("tr[data-change='Removed']").TextContent);
    }
}
