using GovDataPortal.Features.Catalogue;
using GovDataPortal.Features.Policies;
using GovDataPortal.Infrastructure;

namespace GovDataPortal.Tests.Features.Catalogue.Rules;

/// <summary>
/// One test per rule of a catalogue entry (<see cref="CatalogueRules"/>): each breaks one thing in an otherwise complete
/// entry and asserts the only message, its field key and its exact Chinese wording with the article behind it. Rules are
/// pure: no database.
/// </summary>
public class CatalogueRulesTests
{
    internal const string Shuangpai = "依据《双牌县政务大数据管理办法》（双政办发〔2022〕8号）";
    internal const string FoshanRef = "参照《佛山市政务数据资源管理办法（试行）》（佛府办〔2020〕4号）";
    internal const string Foshan = "依据《佛山市政务数据资源管理办法（试行）》（佛府办〔2020〕4号）";
    internal const string Guide = "依据《政务信息资源目录编制指南（试行）》（发改高技〔2017〕1272号）";

    /// <summary>The guide's three 类, a 项 under 基础 and a 细目-like leaf under 部门.</summary>
    internal static readonly IReadOnlyDictionary<int, ClassNode> Classes = new Dictionary<int, ClassNode>
    {
        [1] = new(1, "1", "基础信息资源", false),
        [11] = new(11, "101", "人口信息资源", true),
        [2] = new(2, "2", "主题信息资源", false),
        [21] = new(21, "201", "公共服务", true),
        [3] = new(3, "3", "部门信息资源", false),
        [1000] = new(1000, "301", "公安局", true),
    };

    internal static CatalogueRuleContext Context(Jurisdiction j = Jurisdiction.Shuangpai) => new(j, Classes);

    /// <summary>A complete entry: every rule met under every jurisdiction.</summary>
    internal static CatalogueContent Complete() => new()
    {
        Name = "户籍人口基本信息",
        Summary = "本县户籍人口的姓名、公民身份号码等基本信息。",
        CatalogueType = CatalogueType.Department,
        ResourceClassId = 1000,
        Format = ResourceFormat.Database,
        DataSubjects = DataSubjects.NaturalPersons,
        Items =
        [
            new() { Name = "公民身份号码", DataType = ItemDataType.C, Length = 18, Sensitivity = ItemSensitivity.PersonalInformation },
            new() { Name = "姓名", DataType = ItemDataType.C, Length = 50, Sensitivity = ItemSensitivity.PersonalInformation },
        ],
        ShareType = ShareType.Conditional,
        ShareConditionKinds = ShareConditionKinds.NamedDepartmentsOnly,
        ShareNamedDepartments = "县民政局：低保对象家庭人口核查",
        ShareMethods = ShareMethods.PlatformApi,
        ShareOperations = ShareOperations.View | ShareOperations.Compare | ShareOperations.Obtain,
        ShareBasis = "《中华人民共和国个人信息保护法》第三十四条",
        OpenType = OpenType.NotOpen,
        OpenBasis = "涉及个人隐私，《中华人民共和国个人信息保护法》",
        UpdateCycle = UpdateCycle.Daily,
        SecurityLevel = SecurityLevel.Sensitive,
        RelatedCodes = ["101000000/000001"],
        RecordCount = 180_000,
    };

    private static ValidationErrors Judge(Action<CatalogueContent> change, Jurisdiction j = Jurisdiction.Shuangpai)
    {
        var content = Complete();
        change(content);
        return CatalogueRules.Validate(content, Context(j));
    }

    private static void AssertOnly(ValidationErrors errors, string field, string message)
    {
        var all = errors.ByField.SelectMany(e => e.Value.Select(m => (e.Key, m))).ToList();
        Assert.Equal([(field, message)], all);
    }

    [Theory]
    [InlineData(Jurisdiction.Changsha)]
    [InlineData(Jurisdiction.Shuangpai)]
    [InlineData(Jurisdiction.Hubei)]
    [InlineData(Jurisdiction.Longyan)]
    [InlineData(Jurisdiction.Foshan)]
    public void A_complete_entry_meets_every_rule(Jurisdiction j) =>
        Assert.Empty(CatalogueRules.Validate(Complete(), Context(j)).ByField);

    // 基本信息

    [Fact]
    public void Name_is_required() =>
        AssertOnly(Judge(c => c.Name = " \u200B"), "Name", $"请填写信息资源名称（{Shuangpai}第十七条）。");

    [Fact]
    public void Summary_is_required() =>
        AssertOnly(Judge(c => c.Summary = null), "Summary", $"请填写信息资源摘要（{Shuangpai}第十七条）。");

    [Fact]
    public void Catalogue_type_is_required() =>
        AssertOnly(Judge(c => c.CatalogueType = null), "CatalogueType", $"请选择目录类型：基础、主题或部门（{Shuangpai}第十六条）。");

    [Fact]
    public void Catalogue_type_outside_the_enumeration_is_refused() =>
        AssertOnly(Judge(c => c.CatalogueType = (CatalogueType)9), "CatalogueType", $"请选择目录类型：基础、主题或部门（{Shuangpai}第十六条）。");

    [Fact]
    public void Classification_is_required() =>
        AssertOnly(Judge(c => c.ResourceClassId = null), "ResourceClassId", $"请选择信息资源分类（{Shuangpai}第十七条）。");

    [Fact]
    public void Classification_must_be_a_leaf() =>
        AssertOnly(Judge(c => c.ResourceClassId = 3), "ResourceClassId",
            $"信息资源分类须选到最末一级：“部门信息资源”下还有子分类（{Shuangpai}第十七条）。");

    [Fact]
    public void Classification_must_lie_under_the_catalogue_types_class() =>
        AssertOnly(Judge(c => c.CatalogueType = CatalogueType.Base), "ResourceClassId",
            $"基础信息资源目录的条目须归入“基础信息资源”下的分类，“公安局”不在其下（{Shuangpai}第十六条）。");

    [Fact]
    public void Format_is_required() =>
        AssertOnly(Judge(c => c.Format = null), "Format", $"请选择信息资源格式（{Shuangpai}第十七条）。");

    [Fact]
    public void Data_subjects_outside_the_enumeration_are_refused() =>
        AssertOnly(Judge(c => c.DataSubjects = (DataSubjects)8), "DataSubjects", "数据主体的取值无效。");

    // 信息项

    [Theory]
    [InlineData(ResourceFormat.Database, "数据库")]
    [InlineData(ResourceFormat.Spreadsheet, "电子表格")]
    public void Database_and_spreadsheet_need_at_least_one_item(ResourceFormat format, string name) =>
        AssertOnly(Judge(c => { c.Format = format; c.Items.Clear(); c.DataSubjects = DataSubjects.None; c.OpenType = OpenType.NotOpen; }),
            "Items", $"信息资源格式为{name}时，至少须有一个信息项（{Shuangpai}第十七条）。");

    [Fact]
    public void An_electronic_file_needs_no_item() =>
        Assert.Empty(Judge(c => { c.Format = ResourceFormat.ElectronicFile; c.Items.Clear(); c.DataSubjects = DataSubjects.None; }).ByField);

    [Fact]
    public void Item_name_is_required() =>
        AssertOnly(Judge(c => c.Items[1].Name = "  "), "Items[1].Name", "请填写第2个信息项的名称。");

    [Fact]
    public void Item_names_are_unique_after_normalising() =>
        AssertOnly(Judge(c => c.Items[1].Name = " 公民身份号码 "), "Items[1].Name", "第2个信息项“公民身份号码”与第1个信息项重名。");

    [Fact]
    public void Item_data_type_is_one_of_the_guides_eleven() =>
        AssertOnly(Judge(c => c.Items[1].DataType = null), "Items[1].DataType",
            $"请选择第2个信息项的数据类型：字符型C、数值型N、货币型Y、日期型D、日期时间型T、逻辑型L、备注型M、通用型G、双精度型B、整型I或浮点型F（{Guide}）。");

    [Theory]
    [InlineData(0)]
    [InlineData(100_001)]
    public void Item_length_is_between_1_and_100000(int length) =>
        AssertOnly(Judge(c => c.Items[1].Length = length), "Items[1].Length", "第2个信息项的数据长度应为1至100000之间的整数。");

    [Fact]
    public void Item_sensitivity_outside_the_enumeration_is_refused() =>
        AssertOnly(Judge(c => c.Items[1].Sensitivity = (ItemSensitivity)7), "Items[1].Sensitivity", "第2个信息项的敏感类别无效（无、个人信息或商业秘密）。");

    [Fact]
    public void Data_about_persons_needs_the_citizen_id_item() =>
        AssertOnly(Judge(c => c.Items.RemoveAt(0)), "Items", $"涉及自然人的数据须包含“公民身份号码”信息项作为标识（{FoshanRef}第二十二条）。");

    [Fact]
    public void Data_about_organisations_needs_the_credit_code_item() =>
        AssertOnly(Judge(c => c.DataSubjects = DataSubjects.Organisations), "Items",
            $"涉及法人和其他组织的数据须包含“统一社会信用代码”信息项作为标识（{FoshanRef}第二十二条）。");

    [Fact]
    public void Under_foshan_the_key_item_rule_cites_its_own_article_22() =>
        AssertOnly(Judge(c => c.Items.RemoveAt(0), Jurisdiction.Foshan), "Items",
            $"涉及自然人的数据须包含“公民身份号码”信息项作为标识（{Foshan}第二十二条）。");

    // 共享属性

    [Fact]
    public void Share_type_is_required() =>
        AssertOnly(Judge(c => c.ShareType = null), "ShareType", $"请选择共享类型：无条件共享、有条件共享或不予共享（{Shuangpai}第二十三条第二款）。");

    [Fact]
    public void Under_longyan_the_third_share_type_is_called_zanbugongxiang() =>
        AssertOnly(Judge(c => c.ShareType = null, Jurisdiction.Longyan), "ShareType",
            "请选择共享类型：无条件共享、有条件共享或暂不共享（依据《龙岩市政务数据管理办法（试行）》（龙政办〔2020〕91号）第十一条第一款）。");

    [Fact]
    public void Conditional_share_needs_a_legal_basis() =>
        AssertOnly(Judge(c => c.ShareBasis = null), "ShareBasis",
            $"共享类型为有条件共享时须填写法律法规依据，否则应列为无条件共享（{FoshanRef}第五条第三项）。");

    [Fact]
    public void Not_shared_needs_a_legal_basis() =>
        AssertOnly(Judge(c => { c.ShareType = ShareType.NotShared; c.ShareBasis = null; c.ShareConditionKinds = ShareConditionKinds.None; }),
            "ShareBasis", $"共享类型为不予共享时须填写法律法规依据，否则应列为无条件共享（{Shuangpai}第二十三条第三款）。");

    [Fact]
    public void Conditional_share_needs_a_condition_kind() =>
        AssertOnly(Judge(c => c.ShareConditionKinds = ShareConditionKinds.None), "ShareConditionKinds",
            $"有条件共享须选择共享条件：仅限指定部门、仅限查阅、仅限比对或仅限统计结果（{Shuangpai}第二十三条第三款；{FoshanRef}第十四条）。");

    [Fact]
    public void Named_departments_condition_needs_the_departments_and_purposes() =>
        AssertOnly(Judge(c => c.ShareNamedDepartments = ""), "ShareNamedDepartments",
            $"共享条件为仅限指定部门时，须写明可以使用的部门及其用途（{Shuangpai}第二十三条第三款；{FoshanRef}第十四条）。");

    [Fact]
    public void View_compare_and_statistics_conditions_need_their_way_of_use_described() =>
        AssertOnly(Judge(c =>
            {
                c.ShareConditionKinds = ShareConditionKinds.ViewOnly | ShareConditionKinds.StatisticsOnly;
                c.ShareOperations = ShareOperations.View;
            }), "ShareConditions",
            $"共享条件为仅限查阅、仅限统计结果时，须在共享条件说明中写明查阅方式、可提供的数据状态描述和使用用途（{Shuangpai}第二十三条第三款；{FoshanRef}第十四条）。");

    [Fact]
    public void View_only_condition_allows_only_viewing() =>
        AssertOnly(Judge(c =>
            {
                c.ShareConditionKinds = ShareConditionKinds.ViewOnly;
                c.ShareConditions = "在共享平台页面查阅，用于低保核查";
                c.ShareOperations = ShareOperations.View | ShareOperations.Obtain;
            }), "ShareOperations",
            $"共享条件为仅限查阅时，允许的操作只能是查阅（{Shuangpai}第二十三条第三款；{FoshanRef}第十四条）。");

    [Fact]
    public void View_only_and_compare_only_together_allow_viewing_and_comparing()
    {
        var errors = Judge(c =>
        {
            c.ShareConditionKinds = ShareConditionKinds.ViewOnly | ShareConditionKinds.CompareOnly;
            c.ShareConditions = "查阅或比对，不提供数据";
            c.ShareOperations = ShareOperations.View | ShareOperations.Compare;
        });
        Assert.Empty(errors.ByField);
    }

    [Fact]
    public void Unconditional_share_takes_no_condition() =>
        AssertOnly(Judge(c => c.ShareType = ShareType.Unconditional), "ShareConditionKinds",
            $"无条件共享的数据可无附加条件地提供给所有部门，不设共享条件；如需限制，请改为有条件共享（{Shuangpai}第二十三条第二款）。");

    [Fact]
    public void Share_method_is_required() =>
        AssertOnly(Judge(c => c.ShareMethods = ShareMethods.None), "ShareMethods",
            $"请选择共享方式：共享平台方式（接口调用、库表交换、文件下载、查询核验）、邮件方式或介质方式（{Shuangpai}第十七条第二款）。");

    [Fact]
    public void Share_operation_is_required() =>
        AssertOnly(Judge(c => c.ShareOperations = ShareOperations.None), "ShareOperations", $"请选择允许的操作：查阅、比对或获取（{FoshanRef}第十三条）。");

    [Fact]
    public void Not_shared_data_asks_for_no_method_or_operation() =>
        Assert.Empty(Judge(c =>
        {
            c.ShareType = ShareType.NotShared;
            c.ShareConditionKinds = ShareConditionKinds.None;
            c.ShareMethods = ShareMethods.None;
            c.ShareOperations = ShareOperations.None;
        }).ByField);

    // 开放属性

    [Fact]
    public void Open_type_is_required() =>
        AssertOnly(Judge(c => c.OpenType = null), "OpenType", $"请选择开放类型：无条件开放、有条件开放或不予开放（{Shuangpai}第二十九条第一款）。");

    [Fact]
    public void Conditional_opening_needs_its_conditions() =>
        AssertOnly(Judge(c => { c.OpenType = OpenType.Conditional; c.OpenConditions = null; }), "OpenConditions",
            $"开放类型为有条件开放时须填写开放条件（{FoshanRef}第十五条第二项）。");

    [Fact]
    public void Under_longyan_authorised_opening_needs_its_conditions_by_art_18() =>
        AssertOnly(Judge(c => { c.OpenType = OpenType.Conditional; c.OpenConditions = null; }, Jurisdiction.Longyan), "OpenConditions",
            "开放类型为授权开放时须填写开放条件（依据《龙岩市政务数据管理办法（试行）》（龙政办〔2020〕91号）第十八条第一款）。");

    [Fact]
    public void Not_opening_needs_a_basis() =>
        AssertOnly(Judge(c => c.OpenBasis = " "), "OpenBasis", $"不予开放须填写法律、法规或者国家有关规定等依据（{Shuangpai}第二十九条第二款）。");

    [Fact]
    public void Under_shuangpai_conditional_opening_also_needs_a_basis() =>
        AssertOnly(Judge(c => { c.OpenType = OpenType.Conditional; c.OpenConditions = "仅向科研机构提供"; c.OpenBasis = null; }), "OpenBasis",
            $"开放类型为有条件开放时须填写法律、法规或者国家有关规定等依据（{Shuangpai}第二十九条第二款）。");

    [Fact]
    public void Under_foshan_conditional_opening_needs_no_basis() =>
        Assert.Empty(Judge(c => { c.OpenType = OpenType.Conditional; c.OpenConditions = "仅向科研机构提供"; c.OpenBasis = null; },
            Jurisdiction.Foshan).ByField);

    [Fact]
    public void De_identified_data_states_the_method() =>
        AssertOnly(Judge(c => c.Deidentified = true), "DeidentificationMethod", $"已脱敏的须写明脱敏方法（{Shuangpai}第二十八条第二款）。");

    [Fact]
    public void Personal_information_is_not_opened_unconditionally_without_de_identification() =>
        AssertOnly(Judge(c => c.OpenType = OpenType.Unconditional), "OpenType",
            $"信息项“公民身份号码”属于个人信息，未经脱敏处理不能无条件开放（{Shuangpai}第二十八条第二款）。");

    [Fact]
    public void Under_hubei_the_de_identification_rule_cites_art_25_and_refers_to_changsha() =>
        AssertOnly(Judge(c => c.OpenType = OpenType.Unconditional, Jurisdiction.Hubei), "OpenType",
            "信息项“公民身份号码”属于个人信息，未经脱敏处理不能无条件开放（依据《湖北省政务数据资源应用与管理办法》第二十五条第四款；"
            + "参照《长沙市政务数据资源管理办法》（长政办发〔2021〕80号）第二十四条第五款）。");

    [Fact]
    public void De_identified_personal_information_may_be_opened_unconditionally() =>
        Assert.Empty(Judge(c => { c.OpenType = OpenType.Unconditional; c.Deidentified = true; c.DeidentificationMethod = "身份证号掩码"; }).ByField);

    // 管理信息

    [Fact]
    public void Update_cycle_is_required() =>
        AssertOnly(Judge(c => c.UpdateCycle = null), "UpdateCycle", $"请选择更新周期（{Shuangpai}第十七条）。");

    [Fact]
    public void Security_level_is_required() =>
        AssertOnly(Judge(c => c.SecurityLevel = null), "SecurityLevel", $"请选择安全级别（{Shuangpai}第三十七条第一款）。");

    [Fact]
    public void Record_count_is_not_negative() =>
        AssertOnly(Judge(c => c.RecordCount = -1), "RecordCount", "数据量不能为负数。");

    [Fact]
    public void Related_codes_have_the_nine_plus_six_layout() =>
        AssertOnly(Judge(c => c.RelatedCodes.Add("10100/1")), "RelatedCodes", "关联资源代码“10100/1”格式不正确，应为9位数字/6位数字（如 101000000/000001）。");

    // What even a draft must meet

    [Theory]
    [InlineData("Name", "信息资源名称", CatalogueRules.NameMaxLength)]
    [InlineData("Summary", "信息资源摘要", CatalogueRules.SummaryMaxLength)]
    [InlineData("SourceSystem", "来源信息系统", CatalogueRules.ShortTextMaxLength)]
    [InlineData("ReferenceStandard", "参考标准", CatalogueRules.ShortTextMaxLength)]
    [InlineData("CollectionBasis", "采集依据", CatalogueRules.BasisMaxLength)]
    [InlineData("FormatDetail", "具体格式", CatalogueRules.FormatDetailMaxLength)]
    [InlineData("ShareNamedDepartments", "指定部门及用途", CatalogueRules.BasisMaxLength)]
    [InlineData("ShareConditions", "共享条件说明", CatalogueRules.BasisMaxLength)]
    [InlineData("ShareBasis", "法律法规依据", CatalogueRules.BasisMaxLength)]
    [InlineData("OpenConditions", "开放条件", CatalogueRules.BasisMaxLength)]
    [InlineData("OpenBasis", "不予开放依据", CatalogueRules.BasisMaxLength)]
    [InlineData("DeidentificationMethod", "脱敏方法", CatalogueRules.ShortTextMaxLength)]
    public void A_draft_refuses_text_longer_than_its_column(string field, string label, int max)
    {
        var content = new CatalogueContent();
        typeof(CatalogueContent).GetProperty(field)!.SetValue(content, new string('数', max + 1));
        AssertOnly(CatalogueRules.ValidateDraft(content), field, $"{label}不能超过{max}个字符。");
        typeof(CatalogueContent).GetProperty(field)!.SetValue(content, new string('数', max));
        Assert.True(CatalogueRules.ValidateDraft(content).IsValid);
    }

    [Fact]
    public void A_draft_refuses_control_characters() =>
        AssertOnly(CatalogueRules.ValidateDraft(new CatalogueContent { Name = "人口\u0000信息" }), "Name", "信息资源名称包含不允许的控制字符。");

    [Fact]
    public void A_draft_refuses_over_long_item_names_and_descriptions()
    {
        var content = new CatalogueContent { Items = [new() { Name = new string('名', 51), Description = new string('述', 501) }] };
        var errors = CatalogueRules.ValidateDraft(content);
        Assert.Equal(["第1个信息项的名称不能超过50个字符。"], errors.ByField["Items[0].Name"]);
        Assert.Equal(["第1个信息项的描述不能超过500个字符。"], errors.ByField["Items[0].Description"]);
    }

    [Fact]
    public void A_draft_holds_at_most_1000_items() =>
        AssertOnly(CatalogueRules.ValidateDraft(new CatalogueContent { Items = [.. Enumerable.Range(0, 1001).Select(i => new CatalogueItemContent { Name = $"项{i}" })] }),
            "Items", "一个目录条目最多1000个信息项。");

    [Fact]
    public void A_draft_holds_at_most_50_related_codes() =>
        AssertOnly(CatalogueRules.ValidateDraft(new CatalogueContent { RelatedCodes = [.. Enumerable.Range(0, 51).Select(i => $"101000000/{i:000000}")] }),
            "RelatedCodes", "关联资源最多50个。");

    [Fact]
    public void A_draft_refuses_control_characters_in_related_codes() =>
        AssertOnly(CatalogueRules.ValidateDraft(new CatalogueContent { RelatedCodes = ["101000000/\u0001"] }), "RelatedCodes", "关联资源代码包含不允许的控制字符。");

    [Fact]
    public void An_incomplete_draft_is_judged_only_on_its_input_until_that_is_clean()
    {
        var errors = CatalogueRules.Validate(new CatalogueContent { Name = "人口\u0001" }, Context());
        Assert.Equal(["Name"], errors.ByField.Keys);
    }
}
