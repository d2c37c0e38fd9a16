using System.Text.RegularExpressions;
using GovDataPortal.Features.Policies;
using GovDataPortal.Infrastructure;

namespace GovDataPortal.Features.Catalogue;

/// <summary>A classification node as the rules need it.</summary>
public sealed record ClassNode(int Id, string Code, string Name, bool IsLeaf);

/// <summary>What the rules need to know beyond the content: the active jurisdiction and the classification tree.</summary>
public sealed record CatalogueRuleContext(Jurisdiction Jurisdiction, IReadOnlyDictionary<int, ClassNode> Classes)
{
    public CatalogueCitations Citations { get; } = CatalogueCitations.Of(Jurisdiction);
}

/// <summary>
/// Every rule an entry must meet before it may be submitted (issue 9 §1), each message naming the field and the article
/// behind it. The same rules serve the form (inline, as the user types), the Excel import's dry run and the API: the
/// server is the judge, the form only shows its verdict early. Field keys are <see cref="CatalogueContent"/>'s property
/// names; an item's are "Items[i].Name" (i from 0).
/// </summary>
public static partial class CatalogueRules
{
    public const int NameMaxLength = 100;
    public const int SummaryMaxLength = 1000;
    public const int ShortTextMaxLength = 100;
    public const int FormatDetailMaxLength = 50;
    public const int BasisMaxLength = 1000;
    public const int ItemNameMaxLength = 50;
    public const int ItemDescriptionMaxLength = 500;
    public const int ItemLengthMax = 100_000;
    public const int MaxItems = 1000;
    public const int MaxRelated = 50;

    /// <summary>Names of the key item of natural-person data (foshan Art. 22: 以公民身份号码为标识).</summary>
    public static readonly IReadOnlySet<string> PersonKeyNames = new HashSet<string>(StringComparer.Ordinal)
        { "公民身份号码", "居民身份证号码", "身份证号码", "身份证号" };

    /// <summary>Name of the key item of organisation data (foshan Art. 22: 以统一社会信用代码为标识).</summary>
    public const string OrganisationKeyName = "统一社会信用代码";

    [GeneratedRegex(@"^\d{9}/\d{6}$")]
    public static partial Regex ResourceCodePattern();

    /// <summary>An item name as one-source detection and key-item checks compare it: folded, without spaces and punctuation.</summary>
    public static string NormaliseItemName(string? name) =>
        new([.. CatalogueSearchText.Fold(InputText.Normalise(name)).Where(char.IsLetterOrDigit)]);

    /// <summary>What even a draft must meet: the input rule and the columns' lengths (a draft may be incomplete).</summary>
    public static ValidationErrors ValidateDraft(CatalogueContent c)
    {
        var e = new ValidationErrors();
        e.Optional(nameof(c.Name), c.Name, "信息资源名称", NameMaxLength);
        e.Optional(nameof(c.Summary), c.Summary, "信息资源摘要", SummaryMaxLength);
        e.Optional(nameof(c.SourceSystem), c.SourceSystem, "来源信息系统", ShortTextMaxLength);
        e.Optional(nameof(c.ReferenceStandard), c.ReferenceStandard, "参考标准", ShortTextMaxLength);
        e.Optional(nameof(c.CollectionBasis), c.CollectionBasis, "采集依据", BasisMaxLength);
        e.Optional(nameof(c.FormatDetail), c.FormatDetail, "具体格式", FormatDetailMaxLength);
        e.Optional(nameof(c.ShareNamedDepartments), c.ShareNamedDepartments, "指定部门及用途", BasisMaxLength);
        e.Optional(nameof(c.ShareConditions), c.ShareConditions, "共享条件说明", BasisMaxLength);
        e.Optional(nameof(c.ShareBasis), c.ShareBasis, "法律法规依据", BasisMaxLength);
        e.Optional(nameof(c.OpenConditions), c.OpenConditions, "开放条件", BasisMaxLength);
        e.Optional(nameof(c.OpenBasis), c.OpenBasis, "不予开放依据", BasisMaxLength);
        e.Optional(nameof(c.DeidentificationMethod), c.DeidentificationMethod, "脱敏方法", ShortTextMaxLength);
        if (c.Items.Count > MaxItems) e.Add(nameof(c.Items), $"一个目录条目最多{MaxItems}个信息项。");
        for (var i = 0; i < Math.Min(c.Items.Count, MaxItems); i++)
        {
            var item = c.Items[i];
            e.Optional(ItemField(i, nameof(item.Name)), item.Name, $"第{i + 1}个信息项的名称", ItemNameMaxLength);
            e.Optional(ItemField(i, nameof(item.Description)), item.Description, $"第{i + 1}个信息项的描述", ItemDescriptionMaxLength);
        }
        if (c.RelatedCodes.Count > MaxRelated) e.Add(nameof(c.RelatedCodes), $"关联资源最多{MaxRelated}个。");
        foreach (var code in c.RelatedCodes)
            if (InputText.IsRefused(code)) e.Add(nameof(c.RelatedCodes), "关联资源代码" + InputText.RefusedMessage);
        return e;
    }

    public static string ItemField(int index, string property) => $"Items[{index}].{property}";

    /// <summary>Every rule of a complete entry; the form shows the same messages inline.</summary>
    public static ValidationErrors Validate(CatalogueContent c, CatalogueRuleContext ctx)
    {
        var e = ValidateDraft(c);
        if (!e.IsValid) return e;
        BasicInformation(c, ctx, e);
        Items(c, ctx, e);
        ShareAttributes(c, ctx, e);
        OpenAttributes(c, ctx, e);
        Management(c, ctx, e);
        return e;
    }
}
