using Bunit;
using GovDataPortal.Features.Catalogue;
using GovDataPortal.Features.Catalogue.Editing;
using GovDataPortal.Features.Policies;
using GovDataPortal.Tests.Components;
using GovDataPortal.Tests.Features.Catalogue.Rules;

namespace GovDataPortal.Tests.Features.Catalogue.Editing;

/// <summary>
/// The form's sections rendered by bUnit over an in-memory state (the rules are pure, no database): each renders its
/// fields with the articles beside them, shows the rules' message inline for an invalid combination and clears it when
/// fixed, and shows a reviewer's comment beside the field it concerns.
/// </summary>
public class CatalogueEditorSectionsTests : PortalComponentTest
{
    private static readonly IReadOnlyList<EditorClass> Tree =
    [
        new(1, null, "1", "基础信息资源", ClassLevel.Class, false),
        new(11, 1, "101", "人口信息资源", ClassLevel.Item, true),
        new(2, null, "2", "主题信息资源", ClassLevel.Class, false),
        new(21, 2, "201", "公共服务", ClassLevel.Item, true),
        new(3, null, "3", "部门信息资源", ClassLevel.Class, false),
        new(1000, 3, "301", "公安局", ClassLevel.Item, true),
    ];

    private static CatalogueEditorState State(CatalogueContent content, Jurisdiction j = Jurisdiction.Shuangpai,
        IReadOnlyList<EditorComment>? comments = null, bool showAll = false) =>
        new(content, CatalogueRulesTests.Context(j), comments, showAll) { Debounce = TimeSpan.Zero };

    private static List<string> MessagesOf<T>(IRenderedComponent<T> cut, string field) where T : Microsoft.AspNetCore.Components.IComponent =>
        [.. cut.FindAll($".gdp-field-error[data-field='{field}']").Select(e => e.TextContent.Trim())];

    private static string CaptionOf<T>(IRenderedComponent<T> cut, string field) where T : Microsoft.AspNetCore.Components.IComponent =>
        cut.Find($".gdp-rule-caption[data-field='{field}']").TextContent.Trim();

    [Fact]
    public void Basic_section_renders_its_fields_the_provider_the_tree_with_codes_and_each_rules_article()
    {
        RenderPopoverProvider();
        var state = State(new CatalogueContent { CatalogueType = CatalogueType.Base });

        var cut = Render<BasicInfoSection>(p => p.Add(x => x.State, state).Add(x => x.Classes, Tree)
            .Add(x => x.ProviderName, "双牌县公安局").Add(x => x.ProviderCreditCode, "11431123MB1234567X"));

        foreach (var id in new[] { "field-Name", "field-Summary", "field-FormatDetail", "field-SourceSystem", "field-ReferenceStandard", "field-CollectionBasis" })
            Assert.NotNull(cut.Find($"#{id}"));
        Assert.Contains("双牌县公安局", cut.Find("#field-Provider").TextContent);
        Assert.Contains("11431123MB1234567X", cut.Find("#field-Provider").TextContent);
        Assert.Equal("依据《双牌县政务大数据管理办法》（双政办发〔2022〕8号）第十七条", CaptionOf(cut, "Name"));
        Assert.Equal("依据《双牌县政务大数据管理办法》（双政办发〔2022〕8号）第十六条", CaptionOf(cut, "CatalogueType"));
        Assert.Equal("参照《佛山市政务数据资源管理办法（试行）》（佛府办〔2020〕4号）第二十二条", CaptionOf(cut, "DataSubjects"));
        // 基础 chosen: only the 基础 tree, codes shown.
        var tree = cut.Find("#catalogue-class-picker").TextContent;
        Assert.Contains("101 人口信息资源", tree);
        Assert.DoesNotContain("201 公共服务", tree);
        // A new form does not open in red.
        Assert.Empty(cut.FindAll(".gdp-field-error"));
    }

    [Fact]
    public void Typing_a_name_shows_the_section_messages_and_filling_it_clears_its_own()
    {
        var state = State(new CatalogueContent());
        var cut = Render<BasicInfoSection>(p => p.Add(x => x.State, state).Add(x => x.Classes, Tree));

        cut.Find("#field-Name").Input("  ");
        cut.WaitForAssertion(() => Assert.Equal([$"请填写信息资源名称（{CatalogueRulesTests.Shuangpai}第十七条）。"], MessagesOf(cut, "Name")));
        Assert.NotEmpty(MessagesOf(cut, "Summary")); // the section's other messages show too

        cut.Find("#field-Name").Input("户籍人口基本信息");
        cut.WaitForAssertion(() => Assert.Empty(MessagesOf(cut, "Name")));
        Assert.True(state.Dirty);
    }

    [Fact]
    public void Conditional_share_without_a_legal_basis_shows_the_message_inline_and_filling_the_basis_clears_it()
    {
        var content = CatalogueRulesTests.Complete();
        content.ShareType = ShareType.Unconditional;
        content.ShareConditionKinds = ShareConditionKinds.None;
        content.ShareBasis = null;
        var state = State(content);
        var cut = Render<ShareSection>(p => p.Add(x => x.State, state));
        Assert.Empty(cut.FindAll("#field-ShareBasis"));
        Assert.Empty(cut.FindAll("#field-ShareConditionKinds"));

        cut.FindAll("#field-ShareType input[type='radio']")[1].Click(); // 有条件共享

        cut.WaitForAssertion(() => Assert.Contains(
            $"共享类型为有条件共享时须填写法律法规依据，否则应列为无条件共享（{CatalogueRulesTests.FoshanRef}第五条第三项）。",
            MessagesOf(cut, "ShareBasis")));
        Assert.NotNull(cut.Find("#field-ShareConditionKinds"));

        cut.Find("#field-ShareBasis").Input("《中华人民共和国个人信息保护法》第三十四条");
        cut.WaitForAssertion(() => Assert.Empty(MessagesOf(cut, "ShareBasis")));
        Assert.Equal(ShareType.Conditional, content.ShareType);
    }

    [Fact]
    public void The_named_departments_text_shows_only_when_that_condition_is_checked()
    {
        var content = CatalogueRulesTests.Complete();
        content.ShareConditionKinds = ShareConditionKinds.None;
        var state = State(content, showAll: true);
        var cut = Render<ShareSection>(p => p.Add(x => x.State, state));
        Assert.Empty(cut.FindAll("#field-ShareNamedDepartments"));
        Assert.Single(MessagesOf(cut, "ShareConditionKinds"));

        cut.Find(".kind-NamedDepartmentsOnly input").Change(true);

        cut.WaitForAssertion(() => Assert.NotNull(cut.Find("#field-ShareNamedDepartments")));
        Assert.Empty(MessagesOf(cut, "ShareConditionKinds"));
        Assert.Contains("第十四条", CaptionOf(cut, "ShareNamedDepartments"));
    }

    [Fact]
    public void Not_shared_hides_methods_and_operations_and_clears_them()
    {
        var content = CatalogueRulesTests.Complete();
        var state = State(content);
        var cut = Render<ShareSection>(p => p.Add(x => x.State, state));
        Assert.NotNull(cut.Find("#field-ShareMethods"));

        cut.FindAll("#field-ShareType input[type='radio']")[2].Click(); // 不予共享

        cut.WaitForAssertion(() => Assert.Empty(cut.FindAll("#field-ShareMethods")));
        Assert.Empty(cut.FindAll("#field-ShareOperations"));
        Assert.Equal((ShareMethods.None, ShareOperations.None, ShareConditionKinds.None),
            (content.ShareMethods, content.ShareOperations, content.ShareConditionKinds));
        Assert.NotNull(cut.Find("#field-ShareBasis"));
    }

    [Fact]
    public void A_reviewers_comment_shows_beside_the_field_it_concerns()
    {
        var comments = new List<EditorComment> { new("ShareBasis", "请写明具体条款。", "部门审核", "李娜", DateTimeOffset.UnixEpoch) };
        var state = State(CatalogueRulesTests.Complete(), comments: comments);

        var cut = Render<ShareSection>(p => p.Add(x => x.State, state));

        var field = cut.Find(".gdp-editor-field[data-field='ShareBasis']");
        Assert.Contains("部门审核 · 李娜：请写明具体条款。", field.QuerySelector(".gdp-review-comment")!.TextContent);
        Assert.Single(cut.FindAll(".gdp-review-comment"));
        Assert.Empty(state.GeneralComments);
    }

    [Fact]
    public void Items_section_quick_adds_the_key_item_the_data_subjects_require()
    {
        RenderPopoverProvider();
        var content = CatalogueRulesTests.Complete();
        content.Items.RemoveAt(0);
        content.DataSubjects = DataSubjects.NaturalPersons | DataSubjects.Organisations;
        var state = State(content, showAll: true);
        var cut = Render<ItemsSection>(p => p.Add(x => x.State, state));
        Assert.Equal(2, MessagesOf(cut, "Items").Count);

        cut.Find("#items-add-person-key").Click();

        cut.WaitForAssertion(() => Assert.Single(MessagesOf(cut, "Items")));
        Assert.Equal("公民身份号码", content.Items[0].Name);
        Assert.Empty(cut.FindAll("#items-add-person-key"));
        cut.Find("#items-add-organisation-key").Click();
        cut.WaitForAssertion(() => Assert.Empty(cut.FindAll("#items-key-prompt")));
        Assert.Empty(MessagesOf(cut, "Items"));
        Assert.Equal(3, cut.FindAll(".gdp-item-row").Count);
    }

    [Fact]
    public void Items_are_added_moved_and_removed_and_their_messages_follow_their_rows()
    {
        RenderPopoverProvider();
        var content = CatalogueRulesTests.Complete();
        var state = State(content);
        var cut = Render<ItemsSection>(p => p.Add(x => x.State, state));

        cut.Find("#items-add").Click();
        cut.WaitForAssertion(() => Assert.Equal(3, cut.FindAll(".gdp-item-row").Count));
        Assert.Equal(["请填写第3个信息项的名称。"], MessagesOf(cut, "Items[2].Name"));

        cut.Find("#field-Items-2-Name").Input("户籍地址");
        cut.WaitForAssertion(() => Assert.Empty(MessagesOf(cut, "Items[2].Name")));

        cut.FindAll(".gdp-item-up button, button.gdp-item-up")[2].Click();
        cut.WaitForAssertion(() => Assert.Equal(["公民身份号码", "户籍地址", "姓名"], content.Items.Select(i => i.Name)));

        cut.FindAll(".gdp-item-remove button, button.gdp-item-remove")[0].Click();
        cut.WaitForAssertion(() => Assert.Equal(2, cut.FindAll(".gdp-item-row").Count));
        Assert.Equal([$"涉及自然人的数据须包含“公民身份号码”信息项作为标识（{CatalogueRulesTests.FoshanRef}第二十二条）。"], MessagesOf(cut, "Items"));
        Assert.Contains("发改高技〔2017〕1272号", cut.Markup);
    }

    [Fact]
    public void Opening_personal_information_unconditionally_asks_for_de_identification_and_its_method()
    {
        var content = CatalogueRulesTests.Complete();
        content.OpenType = OpenType.Unconditional;
        var state = State(content, showAll: true);
        var cut = Render<OpenSection>(p => p.Add(x => x.State, state));
        Assert.Contains("未经脱敏处理不能无条件开放", Assert.Single(MessagesOf(cut, "OpenType")));
        Assert.Contains("公民身份号码（个人信息）", cut.Find("#open-sensitive-items").TextContent);

        cut.Find(".field-Deidentified input").Change(true);
        cut.WaitForAssertion(() => Assert.Equal(
            [$"已脱敏的须写明脱敏方法（{CatalogueRulesTests.Shuangpai}第二十八条第二款）。"], MessagesOf(cut, "DeidentificationMethod")));
        Assert.Empty(MessagesOf(cut, "OpenType"));

        cut.Find("#field-DeidentificationMethod").Input("身份证号中间8位掩码");
        cut.WaitForAssertion(() => Assert.Empty(cut.FindAll(".gdp-field-error")));
    }

    [Fact]
    public void Under_longyan_the_open_types_read_as_its_article_17_names()
    {
        var content = CatalogueRulesTests.Complete();
        content.OpenType = OpenType.Conditional;
        content.OpenConditions = "仅向科研院所";
        var cut = Render<OpenSection>(p => p.Add(x => x.State, State(content, Jurisdiction.Longyan)));

        var types = cut.Find("#field-OpenType").TextContent;
        Assert.Contains("普遍开放", types);
        Assert.Contains("授权开放", types);
        Assert.Empty(cut.FindAll("#field-OpenBasis")); // longyan asks no basis of 授权开放
    }

    [Fact]
    public void Switching_opening_off_makes_it_not_open_and_asks_for_the_basis()
    {
        var content = CatalogueRulesTests.Complete();
        content.OpenType = OpenType.Conditional;
        content.OpenConditions = "仅向科研机构";
        content.OpenBasis = null;
        var state = State(content);
        var cut = Render<OpenSection>(p => p.Add(x => x.State, state));
        Assert.NotNull(cut.Find("#field-OpenConditions"));

        cut.Find(".field-IsOpen input").Change(false);

        cut.WaitForAssertion(() => Assert.Equal(OpenType.NotOpen, content.OpenType));
        Assert.Empty(cut.FindAll("#field-OpenConditions"));
        Assert.Equal([$"不予开放须填写法律、法规或者国家有关规定等依据（{CatalogueRulesTests.Shuangpai}第二十九条第二款）。"], MessagesOf(cut, "OpenBasis"));
    }

    [Fact]
    public void Management_section_adds_related_codes_as_chips_and_shows_a_malformed_one_inline()
    {
        RenderPopoverProvider();
        var content = CatalogueRulesTests.Complete();
        content.RelatedCodes = [];
        var state = State(content);
        var cut = Render<ManagementSection>(p => p.Add(x => x.State, state));
        Assert.Contains("第三十七条第一款", CaptionOf(cut, "SecurityLevel"));
        Assert.Contains("首次发布时赋予", cut.Find("#field-ResourceCode").TextContent);

        cut.Find("#field-RelatedCodes-new").Input("10100/1");
        cut.Find("#related-add").Click();

        cut.WaitForAssertion(() => Assert.Equal(["关联资源代码“10100/1”格式不正确，应为9位数字/6位数字（如 101000000/000001）。"], MessagesOf(cut, "RelatedCodes")));
        Assert.Contains("10100/1", cut.Find("#field-RelatedCodes").TextContent);

        cut.Find(".gdp-related-chip .mud-chip-close-button").Click();
        cut.WaitForAssertion(() => Assert.Empty(MessagesOf(cut, "RelatedCodes")));
        Assert.Empty(content.RelatedCodes);
    }

    [Fact]
    public void Completeness_counts_what_applies_and_rises_as_problems_are_fixed()
    {
        var content = CatalogueRulesTests.Complete();
        var state = State(content);
        Assert.Equal(100, state.Percent);
        Assert.True(state.IsComplete);

        content.Name = null;
        content.ShareBasis = null;
        state.Changed(EditorSection.Basic);
        var withTwo = state.Percent;
        Assert.InRange(withTwo, 1, 99);
        Assert.Equal(1, state.ProblemCount(EditorSection.Basic));
        Assert.Equal(1, state.ProblemCount(EditorSection.Share));
        Assert.Equal(0, state.ProblemCount(EditorSection.Open));

        content.Name = "户籍人口基本信息";
        state.Changed(EditorSection.Basic);
        Assert.True(state.Percent > withTwo);
        Assert.Equal(0, state.ProblemCount(EditorSection.Basic));
    }
}
