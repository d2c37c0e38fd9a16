using GovDataPortal.Features.Catalogue;
using GovDataPortal.Features.Catalogue.Editing;
using GovDataPortal.Features.Demo;
using GovDataPortal.Features.Policies;
using GovDataPortal.Infrastructure;
using GovDataPortal.Tests.Features.Catalogue.Rules;
using GovDataPortal.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace GovDataPortal.Tests.Features.Catalogue.Editing;

/// <summary>The catalogue form's service on PostgreSQL: create, save, new version, concurrency and who may edit.</summary>
public class CatalogueEditorServiceTests(PortalFixture portal) : IClassFixture<PortalFixture>
{
    /// <summary>A complete entry on a leaf of the seeded tree (人口信息资源, a 基础 class).</summary>
    internal static CatalogueContent Complete(string name = "户籍人口基本信息")
    {
        var c = CatalogueRulesTests.Complete();
        c.Name = name;
        c.CatalogueType = CatalogueType.Base;
        c.ResourceClassId = 11;
        c.RelatedCodes = [];
        return c;
    }

    private async Task<T> AsAsync<T>(string user, Func<CatalogueEditorService, Task<T>> act)
    {
        await using var scope = await portal.ScopeAsAsync(user);
        return await act(scope.Get<CatalogueEditorService>());
    }

    private Task<DraftSaveResult> CreateAsync(string user, CatalogueContent content) =>
        AsAsync(user, s => s.SaveDraftAsync(new DraftSaveRequest(null, 1, false, 0, 0, content)));

    private static DraftSaveRequest Resave(CatalogueEditorModel m, CatalogueContent content) =>
        new(m.EntryId, m.VersionNumber, m.StartsNewVersion, m.EntryRowVersion, m.VersionRowVersion, content);

    private async Task PublishAsync(long entryId, string code)
    {
        // The lifecycle's publication is another part's; here the state it leaves is written directly.
        await using var db = await portal.DbAsync();
        await db.Database.ExecuteSqlAsync($"""
            UPDATE catalogue_entries SET "Status" = 'Published', "PublishedVersionNumber" = 1, "ResourceCode" = {code}, "EverSubmitted" = true WHERE "Id" = {entryId};
            UPDATE catalogue_versions SET "Status" = 'Published' WHERE "EntryId" = {entryId};
            """);
    }

    [Fact]
    public async Task A_specialist_creates_a_draft_of_their_own_department_which_provides_it()
    {
        var result = await CreateAsync("zhangwei", Complete("新建条目测试"));

        Assert.Empty(result.Problems);
        await using var db = await portal.DbAsync();
        var entry = await db.CatalogueEntries.Include(e => e.Versions).ThenInclude(v => v.Items).SingleAsync(e => e.Id == result.EntryId);
        Assert.Equal(await portal.DepartmentIdAsync(DemoAccounts.Police), entry.ProviderDepartmentId);
        Assert.Equal(EntryStatus.Draft, entry.Status);
        Assert.Equal("新建条目测试", entry.Name);
        Assert.Equal(VersionStatus.Draft, entry.LatestVersion.Status);
        Assert.Equal(["公民身份号码", "姓名"], entry.LatestVersion.Items.OrderBy(i => i.Ordinal).Select(i => i.Name));
    }

    [Fact]
    public async Task An_incomplete_draft_is_saved_and_the_save_says_what_the_rules_still_ask()
    {
        var content = Complete("未完成的条目");
        content.ShareBasis = null;
        content.UpdateCycle = null;

        var result = await CreateAsync("zhangwei", content);

        Assert.Equal(["ShareBasis", "UpdateCycle"], result.Problems.Keys.Order());
        Assert.StartsWith("共享类型为有条件共享时须填写法律法规依据", result.Problems["ShareBasis"].Single());
    }

    [Fact]
    public async Task Input_the_rule_refuses_is_not_saved()
    {
        var content = Complete("含控制字符\u0001");
        var e = await Assert.ThrowsAsync<ValidationFailedException>(() => CreateAsync("zhangwei", content));
        Assert.Equal(["信息资源名称包含不允许的控制字符。"], e.Errors.ByField["Name"]);
    }

    [Fact]
    public async Task Saving_again_replaces_the_drafts_content_and_items()
    {
        var created = await CreateAsync("zhangwei", Complete("再次保存测试"));
        var model = await AsAsync("zhangwei", s => s.LoadAsync(created.EntryId));
        var content = model.Content;
        content.Summary = "改过的摘要";
        content.Items.Reverse();
        content.Items.Add(new CatalogueItemContent { Name = "户籍地址", DataType = ItemDataType.C, Length = 200 });

        var saved = await AsAsync("zhangwei", s => s.SaveDraftAsync(Resave(model, content)));

        var again = await AsAsync("zhangwei", s => s.LoadAsync(saved.EntryId));
        Assert.Equal("改过的摘要", again.Content.Summary);
        Assert.Equal(["姓名", "公民身份号码", "户籍地址"], again.Content.Items.Select(i => i.Name));
        Assert.Equal(saved.VersionRowVersion, again.VersionRowVersion);
        Assert.Equal(saved.EntryRowVersion, again.EntryRowVersion);
    }

    [Fact]
    public async Task A_save_over_someone_elses_is_refused_as_changed_by_another()
    {
        var created = await CreateAsync("zhangwei", Complete("并发保存测试"));
        var first = await AsAsync("zhangwei", s => s.LoadAsync(created.EntryId));
        var second = await AsAsync("zhangwei", s => s.LoadAsync(created.EntryId));
        var mine = first.Content;
        mine.Summary = "先保存的修改";
        await AsAsync("zhangwei", s => s.SaveDraftAsync(Resave(first, mine)));

        var theirs = second.Content;
        theirs.Summary = "后保存的修改";
        var e = await Assert.ThrowsAsync<ConflictException>(() => AsAsync("zhangwei", s => s.SaveDraftAsync(Resave(second, theirs))));

        Assert.Equal("该目录条目已被他人修改，请重新打开后再编辑（您的修改尚未保存）。", e.Message);
        var now = await AsAsync("zhangwei", s => s.LoadAsync(created.EntryId));
        Assert.Equal("先保存的修改", now.Content.Summary);
    }

    [Fact]
    public async Task A_published_entry_opens_as_its_next_version_and_the_first_save_creates_it_while_the_list_keeps_the_published_one()
    {
        var created = await CreateAsync("zhangwei", Complete("已发布条目"));
        await PublishAsync(created.EntryId, "101000000/000901");

        var model = await AsAsync("zhangwei", s => s.LoadAsync(created.EntryId));
        Assert.True(model.StartsNewVersion);
        Assert.Equal(2, model.VersionNumber);
        Assert.Null(model.ReadOnlyReason);
        Assert.Equal("已发布条目", model.Content.Name);

        var content = model.Content;
        content.Name = "已发布条目（修订）";
        var saved = await AsAsync("zhangwei", s => s.SaveDraftAsync(Resave(model, content)));

        Assert.Equal(2, saved.VersionNumber);
        await using var db = await portal.DbAsync();
        var entry = await db.CatalogueEntries.Include(e => e.Versions).SingleAsync(e => e.Id == created.EntryId);
        Assert.Equal("已发布条目", entry.Name); // the list shows the published version until the new one is published
        Assert.Equal(EntryStatus.Published, entry.Status);
        Assert.Equal([(1, VersionStatus.Published, "已发布条目"), (2, VersionStatus.Draft, "已发布条目（修订）")],
            entry.Versions.OrderBy(v => v.Number).Select(v => (v.Number, v.Status, v.Name)));

        var reopened = await AsAsync("zhangwei", s => s.LoadAsync(created.EntryId));
        Assert.False(reopened.StartsNewVersion);
        Assert.Equal(2, reopened.VersionNumber);
        Assert.Equal("已发布条目（修订）", reopened.Content.Name);
    }

    [Fact]
    public async Task Two_people_starting_the_same_new_version_do_not_both_get_one()
    {
        var created = await CreateAsync("zhangwei", Complete("同时新建版本"));
        await PublishAsync(created.EntryId, "101000000/000902");
        var a = await AsAsync("zhangwei", s => s.LoadAsync(created.EntryId));
        var b = await AsAsync("zhangwei", s => s.LoadAsync(created.EntryId));
        await AsAsync("zhangwei", s => s.SaveDraftAsync(Resave(a, a.Content)));

        await Assert.ThrowsAsync<ConflictException>(() => AsAsync("zhangwei", s => s.SaveDraftAsync(Resave(b, b.Content))));

        await using var db = await portal.DbAsync();
        Assert.Equal(2, await db.CatalogueVersions.CountAsync(v => v.EntryId == created.EntryId));
    }

    [Fact]
    public async Task A_version_under_review_opens_read_only_with_the_reason()
    {
        var created = await CreateAsync("zhangwei", Complete("审核中的条目"));
        await using (var db = await portal.DbAsync())
            await db.Database.ExecuteSqlAsync($"""UPDATE catalogue_versions SET "Status" = 'DepartmentReview' WHERE "EntryId" = {created.EntryId}""");

        var model = await AsAsync("zhangwei", s => s.LoadAsync(created.EntryId));

        Assert.Equal("第1版正在审核（部门审核中），审核退回后才能修改。", model.ReadOnlyReason);
        var e = await Assert.ThrowsAsync<DomainException>(() => AsAsync("zhangwei", s => s.SaveDraftAsync(Resave(model, model.Content))));
        Assert.Equal("只有草稿可以修改；已提交的目录须退回后才能修改。", e.Message);
    }

    [Fact]
    public async Task Another_departments_specialist_may_neither_open_nor_save_the_entry()
    {
        var created = await CreateAsync("zhangwei", Complete("他部门不可编辑"));
        var model = await AsAsync("zhangwei", s => s.LoadAsync(created.EntryId));

        var open = await Assert.ThrowsAsync<AccessDeniedException>(() => AsAsync("liuyang", s => s.LoadAsync(created.EntryId)));
        var save = await Assert.ThrowsAsync<AccessDeniedException>(() => AsAsync("liuyang", s => s.SaveDraftAsync(Resave(model, model.Content))));

        Assert.Equal(CatalogueEditorService.OtherDepartmentMessage, open.Message);
        Assert.Equal("只有该目录条目所属部门的数据专管员可以修改它。", save.Message);
    }

    [Theory]
    [InlineData("lina")]      // 部门审核人 of the same department
    [InlineData("zhaomin")]   // 主管部门审核人
    public async Task Only_a_data_specialist_compiles_entries(string user)
    {
        var e = await Assert.ThrowsAsync<AccessDeniedException>(() => CreateAsync(user, Complete("非专管员")));
        Assert.Equal("只有数据专管员可以编制目录。", e.Message);
        await using var scope = await portal.ScopeAsAsync(user);
        Assert.False(scope.Get<CatalogueEditorService>().CanCompile);
    }

    [Fact]
    public async Task Review_comments_of_a_returned_version_come_with_the_reviewers_name()
    {
        var created = await CreateAsync("zhangwei", Complete("退回的条目"));
        await using (var db = await portal.DbAsync())
        {
            var versionId = await db.CatalogueVersions.Where(v => v.EntryId == created.EntryId).Select(v => v.Id).SingleAsync();
            var reviewer = await db.Users.Where(u => u.UserName == "lina").Select(u => u.Id).SingleAsync();
            await db.Database.ExecuteSqlAsync($"""
                INSERT INTO catalogue_review_comments ("VersionId", "Field", "Text", "StepName", "ByUserId", "At")
                VALUES ({versionId}, 'ShareBasis', '请写明具体条款。', '部门审核', {reviewer}, {PortalFixture.Start}),
                       ({versionId}, NULL, '整体请再核对。', '部门审核', {reviewer}, {PortalFixture.Start.AddMinutes(1)})
                """);
        }

        var model = await AsAsync("zhangwei", s => s.LoadAsync(created.EntryId));

        Assert.Equal([("ShareBasis", "请写明具体条款。", "李娜"), (null, "整体请再核对。", "李娜")],
            model.Comments.Select(c => (c.Field, c.Text, c.ByName)));
    }

    [Fact]
    public async Task Related_codes_must_be_published_entries_other_than_itself()
    {
        var other = await CreateAsync("zhangwei", Complete("被关联的条目"));
        await PublishAsync(other.EntryId, "101000000/000903");
        var self = await CreateAsync("zhangwei", Complete("关联他人的条目"));
        await PublishAsync(self.EntryId, "101000000/000904");
        var content = Complete("关联他人的条目");
        content.RelatedCodes = ["101000000/000903", "101000000/000904", "101000000/999999"];

        var problems = await AsAsync("zhangwei", s => s.EvaluateAsync(content, self.EntryId));

        Assert.Equal(["关联资源代码“101000000/000904”是本条目自己的代码，不能关联自身。", "关联资源代码“101000000/999999”不是已发布的目录条目，请核对。"],
            problems.ByField["RelatedCodes"]);
    }

    [Fact]
    public async Task The_setup_has_the_active_regulation_and_the_seeded_tree_with_leaves_marked()
    {
        var setup = await AsAsync("zhangwei", s => s.SetupAsync());

        Assert.Equal(Jurisdiction.Shuangpai, setup.Jurisdiction);
        Assert.False(setup.Classes.Single(c => c.Code == "1").IsLeaf);
        Assert.True(setup.Classes.Single(c => c.Code == "101").IsLeaf);
        Assert.True(setup.RuleContext.Classes[11].IsLeaf);
    }

    [Fact]
    public async Task A_new_form_names_the_department_and_its_credit_code_as_provider()
    {
        var model = await AsAsync("zhangwei", s => s.NewAsync());
        await using var db = await portal.DbAsync();
        var police = await db.Departments.SingleAsync(d => d.Name == DemoAccounts.Police);

        Assert.True(model.IsNew);
        Assert.Equal((police.Id, police.Name, police.CreditCode), (model.ProviderDepartmentId, model.ProviderName, model.ProviderCreditCode));
    }
}
