using GovDataPortal.Features.Workflow;

namespace GovDataPortal.Features.OpenData;

/// <summary>The Chinese names of open data's codes and its fixed messages.</summary>
public static class OpenDataTexts
{
    public const string RequestSubjectType = "open-request";
    public const string ObjectionSubjectType = "data-objection";
    public const string RequestNotFound = "开放申请不存在。";
    public const string ObjectionNotFound = "异议不存在。";
    public const string OtherDepartmentRequest = "您无权查看其他部门受理或提供的开放申请。";
    public const string OtherDepartmentObjection = "您无权查看其他部门受理或提供的异议。";
    public const string ChangedMessage = "该记录已被他人修改，请刷新后重试。";

    public static string RequestLink(long id) => $"open-data/requests/{id}";
    public static string CommitmentLink(long id) => $"open-data/requests/{id}/commitment";
    public static string ObjectionLink(long id) => $"open-data/objections/{id}";

    public static string Name(OrganisationType t) => t switch
    {
        OrganisationType.DomesticControlledEnterprise => "内资控股企业",
        OrganisationType.University => "高校",
        OrganisationType.ResearchInstitute => "科研院所",
        OrganisationType.Other => "其他",
        _ => t.ToString(),
    };

    public static string Name(PurposeKind k) => k switch
    {
        PurposeKind.Research => "科研",
        PurposeKind.Teaching => "教学",
        PurposeKind.Commercial => "商业开发利用",
        PurposeKind.PublicWelfare => "公益",
        PurposeKind.Other => "其他",
        _ => k.ToString(),
    };

    public static string Name(OpenRequestStatus s) => s switch
    {
        OpenRequestStatus.InReview => "审核中",
        OpenRequestStatus.Approved => "已同意开放",
        OpenRequestStatus.Refused => "不予开放",
        OpenRequestStatus.Withdrawn => "已撤回",
        _ => s.ToString(),
    };

    public static string Name(ObjectionKind k) => k switch
    {
        ObjectionKind.Error => "数据错误",
        ObjectionKind.TradeSecret => "侵犯商业秘密",
        ObjectionKind.Privacy => "侵犯个人隐私",
        _ => k.ToString(),
    };

    public static string Name(ObjectionStatus s) => s switch
    {
        ObjectionStatus.InProcess => "处理中",
        ObjectionStatus.Concluded => "已办结",
        ObjectionStatus.Withdrawn => "已撤回",
        _ => s.ToString(),
    };

    public static string Name(FlowPartyKind k) => k == FlowPartyKind.Person ? "公民" : "法人或其他组织";

    /// <summary>What the provider's choice on a hubei objection (Art. 28) did to the entry's opening.</summary>
    public static string OutcomeName(string? branch) => branch switch
    {
        "withdraw" => "撤回数据",
        "restore" => "恢复开放",
        "process" => "处理后再开放",
        null => "",
        _ => branch,
    };
}
