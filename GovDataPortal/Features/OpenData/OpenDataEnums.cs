namespace GovDataPortal.Features.OpenData;

/// <summary>申请单位类型 (longyan Art. 17 ¶2 limits authorised opening to the first three).</summary>
public enum OrganisationType
{
    DomesticControlledEnterprise = 1,
    University = 2,
    ResearchInstitute = 3,
    Other = 4,
}

/// <summary>用途类别 (longyan Art. 18 ¶3: universities and research institutes use the data for 科研、教学 only).</summary>
public enum PurposeKind
{
    Research = 1,
    Teaching = 2,
    Commercial = 3,
    PublicWelfare = 4,
    Other = 5,
}

public enum OpenRequestStatus
{
    InReview = 1,
    Approved = 2,
    Refused = 3,
    Withdrawn = 4,
}

/// <summary>异议类型 (shuangpai Art. 40 ¶1: 错误、遗漏, 侵犯商业秘密、个人隐私; hubei Art. 28).</summary>
public enum ObjectionKind
{
    Error = 1,
    TradeSecret = 2,
    Privacy = 3,
}

public enum ObjectionStatus
{
    InProcess = 1,
    Concluded = 2,
    Withdrawn = 3,
}
