namespace GovDataPortal.Features.Policies;

public static partial class BuiltInProfiles
{
    /// <summary>长沙市政务数据资源管理办法（长政办发〔2021〕80号）.</summary>
    private static PolicyProfile Changsha()
    {
        static Citation Art(string article) => new(Jurisdiction.Changsha, article);
        return new(Jurisdiction.Changsha,
        [
            .. CatalogueLifecycle(Jurisdiction.Changsha),
            .. OutsideCatalogue(Jurisdiction.Changsha),
            new(FlowKeys.ConditionalShare, FlowNames.ConditionalShare,
                [ProviderReply("reply", "提供部门确认答复", 10, Art("第二十二条第五款"))],
                Art("第二十二条"),
                Notes: "使用部门通过市数据资源管理平台向提供部门提出申请；不同意共享的，应当提供充足的理由和依据。"),
            new(FlowKeys.ConditionalOpen, FlowNames.ConditionalOpen,
                [ProviderReply("reply", "提供部门确认答复", 10, Art("第二十四条第四款"))],
                Art("第二十四条"),
                Notes: "使用方通过市政务数据开放服务平台向提供部门提出申请；不同意开放的，应当提供充足的理由依据。")
            {
                ExternalRequester = true,
            },
            // Art. 18 only says the authority monitors quality: the flow exists, the seed sets no day count.
            new(FlowKeys.DataCheck, FlowNames.DataCheck,
                [ProviderCheck(null, Art("第十八条"))],
                Art("第十八条"),
                Notes: "市数据资源局负责全市政务数据质量监管；原文未规定校核天数，本系统不设强制期限。"),
            new(FlowKeys.CatalogueUpdate, FlowNames.CatalogueUpdate,
                CatalogueUpdate(15, Art("第十六条第三款"), AuthorityStep("filing", "报市数据资源局备案", null, Art("第十六条第三款"))),
                Art("第十六条"),
                Notes: "自法律、法规修订或者行政管理职能发生变化之日起15个工作日内更新目录，并报市数据资源局备案。")
            {
                GivenDateName = LawChangeDate,
                RecorderIsNoParty = true,
            },
            // No article sets an objection procedure; Art. 24 ¶5 (sensitive and private data not opened, or de-identified) is the closest.
            ProviderObjection(Art("第二十四条"), "原文未规定公民、法人异议的处理程序和期限，本系统交由提供部门核实处理并告知异议提出人，不设强制期限（本系统的解释）",
                "对于涉及个人隐私信息的数据，应不予开放或进行脱敏处理后开放（第二十四条）。原文未规定异议处理程序。"),
        ]);
    }
}
