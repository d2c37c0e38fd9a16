using System.Globalization;
using GovDataPortal.Features.Policies;
using GovDataPortal.Infrastructure;
using Microsoft.AspNetCore.WebUtilities;

namespace GovDataPortal.Features.Catalogue;

/// <summary>
/// <see cref="CatalogueFilter"/> as a query string, the same for the list page's links, its Excel export
/// (<c>/catalogue/export.xlsx?…</c>) and the API (<c>/api/catalogue?…</c>): keyword, provider (department id), class
/// (classification node id), catalogueType, shareType, openType, updateCycle, status, securityLevel (enum names, or their
/// Chinese names), sort, page, pageSize. A value that does not parse is refused with a Chinese message naming it.
/// </summary>
public static class CatalogueFilterQuery
{
    public const string Keyword = "keyword", Provider = "provider", Class = "class", CatalogueType = "catalogueType",
        ShareType = "shareType", OpenType = "openType", UpdateCycle = "updateCycle", Status = "status",
        SecurityLevel = "securityLevel", Sort = "sort", Page = "page", PageSize = "pageSize";

    /// <summary>The filter's parameters (page and page size only where they differ from the first page of 20).</summary>
    public static string ToQueryString(CatalogueFilter f, bool withPaging = false)
    {
        var pairs = new List<KeyValuePair<string, string?>>();
        void Add(string key, object? value)
        {
            var text = Convert.ToString(value, CultureInfo.InvariantCulture);
            if (!string.IsNullOrWhiteSpace(text)) pairs.Add(new(key, text));
        }
        Add(Keyword, f.Keyword?.Trim());
        Add(Provider, f.ProviderDepartmentId);
        Add(Class, f.ResourceClassId);
        Add(CatalogueType, f.CatalogueType);
        Add(ShareType, f.ShareType);
        Add(OpenType, f.OpenType);
        Add(UpdateCycle, f.UpdateCycle);
        Add(Status, f.Status);
        Add(SecurityLevel, f.SecurityLevel);
        Add(Sort, f.Sort);
        if (withPaging)
        {
            Add(Page, f.Page);
            Add(PageSize, f.PageSize);
        }
        return QueryString.Create(pairs).ToUriComponent().TrimStart('?');
    }

    /// <summary>Reads a filter from query parameters; refuses (400 through <see cref="ValidationFailedException"/>) what does not parse.</summary>
    public static CatalogueFilter Parse(IQueryCollection query, int defaultPageSize = CatalogueQueryService.DefaultPageSize)
    {
        var errors = new ValidationErrors();
        string? Value(string key) => query.TryGetValue(key, out var v) && !string.IsNullOrWhiteSpace(v.ToString()) ? v.ToString().Trim() : null;

        int? Int(string key, string label)
        {
            if (Value(key) is not { } text) return null;
            if (int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var n)) return n;
            errors.Add(key, $"{label}应为正整数。");
            return null;
        }

        T? Enum<T>(string key, string label, Func<T, string> chinese) where T : struct, System.Enum
        {
            if (Value(key) is not { } text) return null;
            foreach (var value in System.Enum.GetValues<T>())
                if (string.Equals(value.ToString(), text, StringComparison.OrdinalIgnoreCase) || chinese(value) == text) return value;
            errors.Add(key, $"{label}只能为{string.Join("、", System.Enum.GetValues<T>().Select(v => $"{v}（{chinese(v)}）"))}。");
            return null;
        }

        // Both names of longyan's 暂不共享 / 普遍开放 / 授权开放 are accepted whatever the active jurisdiction.
        static string ShareName(ShareType t) => CatalogueTexts.Name(t, Jurisdiction.Foshan);
        static string OpenName(OpenType t) => CatalogueTexts.Name(t, Jurisdiction.Foshan);

        var shareType = Value(ShareType) == "暂不共享" ? Catalogue.ShareType.NotShared : Enum<ShareType>(ShareType, "共享类型（shareType）", ShareName);
        var openType = Value(OpenType) switch
        {
            "普遍开放" => Catalogue.OpenType.Unconditional,
            "授权开放" => Catalogue.OpenType.Conditional,
            _ => Enum<OpenType>(OpenType, "开放类型（openType）", OpenName),
        };
        var filter = new CatalogueFilter
        {
            Keyword = InputText.Term(Value(Keyword)),
            ProviderDepartmentId = Int(Provider, "提供方（provider）"),
            ResourceClassId = Int(Class, "信息资源分类（class）"),
            CatalogueType = Enum<CatalogueType>(CatalogueType, "目录类型（catalogueType）", CatalogueTexts.Name),
            ShareType = shareType,
            OpenType = openType,
            UpdateCycle = Enum<UpdateCycle>(UpdateCycle, "更新周期（updateCycle）", CatalogueTexts.Name),
            Status = Enum<EntryStatus>(Status, "状态（status）", CatalogueTexts.Name),
            SecurityLevel = Enum<SecurityLevel>(SecurityLevel, "安全级别（securityLevel）", CatalogueTexts.Name),
            Sort = Value(Sort),
            Page = Int(Page, "页码（page）") ?? 1,
            PageSize = Int(PageSize, "每页条数（pageSize）") ?? defaultPageSize,
        };
        errors.ThrowIfInvalid();
        CatalogueQueryService.Validate(filter).ThrowIfInvalid();
        return filter;
    }
}
