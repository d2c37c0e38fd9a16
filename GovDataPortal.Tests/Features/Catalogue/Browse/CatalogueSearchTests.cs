using GovDataPortal.Features.Catalogue;
using GovDataPortal.Features.Demo;
using GovDataPortal.Infrastructure;
using GovDataPortal.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace GovDataPortal.Tests.Features.Catalogue.Browse;

/// <summary>CatalogueQueryService.SearchAsync on PostgreSQL: keywords of one, two and four characters, filters, paging, sorting.</summary>
public class CatalogueSearchTests(CatalogueBrowseFixture portal) : IClassFixture<CatalogueBrowseFixture>
{
    private static List<string> Names(CatalogueSearchResult r) => [.. r.Items.Select(i => i.Name)];

    [Fact]
    public async Task Two_character_keyword_finds_name_hits_before_item_and_summary_hits()
    {
        // The item and summary hits are newer: only the name-hit rank puts the name hit first.
        await portal.AddAsync("甲户籍人口基本信息", minutesAfterStart: 0, items: ["公民身份号码"]);
        await portal.AddAsync("甲流动人员登记信息", minutesAfterStart: 10, items: ["姓名", "甲人口类别"]);
        await portal.AddAsync("甲居住证办理信息", minutesAfterStart: 20, summary: "登记本县甲人口的居住证办理情况。");
        await portal.AddAsync("甲企业登记信息", minutesAfterStart: 30, items: ["统一社会信用代码"]);

        var found = await portal.SearchAsync("liuyang", new CatalogueFilter { Keyword = "人口", ProviderDepartmentId = await PoliceAsync() });

        var mine = Names(found).Where(n => n.StartsWith('甲')).ToList();
        Assert.Equal(["甲户籍人口基本信息", "甲居住证办理信息", "甲流动人员登记信息"], mine);
    }

    [Fact]
    public async Task One_character_keyword_finds_the_entries_holding_that_character()
    {
        await portal.AddAsync("乙嬴政档案信息");
        await portal.AddAsync("乙档案目录", items: ["嬴姓人员名单"]);
        await portal.AddAsync("乙其他信息");

        var found = await portal.SearchAsync("liuyang", new CatalogueFilter { Keyword = "嬴" });

        Assert.Equal(["乙嬴政档案信息", "乙档案目录"], Names(found));
    }

    [Fact]
    public async Task Four_character_keyword_needs_the_whole_word_not_only_its_pairs()
    {
        await portal.AddAsync("丙人口基本信息");
        // Holds every pair of 人口基本 (人口, 口基, 基本) but not the word: the index returns it, the exact test drops it.
        await portal.AddAsync("丙口基本人口统计");
        await portal.AddAsync("丙户籍目录", items: ["丙人口基本情况"]);

        var found = await portal.SearchAsync("liuyang", new CatalogueFilter { Keyword = "人口基本" });

        Assert.Equal(["丙人口基本信息", "丙户籍目录"], Names(found).Where(n => n.StartsWith('丙')));
    }

    [Fact]
    public async Task Keyword_matches_full_width_and_upper_case_text_and_every_space_separated_term()
    {
        await portal.AddAsync("丁ＭｙＳＱＬ库表目录");
        await portal.AddAsync("丁户籍人口信息", items: ["丁迁入日期"]);

        Assert.Equal(["丁ＭｙＳＱＬ库表目录"], Names(await portal.SearchAsync("liuyang", new CatalogueFilter { Keyword = "mysql" })));
        Assert.Equal(["丁ＭｙＳＱＬ库表目录"], Names(await portal.SearchAsync("liuyang", new CatalogueFilter { Keyword = "Ｍysql库表" })));
        Assert.Equal(["丁户籍人口信息"], Names(await portal.SearchAsync("liuyang", new CatalogueFilter { Keyword = "丁户籍 迁入" })));
        Assert.Empty((await portal.SearchAsync("liuyang", new CatalogueFilter { Keyword = "丁户籍 迁出" })).Items);
    }

    [Fact]
    public async Task Keyword_of_punctuation_only_filters_nothing()
    {
        var all = await portal.SearchAsync("liuyang", new CatalogueFilter { PageSize = 1 });
        var punctuation = await portal.SearchAsync("liuyang", new CatalogueFilter { Keyword = " ，。", PageSize = 1 });
        Assert.Equal(all.Total, punctuation.Total);
    }

    [Fact]
    public async Task Filters_narrow_the_list_by_each_attribute()
    {
        var market = await portal.DepartmentIdAsync(DemoAccounts.Market);
        var baseEntry = await portal.AddAsync(DemoAccounts.Market, Content("戊市场主体登记信息", c =>
        {
            c.CatalogueType = CatalogueType.Base;
            c.ResourceClassId = 12; // 102 法人单位信息资源
            c.ShareType = ShareType.Conditional;
            c.OpenType = OpenType.Conditional;
            c.UpdateCycle = UpdateCycle.Daily;
            c.SecurityLevel = SecurityLevel.Sensitive;
        }));
        var themeEntry = await portal.AddAsync(DemoAccounts.Market, Content("戊食品经营许可信息", c =>
        {
            c.CatalogueType = CatalogueType.Theme;
            c.ResourceClassId = 24; // 204 食品药品安全
            c.ShareType = ShareType.NotShared;
            c.OpenType = OpenType.NotOpen;
            c.UpdateCycle = UpdateCycle.Yearly;
            c.SecurityLevel = SecurityLevel.Important;
        }));
        var draft = await portal.AddAsync(DemoAccounts.Market, Content("戊广告监测信息", c => c.ResourceClassId = 3), TestEntryState.Draft);

        async Task<List<long>> Ids(CatalogueFilter f) =>
            [.. (await portal.SearchAsync("liuyang", f with { Keyword = "戊", ProviderDepartmentId = market })).Items.Select(i => i.Id)];

        Assert.Equal([baseEntry], await Ids(new CatalogueFilter { ResourceClassId = 1 })); // 类 1: every node below it
        Assert.Equal([baseEntry], await Ids(new CatalogueFilter { ResourceClassId = 12 }));
        Assert.Equal([themeEntry], await Ids(new CatalogueFilter { ResourceClassId = 2 }));
        Assert.Empty(await Ids(new CatalogueFilter { ResourceClassId = 11 }));
        Assert.Equal([draft], await Ids(new CatalogueFilter { ResourceClassId = 3 }));
        Assert.Equal([themeEntry], await Ids(new CatalogueFilter { CatalogueType = CatalogueType.Theme }));
        Assert.Equal([baseEntry], await Ids(new CatalogueFilter { ShareType = ShareType.Conditional }));
        Assert.Equal([themeEntry], await Ids(new CatalogueFilter { ShareType = ShareType.NotShared }));
        Assert.Equal([baseEntry], await Ids(new CatalogueFilter { OpenType = OpenType.Conditional }));
        Assert.Equal([themeEntry], await Ids(new CatalogueFilter { UpdateCycle = UpdateCycle.Yearly }));
        Assert.Equal([baseEntry], await Ids(new CatalogueFilter { SecurityLevel = SecurityLevel.Sensitive }));
        Assert.Equal([draft], await Ids(new CatalogueFilter { Status = EntryStatus.Draft }));
        Assert.Equal([themeEntry, baseEntry], await Ids(new CatalogueFilter { Status = EntryStatus.Published }));
        Assert.Equal([draft], await Ids(new CatalogueFilter { ShareType = ShareType.Unconditional }));
    }

    [Fact]
    public async Task Pages_are_counted_and_cut_in_sql_without_overlap()
    {
        for (var i = 0; i < 25; i++) await portal.AddAsync($"己分页测试信息{i:00}", minutesAfterStart: i);
        var filter = new CatalogueFilter { Keyword = "己分页", PageSize = 10, Sort = "name" };

        var pages = new List<CatalogueSearchResult>();
        for (var page = 1; page <= 4; page++) pages.Add(await portal.SearchAsync("yangfan", filter with { Page = page }));

        Assert.All(pages, p => Assert.Equal(25, p.Total));
        Assert.Equal([10, 10, 5, 0], pages.Select(p => p.Items.Count));
        var names = pages.SelectMany(Names).ToList();
        Assert.Equal(Enumerable.Range(0, 25).Select(i => $"己分页测试信息{i:00}"), names);
        var reversed = await portal.SearchAsync("yangfan", filter with { Sort = "name desc" });
        Assert.Equal("己分页测试信息24", reversed.Items[0].Name);
        var newest = await portal.SearchAsync("yangfan", filter with { Sort = null });
        Assert.Equal("己分页测试信息24", newest.Items[0].Name); // relevance: all are name hits, then the newest
    }

    [Theory]
    [InlineData(0, 20, "page")]
    [InlineData(1, 0, "pageSize")]
    [InlineData(1, 101, "pageSize")]
    public async Task Paging_out_of_range_is_refused_in_chinese(int page, int pageSize, string field)
    {
        var e = await Assert.ThrowsAsync<ValidationFailedException>(() =>
            portal.SearchAsync("liuyang", new CatalogueFilter { Page = page, PageSize = pageSize }));
        Assert.Contains("应在1至", Assert.Single(e.Errors.ByField[field]));
    }

    [Fact]
    public async Task Unknown_sort_and_overlong_keyword_are_refused()
    {
        var e = await Assert.ThrowsAsync<ValidationFailedException>(() =>
            portal.SearchAsync("liuyang", new CatalogueFilter { Sort = "colour", Keyword = new string('人', 51) }));
        Assert.Contains("排序方式", e.Errors.ByField["sort"][0]);
        Assert.Contains("不能超过50个字符", e.Errors.ByField["keyword"][0]);
    }

    [Fact]
    public async Task Keyword_query_is_array_containment_that_the_gin_index_serves()
    {
        await using var db = await portal.DbAsync();
        var sql = CatalogueQueryService.Matching(db, new CatalogueFilter { Keyword = "人口" }, CatalogueViewer.Anonymous).ToQueryString();
        Assert.Contains("\"TextGrams\" @>", sql);
        Assert.Contains("normalize(", sql);

        // With sequential scans priced out, the planner can only use the gram index (an index that could not serve @> would
        // leave a Seq Scan in the plan).
        await using var conn = new Npgsql.NpgsqlConnection(portal.ConnectionString);
        await conn.OpenAsync();
        await using var cmd = new Npgsql.NpgsqlCommand(
            "SET enable_seqscan = off; EXPLAIN SELECT count(*) FROM catalogue_entries WHERE \"TextGrams\" @> ARRAY['人口']", conn);
        var plan = new List<string>();
        await using (var reader = await cmd.ExecuteReaderAsync())
            while (await reader.ReadAsync()) plan.Add(reader.GetString(0));
        Assert.Contains(plan, l => l.Contains("IX_catalogue_entries_TextGrams"));
    }

    private Task<int> PoliceAsync() => portal.DepartmentIdAsync(DemoAccounts.Police);

    private static CatalogueContent Content(string name, Action<CatalogueContent> tweak)
    {
        var c = CatalogueBrowseFixture.Content(name);
        tweak(c);
        return c;
    }
}
