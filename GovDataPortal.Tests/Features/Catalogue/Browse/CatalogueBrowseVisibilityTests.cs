using GovDataPortal.Features.Catalogue;
using GovDataPortal.Features.Demo;
using GovDataPortal.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace GovDataPortal.Tests.Features.Catalogue.Browse;

/// <summary>
/// Who sees what in the list and on the entry (issue 9 §5): published entries every department, a draft only its own
/// department, a submitted one also the data authority (双牌县政务服务中心), never a third department.
/// </summary>
public class CatalogueBrowseVisibilityTests(CatalogueBrowseFixture portal) : IClassFixture<CatalogueBrowseFixture>
{
    private async Task<(long Published, long Draft, long Submitted)> ArrangeAsync(string marker)
    {
        var published = await portal.AddAsync($"{marker}已发布户籍信息");
        var draft = await portal.AddAsync($"{marker}草稿户籍信息", TestEntryState.Draft);
        var submitted = await portal.AddAsync($"{marker}审核中户籍信息", TestEntryState.Submitted);
        return (published, draft, submitted);
    }

    private async Task<HashSet<long>> VisibleAsync(string userName, string marker) =>
        [.. (await portal.SearchAsync(userName, new CatalogueFilter { Keyword = marker, PageSize = 100 })).Items.Select(i => i.Id)];

    [Fact]
    public async Task List_shows_drafts_to_their_department_and_submitted_entries_to_the_authority_only()
    {
        var (published, draft, submitted) = await ArrangeAsync("庚");

        Assert.Equal([published, draft, submitted], await VisibleAsync("zhangwei", "庚")); // 公安局, the provider
        Assert.Equal([published, submitted], await VisibleAsync("zhaomin", "庚"));          // the data authority
        Assert.Equal([published], await VisibleAsync("liuyang", "庚"));                    // a third department
    }

    [Fact]
    public async Task Entry_page_content_follows_the_same_rule()
    {
        var (published, draft, submitted) = await ArrangeAsync("辛");

        Assert.NotNull(await portal.DetailAsync("liuyang", published));
        Assert.Null(await portal.DetailAsync("liuyang", draft));
        Assert.Null(await portal.DetailAsync("liuyang", submitted));
        Assert.Null(await portal.DetailAsync("zhaomin", draft));
        Assert.NotNull(await portal.DetailAsync("zhaomin", submitted));
        Assert.NotNull(await portal.DetailAsync("zhangwei", draft));
        Assert.Null(await portal.DetailAsync("zhangwei", long.MaxValue));
    }

    [Fact]
    public async Task Other_departments_see_the_published_version_while_the_next_is_drafted()
    {
        var id = await portal.AddAsync("壬人口统计信息", items: ["壬旧信息项"]);
        await using (var db = await portal.DbAsync())
        {
            var entry = await db.CatalogueEntries.Include(e => e.Versions).ThenInclude(v => v.Items).SingleAsync(e => e.Id == id);
            var next = entry.StartNewVersion("test-user", PortalFixture.Start.AddHours(1));
            var content = next.ToContent();
            content.Name = "壬人口统计信息（修订）";
            next.Apply(content, PortalFixture.Start.AddHours(1));
            entry.DraftSaved(next, PortalFixture.Start.AddHours(1));
            await db.SaveChangesAsync();
        }

        var other = (await portal.DetailAsync("liuyang", id))!;
        Assert.Equal(1, other.Shown.Number);
        Assert.Equal([1], other.Versions.Select(v => v.Number));
        Assert.Null(other.Pending);
        Assert.Null(await portal.DetailAsync("liuyang", id, version: 2));

        var own = (await portal.DetailAsync("zhangwei", id))!;
        Assert.Equal(1, own.Shown.Number); // the published one first; the draft is offered
        Assert.Equal([2, 1], own.Versions.Select(v => v.Number));
        Assert.Equal(2, own.Pending?.Number);
        Assert.Equal("壬人口统计信息（修订）", (await portal.DetailAsync("zhangwei", id, version: 2))!.Shown.Name);
    }

    [Fact]
    public async Task Related_entries_are_linked_only_where_the_viewer_may_see_them()
    {
        var target = await portal.AddAsync("癸关联目标信息");
        var code = await portal.CodeOfAsync(target);
        var content = CatalogueBrowseFixture.Content("癸关联来源信息");
        content.RelatedCodes = [code, "999000000/000001"];
        var source = await portal.AddAsync(DemoAccounts.Market, content);

        var detail = (await portal.DetailAsync("yangfan", source))!;

        Assert.Equal([(code, (long?)target), ("999000000/000001", null)], detail.Related.Select(r => (r.ResourceCode, r.Id)));
        Assert.Equal("癸关联目标信息", detail.Related[0].Name);
    }
}
