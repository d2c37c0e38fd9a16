namespace GovDataPortal.Features.Policies;

/// <summary>The Chinese name of each flow key, for headings that span jurisdictions (a profile may name its own flow).</summary>
public static class FlowNames
{
    public const string ConditionalShare = "有条件共享申请";
    public const string UncataloguedDataRequest = "目录外数据需求申请";
    public const string ConditionalOpen = "有条件开放申请";
    public const string DataCheck = "疑义、错误数据校核";
    public const string CatalogueUpdate = "目录更新（法律法规修订或职能变化）";
    public const string DataSubjectObjection = "公民、法人异议处理";
    public const string CatalogueReview = "目录审核发布";
    public const string CatalogueWithdrawal = "目录撤销";
    public const string ShareNegotiation = "不予共享数据协商";

    /// <summary>The flows in the order screens list them.</summary>
    public static readonly IReadOnlyList<string> Keys =
    [
        FlowKeys.ConditionalShare, FlowKeys.UncataloguedDataRequest, FlowKeys.ConditionalOpen,
        FlowKeys.DataCheck, FlowKeys.CatalogueUpdate, FlowKeys.DataSubjectObjection,
        FlowKeys.CatalogueReview, FlowKeys.CatalogueWithdrawal, FlowKeys.ShareNegotiation,
    ];

    public static string Of(string flowKey) => flowKey switch
    {
        FlowKeys.ConditionalShare => ConditionalShare,
        FlowKeys.UncataloguedDataRequest => UncataloguedDataRequest,
        FlowKeys.ConditionalOpen => ConditionalOpen,
        FlowKeys.DataCheck => DataCheck,
        FlowKeys.CatalogueUpdate => CatalogueUpdate,
        FlowKeys.DataSubjectObjection => DataSubjectObjection,
        FlowKeys.CatalogueReview => CatalogueReview,
        FlowKeys.CatalogueWithdrawal => CatalogueWithdrawal,
        FlowKeys.ShareNegotiation => ShareNegotiation,
        _ => flowKey,
    };
}
