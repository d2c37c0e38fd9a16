using GovDataPortal.Infrastructure;

namespace GovDataPortal.Features.Catalogue;

public static partial class CatalogueRules
{
    private static void BasicInformation(CatalogueContent c, CatalogueRuleContext ctx, ValidationErrors e)
    {
        var content = ctx.Citations.EntryContent;
        if (InputText.IsBlank(c.Name)) e.Add(nameof(c.Name), $"请填写信息资源名称（{content}）。");
        if (InputText.IsBlank(c.Summary)) e.Add(nameof(c.Summary), $"请填写信息资源摘要（{content}）。");
        if (c.CatalogueType is not { } type || !Enum.IsDefined(type))
            e.Add(nameof(c.CatalogueType), $"请选择目录类型：基础、主题或部门（{ctx.Citations.CatalogueKinds}）。");
        if (c.ResourceClassId is not { } classId || !ctx.Classes.TryGetValue(classId, out var node))
            e.Add(nameof(c.ResourceClassId), $"请选择信息资源分类（{content}）。");
        else if (!node.IsLeaf)
            e.Add(nameof(c.ResourceClassId), $"信息资源分类须选到最末一级：“{node.Name}”下还有子分类（{content}）。");
        else if (c.CatalogueType is { } t && Enum.IsDefined(t) && node.Code[0] != (char)('0' + (int)t))
            e.Add(nameof(c.ResourceClassId),
                $"{CatalogueTexts.Name(t)}的条目须归入“{RootName(t)}”下的分类，“{node.Name}”不在其下（{ctx.Citations.CatalogueKinds}）。");
        if (c.Format is not { } format || !Enum.IsDefined(format))
            e.Add(nameof(c.Format), $"请选择信息资源格式（{content}）。");
        if (!Enum.IsDefined(c.DataSubjects) && c.DataSubjects != (DataSubjects.NaturalPersons | DataSubjects.Organisations))
            e.Add(nameof(c.DataSubjects), "数据主体的取值无效。");
    }

    /// <summary>The 类 a 目录类型's entries sit under (1 基础, 2 主题, 3 部门).</summary>
    public static string RootName(CatalogueType t) => t switch
    {
        CatalogueType.Base => "基础信息资源",
        CatalogueType.Theme => "主题信息资源",
        _ => "部门信息资源",
    };

    private static void Items(CatalogueContent c, CatalogueRuleContext ctx, ValidationErrors e)
    {
        if (c.Format is ResourceFormat.Database or ResourceFormat.Spreadsheet && c.Items.Count == 0)
            e.Add(nameof(c.Items), $"信息资源格式为{CatalogueTexts.Name(c.Format.Value)}时，至少须有一个信息项（{ctx.Citations.EntryContent}）。");
        var seen = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var i = 0; i < c.Items.Count; i++)
        {
            var item = c.Items[i];
            var label = $"第{i + 1}个信息项";
            if (InputText.IsBlank(item.Name)) e.Add(ItemField(i, nameof(item.Name)), $"请填写{label}的名称。");
            else if (!seen.TryAdd(NormaliseItemName(item.Name), i))
                e.Add(ItemField(i, nameof(item.Name)), $"{label}“{InputText.Normalise(item.Name)}”与第{seen[NormaliseItemName(item.Name)] + 1}个信息项重名。");
            if (item.DataType is not { } dt || !Enum.IsDefined(dt))
                e.Add(ItemField(i, nameof(item.DataType)),
                    $"请选择{label}的数据类型：字符型C、数值型N、货币型Y、日期型D、日期时间型T、逻辑型L、备注型M、通用型G、双精度型B、整型I或浮点型F（{CatalogueCitations.Guide}）。");
            if (item.Length is { } length && (length < 1 || length > ItemLengthMax))
                e.Add(ItemField(i, nameof(item.Length)), $"{label}的数据长度应为1至{ItemLengthMax}之间的整数。");
            if (!Enum.IsDefined(item.Sensitivity))
                e.Add(ItemField(i, nameof(item.Sensitivity)), $"{label}的敏感类别无效（无、个人信息或商业秘密）。");
        }
        var names = c.Items.Select(i => NormaliseItemName(i.Name)).ToHashSet(StringComparer.Ordinal);
        if (c.DataSubjects.HasFlag(DataSubjects.NaturalPersons) && !names.Overlaps(PersonKeyNames))
            e.Add(nameof(c.Items), $"涉及自然人的数据须包含“公民身份号码”信息项作为标识（{ctx.Citations.KeyItems}）。");
        if (c.DataSubjects.HasFlag(DataSubjects.Organisations) && !names.Contains(OrganisationKeyName))
            e.Add(nameof(c.Items), $"涉及法人和其他组织的数据须包含“统一社会信用代码”信息项作为标识（{ctx.Citations.KeyItems}）。");
    }

    /// <summary>Whether the entry's data subjects require the person / organisation key item and it is missing (the form's quick-add).</summary>
    public static (bool Person, bool Organisation) MissingKeyItems(CatalogueContent c)
    {
        var names = c.Items.Select(i => NormaliseItemName(i.Name)).ToHashSet(StringComparer.Ordinal);
        return (c.DataSubjects.HasFlag(DataSubjects.NaturalPersons) && !names.Overlaps(PersonKeyNames),
            c.DataSubjects.HasFlag(DataSubjects.Organisations) && !names.Contains(OrganisationKeyName));
    }

    /// <summary>
    /// What the 仅限查阅 / 仅限比对 conditions leave a user (foshan Art. 14(2)(3): 仅可供部门查阅/比对但不直接提供数据);
    /// both chosen: either; neither: no limit.
    /// </summary>
    public static ShareOperations OperationsAllowedBy(ShareConditionKinds kinds)
    {
        var allowed = ShareOperations.None;
        if (kinds.HasFlag(ShareConditionKinds.ViewOnly)) allowed |= ShareOperations.View;
        if (kinds.HasFlag(ShareConditionKinds.CompareOnly)) allowed |= ShareOperations.Compare;
        return allowed == ShareOperations.None ? ShareOperations.View | ShareOperations.Compare | ShareOperations.Obtain : allowed;
    }

    /// <summary>The condition kinds whose way of use foshan Art. 14(2)-(4) asks to be described (查阅方式、比对方式、数据状态描述).</summary>
    private const ShareConditionKinds DescribedKinds =
        ShareConditionKinds.ViewOnly | ShareConditionKinds.CompareOnly | ShareConditionKinds.StatisticsOnly;

    private static void ShareAttributes(CatalogueContent c, CatalogueRuleContext ctx, ValidationErrors e)
    {
        var cite = ctx.Citations;
        if (c.ShareType is not { } share || !Enum.IsDefined(share))
        {
            e.Add(nameof(c.ShareType), $"请选择共享类型：无条件共享、有条件共享或{CatalogueTexts.Name(ShareType.NotShared, ctx.Jurisdiction)}（{cite.ShareTypes}）。");
            return;
        }
        var shareName = CatalogueTexts.Name(share, ctx.Jurisdiction);
        if (share != ShareType.Unconditional && InputText.IsBlank(c.ShareBasis))
            e.Add(nameof(c.ShareBasis), $"共享类型为{shareName}时须填写法律法规依据，否则应列为无条件共享（{(share == ShareType.Conditional ? cite.ShareBasisConditional : cite.ShareBasisNotShared)}）。");
        // foshan Art. 13(3): of non-shared data the catalogue only tells that it exists; nothing more is asked.
        if (share == ShareType.NotShared) return;

        if (share == ShareType.Conditional)
        {
            var kinds = c.ShareConditionKinds;
            if (kinds == ShareConditionKinds.None)
                e.Add(nameof(c.ShareConditionKinds), $"有条件共享须选择共享条件：仅限指定部门、仅限查阅、仅限比对或仅限统计结果（{cite.ShareConditions}）。");
            if (kinds.HasFlag(ShareConditionKinds.NamedDepartmentsOnly) && InputText.IsBlank(c.ShareNamedDepartments))
                e.Add(nameof(c.ShareNamedDepartments), $"共享条件为仅限指定部门时，须写明可以使用的部门及其用途（{cite.ShareConditions}）。");
            if ((kinds & DescribedKinds) != 0 && InputText.IsBlank(c.ShareConditions))
                e.Add(nameof(c.ShareConditions),
                    $"共享条件为{CatalogueTexts.Name(kinds & DescribedKinds)}时，须在共享条件说明中写明{WhatToDescribe(kinds)}和使用用途（{cite.ShareConditions}）。");
            var allowed = OperationsAllowedBy(kinds);
            if ((c.ShareOperations & ~allowed) != 0)
                e.Add(nameof(c.ShareOperations),
                    $"共享条件为{CatalogueTexts.Name(kinds & (ShareConditionKinds.ViewOnly | ShareConditionKinds.CompareOnly))}时，允许的操作只能是{CatalogueTexts.Name(allowed)}（{cite.ShareConditions}）。");
        }
        else if (c.ShareConditionKinds != ShareConditionKinds.None)
            e.Add(nameof(c.ShareConditionKinds), $"无条件共享的数据可无附加条件地提供给所有部门，不设共享条件；如需限制，请改为有条件共享（{cite.ShareTypes}）。");
        if (c.ShareMethods == ShareMethods.None)
            e.Add(nameof(c.ShareMethods), $"请选择共享方式：共享平台方式（接口调用、库表交换、文件下载、查询核验）、邮件方式或介质方式（{cite.ShareMethods}）。");
        if (c.ShareOperations == ShareOperations.None)
            e.Add(nameof(c.ShareOperations), $"请选择允许的操作：查阅、比对或获取（{cite.ShareOperations}）。");
    }

    private static string WhatToDescribe(ShareConditionKinds kinds) => string.Join("、", new[]
    {
        kinds.HasFlag(ShareConditionKinds.ViewOnly) ? "查阅方式" : null,
        kinds.HasFlag(ShareConditionKinds.CompareOnly) ? "比对方式" : null,
        kinds.HasFlag(ShareConditionKinds.StatisticsOnly) ? "可提供的数据状态描述" : null,
    }.OfType<string>());

    private static void OpenAttributes(CatalogueContent c, CatalogueRuleContext ctx, ValidationErrors e)
    {
        var cite = ctx.Citations;
        if (c.OpenType is not { } open || !Enum.IsDefined(open))
        {
            e.Add(nameof(c.OpenType), $"请选择开放类型：{CatalogueTexts.Name(OpenType.Unconditional, ctx.Jurisdiction)}、{CatalogueTexts.Name(OpenType.Conditional, ctx.Jurisdiction)}或不予开放（{cite.OpenTypes}）。");
            return;
        }
        var openName = CatalogueTexts.Name(open, ctx.Jurisdiction);
        if (open == OpenType.Conditional && InputText.IsBlank(c.OpenConditions))
            e.Add(nameof(c.OpenConditions), $"开放类型为{openName}时须填写开放条件（{cite.OpenConditions}）。");
        if (open == OpenType.NotOpen && InputText.IsBlank(c.OpenBasis))
            e.Add(nameof(c.OpenBasis), $"不予开放须填写法律、法规或者国家有关规定等依据（{cite.OpenBasis}）。");
        if (open == OpenType.Conditional && cite.ConditionalOpenBasis is { } conditionalBasis && InputText.IsBlank(c.OpenBasis))
            e.Add(nameof(c.OpenBasis), $"开放类型为{openName}时须填写法律、法规或者国家有关规定等依据（{conditionalBasis}）。");
        if (c.Deidentified && InputText.IsBlank(c.DeidentificationMethod))
            e.Add(nameof(c.DeidentificationMethod), $"已脱敏的须写明脱敏方法（{cite.Deidentification}）。");
        var sensitive = c.Items.FirstOrDefault(i => i.Sensitivity != ItemSensitivity.None);
        if (open == OpenType.Unconditional && sensitive is not null && !c.Deidentified)
            e.Add(nameof(c.OpenType),
                $"信息项“{InputText.Normalise(sensitive.Name)}”属于{CatalogueTexts.Name(sensitive.Sensitivity)}，未经脱敏处理不能{openName}（{cite.Deidentification}）。");
    }

    private static void Management(CatalogueContent c, CatalogueRuleContext ctx, ValidationErrors e)
    {
        var content = ctx.Citations.EntryContent;
        if (c.UpdateCycle is not { } cycle || !Enum.IsDefined(cycle))
            e.Add(nameof(c.UpdateCycle), $"请选择更新周期（{content}）。");
        if (c.SecurityLevel is not { } level || !Enum.IsDefined(level))
            e.Add(nameof(c.SecurityLevel), $"请选择安全级别（{ctx.Citations.SecurityLevels}）。");
        if (c.RecordCount is < 0) e.Add(nameof(c.RecordCount), "数据量不能为负数。");
        foreach (var code in c.RelatedCodes.Where(code => !InputText.IsBlank(code)))
            if (!ResourceCodePattern().IsMatch(InputText.Normalise(code)!))
                e.Add(nameof(c.RelatedCodes), $"关联资源代码“{InputText.Normalise(code)}”格式不正确，应为9位数字/6位数字（如 101000000/000001）。");
    }
}
