using GovDataPortal.Features.Policies;

namespace GovDataPortal.Features.Catalogue.Excel;

/// <summary>The Chinese texts of the catalogue workbook and its import.</summary>
public static class CatalogueExcelTexts
{
    public const string NotAWorkbook = "文件不是有效的 Excel 工作簿（.xlsx）。如为 .xls、.csv 或 WPS 格式，请在 Excel 或 WPS 中“另存为”Excel 工作簿（*.xlsx）后再导入。";
    public const string MacroEnabled = "不接受启用宏的工作簿（.xlsm 等），请“另存为”不含宏的 Excel 工作簿（*.xlsx）后再导入。";
    public const string Corrupt = "文件已损坏，无法读取其中的工作表。请在 Excel 中打开并重新保存后再导入。";
    public const string TooLargeUnpacked = "文件解压后的内容过大，无法导入。请分成多个文件导入。";
    public const string Separators = "多选的单元格（数据主体、共享条件、共享方式、允许的操作、关联资源）填写多个值时用顿号“、”分隔；也接受中文或英文的逗号、分号和单元格内换行。";

    public static string FileTooLarge(long bytes) =>
        $"文件大小为 {bytes / 1024.0 / 1024.0:0.0} MB，超过了 {CatalogueImportLimits.MaxFileBytes / 1024 / 1024} MB 的上限。请分成多个文件导入。";

    public static string TooManyEntries(int rowNumber) =>
        $"一次最多导入 {CatalogueImportLimits.MaxEntries:N0} 个目录条目，本工作表从第 {rowNumber} 行起超出上限。请分成多个文件导入。";

    public static string TooManyItems(int rowNumber) =>
        $"一次最多导入 {CatalogueImportLimits.MaxItems:N0} 个信息项，本工作表从第 {rowNumber} 行起超出上限。请分成多个文件导入。";

    public static string Formula(string cell) =>
        $"单元格 {cell} 含有公式。导入文件不接受公式（防止公式被执行），请将公式单元格复制后“选择性粘贴—数值”，再导入。";

    /// <summary>The 填写说明 sheet, one paragraph a row.</summary>
    public static IEnumerable<string> Instructions(CatalogueSheetLayout layout, bool export)
    {
        var j = layout.Choices.Jurisdiction;
        var cite = CatalogueCitations.Of(j);
        var c = layout.Choices;
        if (export)
            yield return "本文件由门户导出，格式与导入模板相同：修改后可直接导入。末尾的“信息资源代码、信息资源提供方、状态、版本号、发布日期”列仅供查看，导入时忽略。";
        yield return $"一、用途：批量编制政务信息资源目录（适用《{Regulations.Title(j)}》）。导入时先“预检”，列出全部问题（工作表、行、列、说明），不写入任何数据；确认导入后全部行一次保存为本部门的草稿（要么全部保存，要么全部不保存），再提交审核。";
        yield return $"二、工作表：“{CatalogueSheetLayout.EntriesSheet}”每行一个目录条目；“{CatalogueSheetLayout.ItemsSheet}”每行一个信息项，用“{CatalogueSheetLayout.ItemEntryKeyHeader}”指明所属条目；“{CatalogueSheetLayout.ClassesSheet}”列出可选的最末一级分类（供查阅，勿修改）。请勿修改表头、工作表名称。";
        yield return $"三、行号：“{CatalogueSheetLayout.EntryKeyHeader}”为每个条目自编的正整数（如 1、2、3），在“{CatalogueSheetLayout.EntriesSheet}”中不得重复；“{CatalogueSheetLayout.ItemsSheet}”的“{CatalogueSheetLayout.ItemEntryKeyHeader}”填写所属条目的行号，同一条目的信息项按出现顺序排列。";
        yield return "四、必填：导入为草稿时只有“信息资源名称”必填，其余可暂缺、之后在门户中补全；但提交审核前须满足下列规则，预检会把不满足的列为“提交前须修正”（不妨碍导入）。";
        yield return $"五、与已有草稿的关系：本部门已有同名（信息资源名称相同）且最新版本为草稿的条目，导入将更新该草稿，预检列出将被修改的字段；其余行新建草稿。同一文件中信息资源名称不得重复。";
        yield return $"六、下拉选项：目录类型、信息资源格式、共享类型、开放类型、是否脱敏、更新周期、安全级别、数据类型、敏感类别请从下拉列表选择（{c.ShareType.Title}：{string.Join("、", c.ShareType.Names)}；{c.OpenType.Title}：{string.Join("、", c.OpenType.Names)}）。全角与半角字符、括号的中英文形式均可识别（如“一级(公开)”“一级（公开）”）。";
        yield return "七、" + Separators;
        yield return "八、数字（数据长度、数据量）填写整数，全角数字（如“１８”）和千位分隔符（如“1,000”“1，000”）可以识别；小数、中文数字（如“十八”）和日期不能识别。";
        yield return $"九、信息资源分类：从下拉列表选择“代码 名称”（见“{CatalogueSheetLayout.ClassesSheet}”工作表），或只填分类代码；须选到最末一级。";
        yield return $"十、不接受：含公式的单元格（请粘贴为数值）、启用宏的工作簿、控制字符；文件不超过 {CatalogueImportLimits.MaxFileBytes / 1024 / 1024} MB，一次不超过 {CatalogueImportLimits.MaxEntries:N0} 个条目、{CatalogueImportLimits.MaxItems:N0} 个信息项，每个条目不超过 {CatalogueRules.MaxItems:N0} 个信息项。";
        yield return "十一、提交审核前须满足的规则：";
        yield return $"1. 信息资源名称、摘要、分类、格式、更新周期、安全级别均须填写（{cite.EntryContent}）；目录类型分基础、主题、部门，分类须在其类下（{cite.CatalogueKinds}）。";
        yield return $"2. 格式为数据库、电子表格的，至少一个信息项（{cite.EntryContent}）；涉及自然人的须含“公民身份号码”信息项，涉及法人和其他组织的须含“统一社会信用代码”信息项（{cite.KeyItems}）。";
        yield return $"3. 共享类型为{c.ShareType.Name(ShareType.Conditional)}或{c.ShareType.Name(ShareType.NotShared)}的，须填写法律法规依据，否则应列为{c.ShareType.Name(ShareType.Unconditional)}（{cite.ShareBasisConditional}；{cite.ShareBasisNotShared}）。";
        yield return $"4. {c.ShareType.Name(ShareType.Conditional)}须选择共享条件：仅限指定部门（注明用途）、仅限查阅、仅限比对、仅限统计结果（{cite.ShareConditions}）；允许的操作为查阅、比对、获取（{cite.ShareOperations}）。";
        yield return $"5. 开放类型为{c.OpenType.Name(OpenType.Conditional)}的须填写开放条件（{cite.OpenConditions}），{c.OpenType.Name(OpenType.NotOpen)}的须填写依据（{cite.OpenBasis}）；含个人信息或商业秘密信息项的，未脱敏（并写明脱敏方法）不得{c.OpenType.Name(OpenType.Unconditional)}（{cite.Deidentification}）。";
        yield return "十二、信息资源代码：" + CatalogueTexts.CodeLayoutNote;
    }
}
