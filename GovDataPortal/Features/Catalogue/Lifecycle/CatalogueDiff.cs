using System.Globalization;
using System.Text.RegularExpressions;
using GovDataPortal.Features.Policies;

namespace GovDataPortal.Features.Catalogue;

/// <summary>One field that differs between two versions: its Chinese label, old → new ("—" where empty).</summary>
public sealed record FieldDifference(string Field, string Label, string Old, string New);

public enum ItemChange { Added = 1, Removed = 2, Changed = 3 }

/// <summary>An 信息项 added, removed or changed (with its changed properties).</summary>
public sealed record ItemDifference(ItemChange Change, string Name, IReadOnlyList<FieldDifference> Changes)
{
    public string ChangeName => Change switch { ItemChange.Added => "新增", ItemChange.Removed => "删除", _ => "修改" };
}

/// <summary>Field-by-field differences of two versions of one entry (issue 9 §2: version history with a diff).</summary>
public sealed record VersionDiff(long EntryId, int FromNumber, int ToNumber, IReadOnlyList<FieldDifference> Fields,
    IReadOnlyList<ItemDifference> Items)
{
    public bool IsEmpty => Fields.Count == 0 && Items.Count == 0;

    /// <summary>Removed items or changed data types: who holds grants on them is told before publication.</summary>
    public bool IsBreaking => Items.Any(i => i.Change == ItemChange.Removed
        || i.Changes.Any(c => c.Field.EndsWith("." + nameof(CatalogueItemContent.DataType), StringComparison.Ordinal)));
}

/// <summary>The Chinese labels of the content's fields (<see cref="CatalogueContent"/> keys), for diffs and review comments.</summary>
public static partial class CatalogueFieldLabels
{
    public static readonly IReadOnlyList<(string Field, string Label)> Fields =
    [
        (nameof(CatalogueContent.Name), "信息资源名称"),
        (nameof(CatalogueContent.Summary), "信息资源摘要"),
        (nameof(CatalogueContent.CatalogueType), "目录类型"),
        (nameof(CatalogueContent.ResourceClassId), "信息资源分类"),
        (nameof(CatalogueContent.SourceSystem), "来源信息系统"),
        (nameof(CatalogueContent.ReferenceStandard), "参考标准"),
        (nameof(CatalogueContent.CollectionBasis), "采集依据"),
        (nameof(CatalogueContent.Format), "信息资源格式"),
        (nameof(CatalogueContent.FormatDetail), "具体格式"),
        (nameof(CatalogueContent.DataSubjects), "数据主体"),
        (nameof(CatalogueContent.Items), "信息项"),
        (nameof(CatalogueContent.ShareType), "共享类型"),
        (nameof(CatalogueContent.ShareConditionKinds), "共享条件"),
        (nameof(CatalogueContent.ShareNamedDepartments), "指定部门及用途"),
        (nameof(CatalogueContent.ShareConditions), "共享条件说明"),
        (nameof(CatalogueContent.ShareMethods), "共享方式"),
        (nameof(CatalogueContent.ShareOperations), "允许的操作"),
        (nameof(CatalogueContent.ShareBasis), "法律法规依据"),
        (nameof(CatalogueContent.OpenType), "开放类型"),
        (nameof(CatalogueContent.OpenConditions), "开放条件"),
        (nameof(CatalogueContent.OpenBasis), "不予开放依据"),
        (nameof(CatalogueContent.Deidentified), "已脱敏"),
        (nameof(CatalogueContent.DeidentificationMethod), "脱敏方法"),
        (nameof(CatalogueContent.UpdateCycle), "更新周期"),
        (nameof(CatalogueContent.SecurityLevel), "安全级别"),
        (nameof(CatalogueContent.RelatedCodes), "关联资源"),
        (nameof(CatalogueContent.RecordCount), "数据量（条）"),
    ];

    private static readonly IReadOnlyList<(string Property, string Label)> ItemProperties =
    [
        (nameof(CatalogueItemContent.Name), "名称"),
        (nameof(CatalogueItemContent.DataType), "数据类型"),
        (nameof(CatalogueItemContent.Length), "数据长度"),
        (nameof(CatalogueItemContent.Sensitivity), "敏感类别"),
        (nameof(CatalogueItemContent.Description), "描述"),
    ];

    private static readonly Dictionary<string, string> ByField = Fields.ToDictionary(f => f.Field, f => f.Label, StringComparer.Ordinal);

    [GeneratedRegex(@"^Items\[(\d{1,4})\]\.(\w+)$")]
    private static partial Regex ItemKey();

    /// <summary>Whether <paramref name="field"/> is a content key: a field, or "Items[i].Property".</summary>
    public static bool IsKnown(string field) => Label(field) is not null;

    /// <summary>"信息资源摘要", "第3个信息项的数据类型"; null for an unknown key.</summary>
    public static string? Label(string field)
    {
        if (ByField.TryGetValue(field, out var label)) return label;
        var m = ItemKey().Match(field);
        if (!m.Success) return null;
        var property = ItemProperties.FirstOrDefault(p => p.Property == m.Groups[2].Value).Label;
        return property is null ? null : $"第{int.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture) + 1}个信息项的{property}";
    }

    /// <summary>The differences from <paramref name="from"/> to <paramref name="to"/>; class names come from <paramref name="classes"/>.</summary>
    public static VersionDiff Compare(long entryId, CatalogueVersion from, CatalogueVersion to, Jurisdiction j, IReadOnlyDictionary<int, ClassNode> classes)
    {
        string Class(int? id) => id is { } c && classes.TryGetValue(c, out var node) ? $"{node.Code} {node.Name}" : Text(id);
        var pairs = new (string Field, Func<CatalogueVersion, string> Show)[]
        {
            (nameof(CatalogueContent.Name), v => Text(v.Name)),
            (nameof(CatalogueContent.Summary), v => Text(v.Summary)),
            (nameof(CatalogueContent.CatalogueType), v => v.CatalogueType is { } t ? CatalogueTexts.Name(t) : Empty),
            (nameof(CatalogueContent.ResourceClassId), v => Class(v.ResourceClassId)),
            (nameof(CatalogueContent.SourceSystem), v => Text(v.SourceSystem)),
            (nameof(CatalogueContent.ReferenceStandard), v => Text(v.ReferenceStandard)),
            (nameof(CatalogueContent.CollectionBasis), v => Text(v.CollectionBasis)),
            (nameof(CatalogueContent.Format), v => v.Format is { } f ? CatalogueTexts.Name(f) : Empty),
            (nameof(CatalogueContent.FormatDetail), v => Text(v.FormatDetail)),
            (nameof(CatalogueContent.DataSubjects), v => CatalogueTexts.Name(v.DataSubjects)),
            (nameof(CatalogueContent.ShareType), v => v.ShareType is { } s ? CatalogueTexts.Name(s, j) : Empty),
            (nameof(CatalogueContent.ShareConditionKinds), v => CatalogueTexts.Name(v.ShareConditionKinds)),
            (nameof(CatalogueContent.ShareNamedDepartments), v => Text(v.ShareNamedDepartments)),
            (nameof(CatalogueContent.ShareConditions), v => Text(v.ShareConditions)),
            (nameof(CatalogueContent.ShareMethods), v => CatalogueTexts.Name(v.ShareMethods)),
            (nameof(CatalogueContent.ShareOperations), v => CatalogueTexts.Name(v.ShareOperations)),
            (nameof(CatalogueContent.ShareBasis), v => Text(v.ShareBasis)),
            (nameof(CatalogueContent.OpenType), v => v.OpenType is { } o ? CatalogueTexts.Name(o, j) : Empty),
            (nameof(CatalogueContent.OpenConditions), v => Text(v.OpenConditions)),
            (nameof(CatalogueContent.OpenBasis), v => Text(v.OpenBasis)),
            (nameof(CatalogueContent.Deidentified), v => v.Deidentified ? "是" : "否"),
            (nameof(CatalogueContent.DeidentificationMethod), v => Text(v.DeidentificationMethod)),
            (nameof(CatalogueContent.UpdateCycle), v => v.UpdateCycle is { } c ? CatalogueTexts.Name(c) : Empty),
            (nameof(CatalogueContent.SecurityLevel), v => v.SecurityLevel is { } l ? CatalogueTexts.Name(l) : Empty),
            (nameof(CatalogueContent.RelatedCodes), v => v.RelatedCodes.Count == 0 ? Empty : string.Join("、", v.RelatedCodes)),
            (nameof(CatalogueContent.RecordCount), v => Text(v.RecordCount)),
        };
        var fields = pairs.Select(p => (p.Field, Old: p.Show(from), New: p.Show(to)))
            .Where(p => p.Old != p.New).Select(p => new FieldDifference(p.Field, ByField[p.Field], p.Old, p.New)).ToList();
        return new VersionDiff(entryId, from.Number, to.Number, fields, CompareItems(from, to));
    }

    /// <summary>Items are matched by their normalised name (what one-source detection compares too).</summary>
    private static List<ItemDifference> CompareItems(CatalogueVersion from, CatalogueVersion to)
    {
        var before = from.Items.OrderBy(i => i.Ordinal).ToList();
        var after = to.Items.OrderBy(i => i.Ordinal).ToList();
        var beforeByName = before.GroupBy(i => i.NormalisedName).ToDictionary(g => g.Key, g => g.First());
        var afterNames = after.Select(i => i.NormalisedName).ToHashSet(StringComparer.Ordinal);
        var result = new List<ItemDifference>();
        foreach (var old in before.Where(i => !afterNames.Contains(i.NormalisedName)))
            result.Add(new ItemDifference(ItemChange.Removed, old.Name, []));
        for (var index = 0; index < after.Count; index++)
        {
            var now = after[index];
            if (!beforeByName.TryGetValue(now.NormalisedName, out var old))
            {
                result.Add(new ItemDifference(ItemChange.Added, now.Name, []));
                continue;
            }
            var key = (string property) => CatalogueRules.ItemField(index, property);
            var changes = new List<FieldDifference>();
            void Add(string property, string label, string a, string b)
            {
                if (a != b) changes.Add(new FieldDifference(key(property), label, a, b));
            }
            Add(nameof(CatalogueItemContent.Name), "名称", old.Name, now.Name);
            Add(nameof(CatalogueItemContent.DataType), "数据类型", ItemType(old.DataType), ItemType(now.DataType));
            Add(nameof(CatalogueItemContent.Length), "数据长度", Text(old.Length), Text(now.Length));
            Add(nameof(CatalogueItemContent.Sensitivity), "敏感类别", CatalogueTexts.Name(old.Sensitivity), CatalogueTexts.Name(now.Sensitivity));
            Add(nameof(CatalogueItemContent.Description), "描述", Text(old.Description), Text(now.Description));
            if (changes.Count > 0) result.Add(new ItemDifference(ItemChange.Changed, now.Name, changes));
        }
        return result;
    }

    private const string Empty = "—";

    private static string ItemType(ItemDataType? t) => t is { } x ? CatalogueTexts.Name(x) : Empty;

    private static string Text(string? s) => string.IsNullOrWhiteSpace(s) ? Empty : s;

    private static string Text(long? n) => n is { } x ? x.ToString(CultureInfo.InvariantCulture) : Empty;

    private static string Text(int? n) => n is { } x ? x.ToString(CultureInfo.InvariantCulture) : Empty;
}
