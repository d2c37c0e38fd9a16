using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using GovDataPortal.Features.Policies;
using GovDataPortal.Infrastructure;

namespace GovDataPortal.Features.Catalogue.Excel;

/// <summary>
/// The names an enumerated cell may hold. A cell is compared by its <see cref="Key"/>: full-width forms folded to
/// half-width (NFKC: "（一级）" = "(一级)", "１８" = "18"), letters in lower case, white space and brackets ignored — so
/// "一级（公开）", "一级(公开)" and "一级 公开" are the same choice. Every jurisdiction's wording is understood
/// (暂不共享 = 不予共享, 普遍开放 = 无条件开放: unambiguous); the drop-down offers the active jurisdiction's.
/// </summary>
public sealed partial class CatalogueChoice<T> : ICatalogueChoice where T : struct, Enum
{
    private readonly Dictionary<string, T> _byKey = new(StringComparer.Ordinal);
    private readonly Func<T, string> _name;
    private readonly T[] _offered;

    public CatalogueChoice(string title, Func<T, string> name, IEnumerable<T> offered, bool multi = false,
        IEnumerable<(string Text, T Value)>? synonyms = null)
    {
        Title = title;
        _name = name;
        _offered = [.. offered];
        Multi = multi;
        foreach (var v in _offered) _byKey.TryAdd(Key(name(v)), v);
        foreach (var (text, value) in synonyms ?? []) _byKey.TryAdd(Key(text), value);
    }

    public string Title { get; }
    public bool Multi { get; }
    public IReadOnlyList<string> Names => [.. _offered.Select(_name)];

    public string Name(T value) => _name(value);

    public bool TryParse(string text, out T value) => _byKey.TryGetValue(Key(text), out value);

    /// <summary>"、"-joined names of the set flags ("" for none).</summary>
    public string Join(T flags)
    {
        var bits = Convert.ToInt64(flags, CultureInfo.InvariantCulture);
        return string.Join("、", _offered.Where(f => Convert.ToInt64(f, CultureInfo.InvariantCulture) is var b && b != 0 && (bits & b) == b)
            .Select(_name));
    }

    /// <summary>Parses a multi-valued cell: the flags OR-ed together, or the first piece that is not a choice.</summary>
    public bool TryParseMany(string text, out T flags, out string? unknown)
    {
        long bits = 0;
        unknown = null;
        foreach (var piece in CatalogueCells.SplitMany(text))
        {
            if (!TryParse(piece, out var v))
            {
                unknown = piece;
                flags = default;
                return false;
            }
            bits |= Convert.ToInt64(v, CultureInfo.InvariantCulture);
        }
        flags = (T)Enum.ToObject(typeof(T), bits);
        return true;
    }

    /// <summary>The comparison form of a choice: NFKC, lower case, no white space, no brackets.</summary>
    public static string Key(string? text)
    {
        var folded = CatalogueSearchText.Fold(text);
        var sb = new StringBuilder(folded.Length);
        foreach (var c in folded)
            if (!char.IsWhiteSpace(c) && c is not ('(' or ')' or '[' or ']' or '【' or '】' or '〔' or '〕' or '\u200B' or '\uFEFF'))
                sb.Append(c);
        return sb.ToString();
    }
}

/// <summary>A drop-down's title and names, whatever its enum.</summary>
public interface ICatalogueChoice
{
    string Title { get; }
    bool Multi { get; }
    IReadOnlyList<string> Names { get; }
}

/// <summary>The choices of every enumerated field, worded for one jurisdiction.</summary>
public sealed class CatalogueChoices
{
    public CatalogueChoices(Jurisdiction j)
    {
        Jurisdiction = j;
        CatalogueType = new("目录类型", CatalogueTexts.Name, Enum.GetValues<CatalogueType>(), synonyms:
        [
            ("基础", Catalogue.CatalogueType.Base), ("基础目录", Catalogue.CatalogueType.Base), ("基础数据目录", Catalogue.CatalogueType.Base),
            ("主题", Catalogue.CatalogueType.Theme), ("主题目录", Catalogue.CatalogueType.Theme), ("主题数据目录", Catalogue.CatalogueType.Theme),
            ("部门", Catalogue.CatalogueType.Department), ("部门目录", Catalogue.CatalogueType.Department), ("部门数据目录", Catalogue.CatalogueType.Department),
        ]);
        Format = new("信息资源格式", CatalogueTexts.Name, Enum.GetValues<ResourceFormat>());
        DataSubjects = new("数据主体", CatalogueTexts.Name,
            [Catalogue.DataSubjects.NaturalPersons, Catalogue.DataSubjects.Organisations], multi: true, synonyms:
            [
                ("不涉及", Catalogue.DataSubjects.None), ("无", Catalogue.DataSubjects.None), ("法人", Catalogue.DataSubjects.Organisations),
                ("法人和其他组织", Catalogue.DataSubjects.Organisations), ("法人及其他组织", Catalogue.DataSubjects.Organisations),
            ]);
        ShareType = new("共享类型", t => CatalogueTexts.Name(t, j), Enum.GetValues<ShareType>(), synonyms: Everywhere<ShareType>(CatalogueTexts.Name));
        ShareConditionKinds = new("共享条件", CatalogueTexts.Name, Flags<ShareConditionKinds>(), multi: true, synonyms:
            [("仅限指定部门", Catalogue.ShareConditionKinds.NamedDepartmentsOnly), ("无", Catalogue.ShareConditionKinds.None)]);
        ShareMethods = new("共享方式", CatalogueTexts.Name, Flags<ShareMethods>(), multi: true, synonyms:
        [
            ("接口调用", Catalogue.ShareMethods.PlatformApi), ("库表交换", Catalogue.ShareMethods.PlatformTableExchange),
            ("文件下载", Catalogue.ShareMethods.PlatformFileDownload), ("查询核验", Catalogue.ShareMethods.PlatformQueryVerify),
            ("邮件", Catalogue.ShareMethods.Email), ("介质", Catalogue.ShareMethods.Medium), ("无", Catalogue.ShareMethods.None),
        ]);
        ShareOperations = new("允许的操作", CatalogueTexts.Name, Flags<ShareOperations>(), multi: true,
            synonyms: [("无", Catalogue.ShareOperations.None)]);
        OpenType = new("开放类型", t => CatalogueTexts.Name(t, j), Enum.GetValues<OpenType>(), synonyms: Everywhere<OpenType>(CatalogueTexts.Name));
        Deidentified = new("是否脱敏", b => b == YesNo.Yes ? "是" : "否", [YesNo.Yes, YesNo.No], synonyms:
        [
            ("true", YesNo.Yes), ("false", YesNo.No), ("1", YesNo.Yes), ("0", YesNo.No), ("y", YesNo.Yes), ("n", YesNo.No),
            ("yes", YesNo.Yes), ("no", YesNo.No), ("已脱敏", YesNo.Yes), ("未脱敏", YesNo.No), ("√", YesNo.Yes), ("×", YesNo.No),
        ]);
        UpdateCycle = new("更新周期", CatalogueTexts.Name, Enum.GetValues<UpdateCycle>(), synonyms:
            [("每天", Catalogue.UpdateCycle.Daily), ("每星期", Catalogue.UpdateCycle.Weekly), ("每年度", Catalogue.UpdateCycle.Yearly)]);
        SecurityLevel = new("安全级别", CatalogueTexts.Name, Enum.GetValues<SecurityLevel>(), synonyms:
        [
            ("一级", Catalogue.SecurityLevel.Public), ("公开", Catalogue.SecurityLevel.Public),
            ("二级", Catalogue.SecurityLevel.Internal), ("内部", Catalogue.SecurityLevel.Internal),
            ("三级", Catalogue.SecurityLevel.Sensitive), ("敏感", Catalogue.SecurityLevel.Sensitive),
            ("四级", Catalogue.SecurityLevel.Important), ("重要", Catalogue.SecurityLevel.Important),
        ]);
        DataType = new("数据类型", CatalogueTexts.Name, Enum.GetValues<ItemDataType>(),
            synonyms: Enum.GetValues<ItemDataType>().SelectMany(t => new[] { (t.ToString(), t), (CatalogueTexts.Name(t)[..^1], t) }));
        Sensitivity = new("敏感类别", CatalogueTexts.Name, Enum.GetValues<ItemSensitivity>(), synonyms: [("不涉及", ItemSensitivity.None)]);
    }

    public Jurisdiction Jurisdiction { get; }
    public CatalogueChoice<CatalogueType> CatalogueType { get; }
    public CatalogueChoice<ResourceFormat> Format { get; }
    public CatalogueChoice<DataSubjects> DataSubjects { get; }
    public CatalogueChoice<ShareType> ShareType { get; }
    public CatalogueChoice<ShareConditionKinds> ShareConditionKinds { get; }
    public CatalogueChoice<ShareMethods> ShareMethods { get; }
    public CatalogueChoice<ShareOperations> ShareOperations { get; }
    public CatalogueChoice<OpenType> OpenType { get; }
    public CatalogueChoice<YesNo> Deidentified { get; }
    public CatalogueChoice<UpdateCycle> UpdateCycle { get; }
    public CatalogueChoice<SecurityLevel> SecurityLevel { get; }
    public CatalogueChoice<ItemDataType> DataType { get; }
    public CatalogueChoice<ItemSensitivity> Sensitivity { get; }

    public enum YesNo { Yes = 1, No = 2 }

    private static IEnumerable<T> Flags<T>() where T : struct, Enum =>
        Enum.GetValues<T>().Where(f => Convert.ToInt64(f, CultureInfo.InvariantCulture) != 0);

    /// <summary>Every jurisdiction's name of each value (longyan's 暂不共享, 普遍开放, 授权开放 included).</summary>
    private static IEnumerable<(string, T)> Everywhere<T>(Func<T, Jurisdiction, string> name) where T : struct, Enum =>
        from j in Enum.GetValues<Jurisdiction>() from v in Enum.GetValues<T>() select (name(v, j), v);
}

/// <summary>How cells of numbers and lists are read.</summary>
public static partial class CatalogueCells
{
    /// <summary>
    /// The separators of a multi-valued cell: "、" (what the export writes), and also "，" "," "；" ";" and line breaks —
    /// none of them occurs inside a choice's name or a resource code, so splitting on any of them is unambiguous.
    /// </summary>
    public static readonly char[] Separators = ['、', '，', ',', '；', ';', '\n', '\r', '\uFF64' /* halfwidth 、 */];

    public static IEnumerable<string> SplitMany(string text) =>
        text.Split(Separators, StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(p => InputText.Normalise(p)!).Where(p => p.Length > 0);

    /// <summary>
    /// A whole number as people type it: half- or full-width digits ("１８"), optional thousands separators in groups
    /// of three ("1,000" or "1，000"), surrounding blanks. Refused with a message naming the field: decimals, Chinese
    /// numerals, dates (a cell formatted as a date reads "2024-01-01"), anything else.
    /// </summary>
    public static bool TryInteger(string text, string label, long min, long max, out long value, out string? problem)
    {
        value = 0;
        problem = null;
        var folded = CatalogueSearchText.Fold(text).Trim();
        if (IsoDate().IsMatch(folded))
        {
            problem = $"“{label}”单元格是日期（{folded}），应填写整数；请将单元格格式设为“常规”或“数值”后重新填写。";
            return false;
        }
        var plain = folded.Replace(" ", "", StringComparison.Ordinal);
        if (Grouped().IsMatch(plain)) plain = plain.Replace(",", "", StringComparison.Ordinal);
        if (!long.TryParse(plain, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out value))
        {
            // Excel stores 18 typed into a number cell as "18", but a computed or pasted one may read "18.0" or "1.8E1".
            if (double.TryParse(plain, NumberStyles.Float, CultureInfo.InvariantCulture, out var d) && double.IsFinite(d)
                && d == Math.Floor(d) && Math.Abs(d) < 9e15)
                value = (long)d;
            else
            {
                problem = double.TryParse(plain, NumberStyles.Float, CultureInfo.InvariantCulture, out _)
                    ? $"“{label}”应为整数，不能是小数（{text.Trim()}）。"
                    : $"“{label}”应为整数，“{text.Trim()}”不是数字。";
                return false;
            }
        }
        if (value < min || value > max)
        {
            problem = $"“{label}”应在{min:N0}至{max:N0}之间（{text.Trim()}）。";
            return false;
        }
        return true;
    }

    [GeneratedRegex(@"^\d{4}-\d{2}-\d{2}( \d{2}:\d{2}:\d{2})?$")]
    private static partial Regex IsoDate();

    [GeneratedRegex(@"^[+-]?\d{1,3}(,\d{3})+$")]
    private static partial Regex Grouped();
}
