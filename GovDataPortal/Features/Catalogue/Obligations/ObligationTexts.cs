using GovDataPortal.Features.Policies;

namespace GovDataPortal.Features.Catalogue;

/// <summary>Names, keys and messages of catalogue update obligations (changsha Art. 16, shuangpai Art. 19, foshan Art. 17).</summary>
public static class ObligationTexts
{
    public const string SubjectType = "CatalogueObligation";
    public const string NotFoundMessage = "目录更新义务不存在。";
    public const string ChangedMessage = "该更新义务已被他人处理，请刷新后重试。";

    // The catalogue-update flow's step and branch keys (BuiltInProfiles.CatalogueUpdate).
    public const string UpdateStep = "update";
    public const string ReviewStep = "no-change-review";
    public const string FilingStep = "filing";
    public const string UpdatedBranch = "updated";
    public const string NoChangeBranch = "no-change";

    public static string Link(long id) => $"catalogue/obligations/{id}";

    public static string KindName(ChangeKind kind) => kind switch
    {
        ChangeKind.LawRevision => "法律、法规修订",
        ChangeKind.DutyChange => "行政管理职能变化",
        _ => kind.ToString(),
    };

    public static string StatusName(ObligationStatus status) => status switch
    {
        ObligationStatus.Open => "待更新",
        ObligationStatus.Updated => "已发布更新版本",
        ObligationStatus.NoChangeAccepted => "无需变更（已认可）",
        ObligationStatus.Cancelled => "已取消",
        _ => status.ToString(),
    };

    public static string Title(string entryName, ChangeKind kind) => $"目录更新：{entryName}（{KindName(kind)}）";

    public static string Refusal(long id) => $"目录更新义务须在“目录更新义务”页面办理（{Link(id)}）：已发布更新版本时由系统自动办结，无需变更的须说明理由。";

    /// <summary>What the regulation behind the flow says about the deadline, for the page (the article next to the due date).</summary>
    public static string Basis(FlowRule flow) =>
        flow.FirstStep.Days is { } days
            ? $"{flow.FirstStep.Citation}：自法律、法规修订或者行政管理职能发生变化之日起{days}个工作日内更新目录"
            : $"{flow.FirstStep.Citation}：及时更新目录（原文未规定天数）";
}
