namespace GovDataPortal.Features.Sharing;

/// <summary>The sharing feature's Chinese names and its flow subject types.</summary>
public static class SharingTexts
{
    /// <summary>The flow subject type of a <see cref="ShareRequest"/>.</summary>
    public const string SubjectType = "share-request";

    /// <summary>The flow subject type of a <see cref="ShareRequest"/> outside the shared catalogue (目录外数据需求, 不予共享数据协商).</summary>
    public const string OutsideCatalogueSubjectType = "share-negotiation";

    /// <summary>The page of any share request.</summary>
    public static string Link(long requestId) => $"sharing/requests/{requestId}";

    public static string KindName(ShareRequestKind k) => k switch
    {
        ShareRequestKind.Unconditional => "无条件共享",
        ShareRequestKind.Conditional => "有条件共享申请",
        ShareRequestKind.Uncatalogued => "目录外数据需求",
        ShareRequestKind.Negotiation => "不予共享数据协商",
        _ => k.ToString(),
    };

    public static string StatusName(ShareRequestStatus s) => s switch
    {
        ShareRequestStatus.InReview => "审核中",
        ShareRequestStatus.Granted => "已授权",
        ShareRequestStatus.Agreed => "已同意",
        ShareRequestStatus.Refused => "不予共享",
        ShareRequestStatus.Withdrawn => "已撤回",
        ShareRequestStatus.Terminated => "流程已终止",
        _ => s.ToString(),
    };

    public static string BasisName(GrantBasis b) => b switch
    {
        GrantBasis.Unconditional => "无条件共享",
        GrantBasis.Approved => "审核同意",
        GrantBasis.DeemedConsent => "逾期视为同意",
        GrantBasis.ApplicationScenario => "符合已明确的应用场景",
        _ => b.ToString(),
    };

    public static string GrantStatusName(GrantStatus s) => s switch
    {
        GrantStatus.Active => "有效",
        GrantStatus.Suspended => "已暂停",
        GrantStatus.Ended => "已终止",
        GrantStatus.Expired => "已到期",
        _ => s.ToString(),
    };
}
