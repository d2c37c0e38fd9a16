using GovDataPortal.Features.Policies;
using GovDataPortal.Infrastructure;

namespace GovDataPortal.Features.Catalogue;

/// <summary>An entry in the API's list: codes as names, each with its Chinese name (under the active jurisdiction).</summary>
public sealed record CatalogueApiRow(
    long Id, string? ResourceCode, string Name, string? Summary, int ProviderDepartmentId, string ProviderName,
    string? ResourceClassCode, string? ResourceClassName, string? CatalogueType, string? CatalogueTypeName, string? Format, string? FormatName,
    string? ShareType, string? ShareTypeName, string? OpenType, string? OpenTypeName, string? UpdateCycle, string? UpdateCycleName,
    string? SecurityLevel, string? SecurityLevelName, string Status, string StatusName, int ItemCount, DateTimeOffset UpdatedAt);

public sealed record CatalogueApiPage(int Total, int Page, int PageSize, IReadOnlyList<CatalogueApiRow> Items);

public sealed record CatalogueApiItem(int Ordinal, string Name, string? DataType, string? DataTypeName, int? Length,
    string Sensitivity, string SensitivityName, string? Description);

/// <summary>One published entry (its published version) by code.</summary>
public sealed record CatalogueApiEntry(
    long Id, string ResourceCode, string Status, string StatusName, int ProviderDepartmentId, string ProviderName, string ProviderCreditCode,
    int VersionNumber, string Name, string? Summary, string? CatalogueType, string? CatalogueTypeName,
    string? ResourceClassCode, string? ResourceClassName, string? SourceSystem, string? ReferenceStandard, string? CollectionBasis,
    string? Format, string? FormatName, string? FormatDetail, IReadOnlyList<CatalogueApiItem> Items,
    string? ShareType, string? ShareTypeName, string ShareConditionsKindsName, string? ShareNamedDepartments, string? ShareConditions,
    string ShareMethodsName, string ShareOperationsName, string? ShareBasis, string? NotSharedNotice,
    string? OpenType, string? OpenTypeName, string? OpenConditions, string? OpenBasis, bool Deidentified, string? DeidentificationMethod,
    string? UpdateCycle, string? UpdateCycleName, string? SecurityLevel, string? SecurityLevelName, IReadOnlyList<string> RelatedCodes,
    long? RecordCount, DateTimeOffset? FirstPublishedAt, DateTimeOffset? LastPublishedAt, DateTimeOffset? WithdrawnAt, string? WithdrawalReason);

/// <summary>
/// The catalogue on the token-protected <c>/api</c> group (issue 9 §5): the list with the same filters as the page, and
/// one entry by its 信息资源代码. The slash of a code may be sent as is or encoded (%2F).
/// </summary>
public static class CatalogueBrowseEndpoints
{
    public static RouteGroupBuilder MapCatalogueBrowseEndpoints(this RouteGroupBuilder api)
    {
        var catalogue = api.MapGroup("/catalogue").WithTags("政务信息资源目录");
        catalogue.MapGet("", List).WithSummary(
            "目录列表（keyword 关键词，provider 提供部门编号，class 分类编号，catalogueType、shareType、openType、updateCycle、status、securityLevel，sort，page，pageSize 1-100）");
        catalogue.MapGet("/{*resourceCode}", Get).WithSummary("按信息资源代码查看目录（如 101000000/000001，斜杠可写作 %2F）");
        return api;
    }

    private static async Task<CatalogueApiPage> List(CatalogueQueryService catalogue, PolicyCatalog policies, HttpRequest request,
        CancellationToken ct)
    {
        var result = await catalogue.SearchAsync(CatalogueFilterQuery.Parse(request.Query), ct);
        var j = policies.ActiveJurisdiction;
        return new CatalogueApiPage(result.Total, result.Page, result.PageSize, [.. result.Items.Select(r => Row(r, j))]);
    }

    private static async Task<IResult> Get(CatalogueQueryService catalogue, PolicyCatalog policies, string resourceCode, CancellationToken ct)
    {
        var code = Uri.UnescapeDataString(resourceCode).Trim();
        if (!CatalogueRules.ResourceCodePattern().IsMatch(code))
            throw new ValidationFailedException(new ValidationErrors().Add("resourceCode", "信息资源代码应为“9位数字/6位数字”，如 101000000/000001。"));
        if (await catalogue.GetByCodeAsync(code, ct) is not { } d)
            return TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: CatalogueBrowseTexts.NotVisibleMessage);
        return TypedResults.Ok(Entry(d, policies.ActiveJurisdiction));
    }

    internal static CatalogueApiRow Row(CatalogueRow r, Jurisdiction j) => new(
        r.Id, r.ResourceCode, r.Name, r.Summary, r.ProviderDepartmentId, r.ProviderName, r.ClassCode, r.ClassName,
        r.CatalogueType?.ToString(), r.CatalogueType is { } t ? CatalogueTexts.Name(t) : null,
        r.Format?.ToString(), r.Format is { } f ? CatalogueTexts.Name(f) : null,
        r.ShareType?.ToString(), r.ShareType is { } s ? CatalogueTexts.Name(s, j) : null,
        r.OpenType?.ToString(), r.OpenType is { } o ? CatalogueTexts.Name(o, j) : null,
        r.UpdateCycle?.ToString(), r.UpdateCycle is { } c ? CatalogueTexts.Name(c) : null,
        r.SecurityLevel?.ToString(), r.SecurityLevel is { } l ? CatalogueTexts.Name(l) : null,
        r.Status.ToString(), CatalogueTexts.Name(r.Status), r.ItemCount, r.UpdatedAt);

    private static CatalogueApiEntry Entry(CatalogueEntryDetail d, Jurisdiction j)
    {
        var e = d.Entry;
        var v = d.Shown;
        var leaf = d.ClassPath.LastOrDefault();
        return new CatalogueApiEntry(e.Id, e.ResourceCode!, e.Status.ToString(), CatalogueTexts.Name(e.Status), e.ProviderDepartmentId,
            d.ProviderName, d.ProviderCreditCode, v.Number, v.Name, v.Summary,
            v.CatalogueType?.ToString(), v.CatalogueType is { } t ? CatalogueTexts.Name(t) : null, leaf?.Code, leaf?.Name,
            v.SourceSystem, v.ReferenceStandard, v.CollectionBasis, v.Format?.ToString(), v.Format is { } f ? CatalogueTexts.Name(f) : null,
            v.FormatDetail,
            [.. v.Items.OrderBy(i => i.Ordinal).Select(i => new CatalogueApiItem(i.Ordinal, i.Name, i.DataType?.ToString(),
                i.DataType is { } dt ? CatalogueTexts.Name(dt) : null, i.Length, i.Sensitivity.ToString(), CatalogueTexts.Name(i.Sensitivity),
                i.Description))],
            v.ShareType?.ToString(), v.ShareType is { } s ? CatalogueTexts.Name(s, j) : null, CatalogueTexts.Name(v.ShareConditionKinds),
            v.ShareNamedDepartments, v.ShareConditions, CatalogueTexts.Name(v.ShareMethods), CatalogueTexts.Name(v.ShareOperations),
            v.ShareBasis, v.ShareType == ShareType.NotShared ? CatalogueBrowseTexts.NotSharedNotice(j) : null,
            v.OpenType?.ToString(), v.OpenType is { } o ? CatalogueTexts.Name(o, j) : null, v.OpenConditions, v.OpenBasis,
            v.Deidentified, v.DeidentificationMethod,
            v.UpdateCycle?.ToString(), v.UpdateCycle is { } c ? CatalogueTexts.Name(c) : null,
            v.SecurityLevel?.ToString(), v.SecurityLevel is { } l ? CatalogueTexts.Name(l) : null,
            v.RelatedCodes, v.RecordCount, e.FirstPublishedAt, e.LastPublishedAt, e.WithdrawnAt, e.WithdrawalReason);
    }
}
