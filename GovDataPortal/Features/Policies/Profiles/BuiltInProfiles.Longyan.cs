namespace GovDataPortal.Features.Policies;

public static partial class BuiltInProfiles
{
    /// <summary>龙岩市政务数据管理办法（试行）（龙政办〔2020〕91号）.</summary>
    private static PolicyProfile Longyan()
    {
        static Citation Art(string article) => new(Jurisdiction.Longyan, article);
        return new(Jurisdiction.Longyan,
        [
            .. CatalogueLifecycle(Jurisdiction.Longyan),
            .. OutsideCatalogue(Jurisdiction.Longyan),
            // Art. 12(1): 市大数据局 decides, together with the provider, within 5 working days — one step of the authority.
            new(FlowKeys.ConditionalShare, FlowNames.ConditionalShare,
                [AuthorityStep("review", "市大数据局会同提供单位审定并反馈", 5, Art("第十二条第一款"), StepActions.Approve | StepActions.Reject)],
                Art("第十二条"),
                Notes: "市大数据局按照规定程序予以审定，并会同相关数据生产应用单位在5个工作日内提出意见并反馈；"
                    + "可以共享的由市大数据中心及时授予访问权限或提供数据，并签署政务数据使用协议。共享数据不得提供给第三方使用（第十二条第三款）。")
            {
                UsageAgreement = new("市大数据中心", Art("第十二条第一款")),
            },
            new(FlowKeys.ConditionalOpen, "开放需求申请",
                [ProviderReply("reply", "数据生产应用单位答复", 20, Art("第十九条"))],
                Art("第十九条"),
                Notes: "自收到申请之日起20个工作日内答复，同意的及时列入目录或者开放，不同意的说明理由。"
                    + "授权开放类数据仅限内资控股法人企业、高校或者科研院所向市大数据局申请（第十七条第二款）。")
            {
                ExternalRequester = true,
            },
            new(FlowKeys.DataCheck, FlowNames.DataCheck,
                [ProviderCheck(1, Art("第十四条"), reading: ImmediatelyReading)],
                Art("第十四条"),
                Notes: "数据生成部门应立即组织核实，确有问题的应及时在系统中予以纠正，并将结果反馈给共享使用单位。"),
            new(FlowKeys.CatalogueUpdate, FlowNames.CatalogueUpdate,
                CatalogueUpdate(null, Art("第八条")),
                Art("第八条"),
                Notes: "原文为“政务数据发生变化时应及时更新目录”，未规定天数。")
            {
                RecorderIsNoParty = true,
            },
            // No article sets an objection procedure; Art. 10 (the producing unit 核查、纠错) is the closest.
            ProviderObjection(Art("第十条"), "原文未规定公民、法人异议的处理程序和期限，本系统交由数据生产应用单位核实处理并告知异议提出人，不设强制期限（本系统的解释）",
                "数据生产应用单位负责开展数据比对、核查、纠错（第十条）；涉及商业秘密、个人隐私的政务数据应当脱敏脱密处理后开放（第十七条第三款）。原文未规定异议处理程序。"),
        ]);
    }
}
