using GovDataPortal.Features.Policies;

namespace GovDataPortal.Features.Catalogue;

/// <summary>The finding screens' own words.</summary>
public static class CatalogueBrowseTexts
{
    public const string NotVisibleMessage = "目录条目不存在，或您无权查看（未发布的目录仅编制部门可见，提交审核后数据主管部门亦可见）。";
    public const string VersionNotVisibleMessage = "该版本不存在，或您无权查看（未发布的版本仅编制部门和数据主管部门可见）。";
    public const string Unpublished = "未发布";

    /// <summary>
    /// The existence of 不予共享 data is listed, but it cannot be requested (foshan Art. 13(3)); longyan names the type
    /// 暂不共享 (Art. 11). Other jurisdictions follow foshan's article by reference.
    /// </summary>
    public static Citation NotSharedCitation(Jurisdiction j) => j switch
    {
        Jurisdiction.Foshan => new Citation(j, "第十三条第三项"),
        Jurisdiction.Longyan => new Citation(j, "第十一条"),
        _ => Citation.ReferTo(Jurisdiction.Foshan, "第十三条第三项"),
    };

    public static string NotSharedNotice(Jurisdiction j) =>
        $"该数据资源存在，但{CatalogueTexts.Name(ShareType.NotShared, j)}，不能申请使用（{NotSharedCitation(j)}）。";
}
