using System.Globalization;
using GovDataPortal.Infrastructure;

namespace GovDataPortal.Features.Catalogue.Excel;

/// <summary>
/// One column of the 目录条目 or 信息项 sheet: its Chinese header, the <see cref="CatalogueContent"/> field it fills
/// (the rules' field key, so a rule's message lands on its cell), how a cell is written and how it is read back.
/// <see cref="Read"/> returns a Chinese message when the cell cannot be understood, and then leaves the field empty.
/// </summary>
public sealed record CatalogueColumn<T>(
    string Header, string Field, double Width, Func<T, string> Write, Func<T, string, string?> Read,
    ICatalogueChoice? Choice = null, IReadOnlyList<string>? ExtraChoices = null, string? Prompt = null, bool IsText = false);

/// <summary>
/// The workbook's layout, shared by the template, the import and the export (so an export re-imports): sheet names,
/// the columns of the entry and item sheets, and how each enumerated, numeric and multi-valued cell reads and writes.
/// </summary>
public sealed class CatalogueSheetLayout
{
    public const string InstructionsSheet = "填写说明";
    public const string EntriesSheet = "目录条目";
    public const string ItemsSheet = "信息项";
    public const string ClassesSheet = "信息资源分类";
    public const string ChoicesSheet = "下拉选项";

    public const string EntryKeyHeader = "行号";
    public const string ItemEntryKeyHeader = "条目行号";

    /// <summary>Columns the export adds after the content for the reader; the import ignores them.</summary>
    public static readonly IReadOnlyList<string> ExportOnlyHeaders = ["信息资源代码", "信息资源提供方", "状态", "版本号", "发布日期"];

    private readonly IReadOnlyDictionary<string, ClassNode> _classesByCode;
    private readonly ILookup<string, ClassNode> _leavesByName;

    public CatalogueSheetLayout(CatalogueChoices choices, IReadOnlyCollection<ClassNode> classes)
    {
        Choices = choices;
        Classes = classes;
        _classesByCode = classes.ToDictionary(c => c.Code, StringComparer.Ordinal);
        _leavesByName = classes.Where(c => c.IsLeaf).ToLookup(c => CatalogueChoice<CatalogueType>.Key(c.Name), StringComparer.Ordinal);
        ClassLabels = classes.ToDictionary(c => c.Id, c => $"{c.Code} {c.Name}");
        Leaves = [.. classes.Where(c => c.IsLeaf).OrderBy(c => c.Code, StringComparer.Ordinal)];
        var c = choices;
        EntryColumns =
        [
            Text(nameof(CatalogueContent.Name), "信息资源名称", 28, x => x.Name, (x, v) => x.Name = v, "必填；同一部门内用于识别草稿。"),
            Text(nameof(CatalogueContent.Summary), "信息资源摘要", 40, x => x.Summary, (x, v) => x.Summary = v),
            One(nameof(CatalogueContent.CatalogueType), c.CatalogueType, 18, x => x.CatalogueType, (x, v) => x.CatalogueType = v),
            new("信息资源分类", nameof(CatalogueContent.ResourceClassId), 26,
                x => x.ResourceClassId is { } id && ClassLabels.TryGetValue(id, out var label) ? label : "", ReadClass,
                Prompt: "从下拉列表选择最末一级分类（代码 名称），或只填分类代码。"),
            One(nameof(CatalogueContent.Format), c.Format, 14, x => x.Format, (x, v) => x.Format = v),
            Text(nameof(CatalogueContent.FormatDetail), "具体格式", 14, x => x.FormatDetail, (x, v) => x.FormatDetail = v),
            Text(nameof(CatalogueContent.SourceSystem), "来源信息系统", 20, x => x.SourceSystem, (x, v) => x.SourceSystem = v),
            Text(nameof(CatalogueContent.ReferenceStandard), "参考标准", 18, x => x.ReferenceStandard, (x, v) => x.ReferenceStandard = v),
            Text(nameof(CatalogueContent.CollectionBasis), "采集依据", 24, x => x.CollectionBasis, (x, v) => x.CollectionBasis = v),
            Many(nameof(CatalogueContent.DataSubjects), c.DataSubjects, 22, x => x.DataSubjects, (x, v) => x.DataSubjects = v,
                extra: [CatalogueTexts.Name(DataSubjects.NaturalPersons | DataSubjects.Organisations)]),
            One(nameof(CatalogueContent.ShareType), c.ShareType, 14, x => x.ShareType, (x, v) => x.ShareType = v),
            Many(nameof(CatalogueContent.ShareConditionKinds), c.ShareConditionKinds, 24, x => x.ShareConditionKinds, (x, v) => x.ShareConditionKinds = v),
            Text(nameof(CatalogueContent.ShareNamedDepartments), "指定部门及用途", 24, x => x.ShareNamedDepartments, (x, v) => x.ShareNamedDepartments = v),
            Text(nameof(CatalogueContent.ShareConditions), "共享条件说明", 24, x => x.ShareConditions, (x, v) => x.ShareConditions = v),
            Many(nameof(CatalogueContent.ShareMethods), c.ShareMethods, 28, x => x.ShareMethods, (x, v) => x.ShareMethods = v),
            Many(nameof(CatalogueContent.ShareOperations), c.ShareOperations, 16, x => x.ShareOperations, (x, v) => x.ShareOperations = v),
            Text(nameof(CatalogueContent.ShareBasis), "法律法规依据", 24, x => x.ShareBasis, (x, v) => x.ShareBasis = v),
            One(nameof(CatalogueContent.OpenType), c.OpenType, 14, x => x.OpenType, (x, v) => x.OpenType = v),
            Text(nameof(CatalogueContent.OpenConditions), "开放条件", 24, x => x.OpenConditions, (x, v) => x.OpenConditions = v),
            Text(nameof(CatalogueContent.OpenBasis), "不予开放依据", 24, x => x.OpenBasis, (x, v) => x.OpenBasis = v),
            new(c.Deidentified.Title, nameof(CatalogueContent.Deidentified), 10,
                x => x.Deidentified ? "是" : "",
                (x, text) =>
                {
                    if (!c.Deidentified.TryParse(text, out var yes)) return Unknown(c.Deidentified, text);
                    x.Deidentified = yes == CatalogueChoices.YesNo.Yes;
                    return null;
                }, c.Deidentified),
            Text(nameof(CatalogueContent.DeidentificationMethod), "脱敏方法", 18, x => x.DeidentificationMethod, (x, v) => x.DeidentificationMethod = v),
            One(nameof(CatalogueContent.UpdateCycle), c.UpdateCycle, 12, x => x.UpdateCycle, (x, v) => x.UpdateCycle = v),
            One(nameof(CatalogueContent.SecurityLevel), c.SecurityLevel, 14, x => x.SecurityLevel, (x, v) => x.SecurityLevel = v),
            new("关联资源", nameof(CatalogueContent.RelatedCodes), 24, x => string.Join("、", x.RelatedCodes),
                (x, text) =>
                {
                    x.RelatedCodes = [.. CatalogueCells.SplitMany(CatalogueSearchText.Fold(text))];
                    return null;
                }, Prompt: "填写关联目录的信息资源代码（如 101000000/000001），多个用“、”分隔。"),
            new("数据量（条）", nameof(CatalogueContent.RecordCount), 14,
                x => x.RecordCount?.ToString(CultureInfo.InvariantCulture) ?? "",
                (x, text) =>
                {
                    if (!CatalogueCells.TryInteger(text, "数据量（条）", 0, long.MaxValue / 2, out var n, out var problem)) return problem;
                    x.RecordCount = n;
                    return null;
                }),
        ];
        ItemColumns =
        [
            Text<CatalogueItemContent>(nameof(CatalogueItemContent.Name), "信息项名称", 24, x => x.Name, (x, v) => x.Name = v),
            One<CatalogueItemContent, ItemDataType>(nameof(CatalogueItemContent.DataType), c.DataType, 14, x => x.DataType, (x, v) => x.DataType = v),
            new("数据长度", nameof(CatalogueItemContent.Length), 10,
                x => x.Length?.ToString(CultureInfo.InvariantCulture) ?? "",
                (x, text) =>
                {
                    if (!CatalogueCells.TryInteger(text, "数据长度", int.MinValue, int.MaxValue, out var n, out var problem)) return problem;
                    x.Length = (int)n;
                    return null;
                }),
            new(c.Sensitivity.Title, nameof(CatalogueItemContent.Sensitivity), 12,
                x => x.Sensitivity == ItemSensitivity.None ? "" : c.Sensitivity.Name(x.Sensitivity),
                (x, text) =>
                {
                    if (!c.Sensitivity.TryParse(text, out var v)) return Unknown(c.Sensitivity, text);
                    x.Sensitivity = v;
                    return null;
                }, c.Sensitivity),
            Text<CatalogueItemContent>(nameof(CatalogueItemContent.Description), "描述", 36, x => x.Description, (x, v) => x.Description = v),
        ];
    }

    public CatalogueChoices Choices { get; }
    public IReadOnlyCollection<ClassNode> Classes { get; }
    /// <summary>Leaf classes by code: the lookup sheet's rows.</summary>
    public IReadOnlyList<ClassNode> Leaves { get; }
    /// <summary>"101 人口信息资源" by class id: what a classification cell shows.</summary>
    public IReadOnlyDictionary<int, string> ClassLabels { get; }
    /// <summary>The entry sheet's content columns (after <see cref="EntryKeyHeader"/>).</summary>
    public IReadOnlyList<CatalogueColumn<CatalogueContent>> EntryColumns { get; }
    /// <summary>The item sheet's columns (after <see cref="ItemEntryKeyHeader"/>).</summary>
    public IReadOnlyList<CatalogueColumn<CatalogueItemContent>> ItemColumns { get; }

    /// <summary>
    /// A classification cell: the leading code ("101 人口信息资源", "101", "１０１") or, without digits, a leaf's exact name.
    /// An unknown code is refused here; a node that is not a leaf is left to the rules (a note before submission).
    /// </summary>
    private string? ReadClass(CatalogueContent x, string text)
    {
        var folded = CatalogueSearchText.Fold(text).Trim();
        var digits = new string([.. folded.TakeWhile(char.IsAsciiDigit)]);
        if (digits.Length > 0)
        {
            if (!_classesByCode.TryGetValue(digits, out var node))
                return $"信息资源分类代码“{digits}”不存在，请从“{ClassesSheet}”工作表或下拉列表中选择。";
            x.ResourceClassId = node.Id;
            return null;
        }
        var named = _leavesByName[CatalogueChoice<CatalogueType>.Key(folded)].ToList();
        if (named.Count == 1)
        {
            x.ResourceClassId = named[0].Id;
            return null;
        }
        return named.Count > 1
            ? $"信息资源分类“{text.Trim()}”有多个同名分类，请填写分类代码。"
            : $"信息资源分类“{text.Trim()}”不存在，请从“{ClassesSheet}”工作表或下拉列表中选择。";
    }

    public static string Unknown(ICatalogueChoice choice, string text) =>
        $"“{choice.Title}”的值“{text.Trim()}”无法识别，应为：{string.Join("、", choice.Names)}"
        + (choice.Multi ? "（可填多个，用“、”分隔）。" : "。");

    private static CatalogueColumn<CatalogueContent> Text(string field, string header, double width,
        Func<CatalogueContent, string?> get, Action<CatalogueContent, string> set, string? prompt = null) =>
        Text<CatalogueContent>(field, header, width, get, set, prompt);

    // Text cells are kept as typed: the draft rule (CatalogueRules.ValidateDraft) judges control characters and lengths
    // with the same messages as the form, and the entity normalises what it stores.
    private static CatalogueColumn<T> Text<T>(string field, string header, double width, Func<T, string?> get,
        Action<T, string> set, string? prompt = null) =>
        new(header, field, width, x => get(x) ?? "", (x, text) =>
        {
            set(x, text);
            return null;
        }, Prompt: prompt, IsText: true);

    private static CatalogueColumn<CatalogueContent> One<TEnum>(string field, CatalogueChoice<TEnum> choice, double width,
        Func<CatalogueContent, TEnum?> get, Action<CatalogueContent, TEnum> set) where TEnum : struct, Enum =>
        One<CatalogueContent, TEnum>(field, choice, width, get, set);

    private static CatalogueColumn<T> One<T, TEnum>(string field, CatalogueChoice<TEnum> choice, double width,
        Func<T, TEnum?> get, Action<T, TEnum> set) where TEnum : struct, Enum =>
        new(choice.Title, field, width, x => get(x) is { } v ? choice.Name(v) : "", (x, text) =>
        {
            if (!choice.TryParse(text, out var v)) return Unknown(choice, text);
            set(x, v);
            return null;
        }, choice);

    private static CatalogueColumn<CatalogueContent> Many<TEnum>(string field, CatalogueChoice<TEnum> choice, double width,
        Func<CatalogueContent, TEnum> get, Action<CatalogueContent, TEnum> set, IReadOnlyList<string>? extra = null)
        where TEnum : struct, Enum =>
        new(choice.Title, field, width, x => choice.Join(get(x)), (x, text) =>
        {
            if (!choice.TryParseMany(text, out var v, out var unknown))
                return $"“{choice.Title}”中的“{unknown}”无法识别，应为：{string.Join("、", choice.Names)}（可填多个，用“、”分隔）。";
            set(x, v);
            return null;
        }, choice, extra, Prompt: "可填多个，用“、”分隔。");

    /// <summary>A header as the import compares it: the export's and the template's headers, however spaced or bracketed.</summary>
    public static string HeaderKey(string header) => CatalogueChoice<CatalogueType>.Key(InputText.Normalise(header)?.TrimEnd('*', '＊'));
}
