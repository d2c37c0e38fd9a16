using GovDataPortal.Features.Identity;

namespace GovDataPortal.Features.Policies;

public static partial class BuiltInProfiles
{
    /// <summary>双牌县政务大数据管理办法（双政办发〔2022〕8号）.</summary>
    private static PolicyProfile Shuangpai()
    {
        static Citation Art(string article) => new(Jurisdiction.Shuangpai, article);
        return new(Jurisdiction.Shuangpai,
        [
            ShuangpaiConditionalShare(Art),
            new(FlowKeys.ConditionalOpen, FlowNames.ConditionalOpen,
                [ProviderReply("reply", "政务部门处理", 15, Art("第三十二条"))],
                Art("第三十二条"),
                Notes: "可以开放的，通过市政务数据开放平台授权开放；不能开放的，政务部门应当说明理由。"),
            new(FlowKeys.DataCheck, FlowNames.DataCheck,
                [ProviderCheck(5, Art("第二十七条第二款"), extendable: true)],
                Art("第二十七条"),
                // Art. 27(2): the provider head (领导) consents, the user is told, "延长期限最长不得超过15个工作日" — read like
                // 政府信息公开条例 Art. 33 as the extension's cap (the engine adds granted days to the 5), not a cap on 5 + extension.
                new ExtensionRule(MaxTotalDays: 15, ConsentRole: PortalRoles.Leadership, NotifyRequester: true,
                    Art("第二十七条第二款")),
                Notes: "需要延长校核期限的，应当经提供部门负责人同意并告知使用部门，延长期限最长不得超过15个工作日"
                    + "（本系统按延期累计不超过15个工作日执行）。校核期间，当事人已提供合法有效证明材料的，"
                    + "受理单位应当照常办理（第二十七条第三款）；修正结果应当及时告知使用部门（第二十七条第四款）。"),
            new(FlowKeys.CatalogueUpdate, FlowNames.CatalogueUpdate,
                [
                    CatalogueUpdate(15, Art("第十九条第二款")),
                    AuthorityStep("filing", "报县政务服务中心备案", null, Art("第十九条第二款"), StepActions.Approve | StepActions.Return),
                ],
                Art("第十九条"),
                Notes: "自法律、法规修订或者行政管理职能发生变化之日起15个工作日内更新目录，并报县政务服务中心备案。"),
            ShuangpaiObjection(Art),
        ]);
    }

    /// <summary>
    /// Art. 24 item (二): the county centre and the provider give an opinion within 10 working days, then the city
    /// authority decides — the article gives that decision no day count.
    /// </summary>
    private static FlowRule ShuangpaiConditionalShare(Func<string, Citation> art) =>
        new(FlowKeys.ConditionalShare, FlowNames.ConditionalShare,
            [
                ProviderReply("opinion", "提供部门会同县政务服务中心提出意见", 10, art("第二十四条第一款第（二）项")),
                AuthorityStep("decision", "报市政务数据行政主管部门确定后反馈", null, art("第二十四条第一款第（二）项"),
                    StepActions.Approve | StepActions.Reject),
            ],
            art("第二十四条"),
            Notes: "县政务服务中心会同提供部门在十个工作日内提出意见，报市政务数据行政主管部门确定后反馈（确定期限原文未规定）。"
                + "可以共享的，县政务服务中心及时授予访问权限或者提供数据，并通过签署协议等方式监督使用。"
                + "使用部门、提供部门对共享发生争议的，由县政务服务中心协调处理（第二十四条第二款）。");

    /// <summary>
    /// Art. 40(2). The centre decides what lies in its own scope within 5 working days, or forwards (转办) the same step to
    /// the department, which then has its own 5 days from receiving it — a forward reopens the step for that department
    /// with a fresh deadline. "不予更正" is a decision too, so the step has no Reject: a rejection would end the flow
    /// before the objector is told. The 2-day forwarding limit and the count from receipt are in the notes.
    /// </summary>
    private static FlowRule ShuangpaiObjection(Func<string, Citation> art) =>
        new(FlowKeys.DataSubjectObjection, FlowNames.DataSubjectObjection,
            [
                AuthorityStep("mark", "县政务服务中心作出异议标注", 1, art("第四十条第二款")),
                new("decision", "作出是否更正的决定（属政务部门更正范围的，2个工作日内转交政务部门）", StepActor.DataAuthority,
                    PortalRoles.DepartmentApprover, StepActions.Approve | StepActions.Forward, 5, TimeoutAction.RemindOnly,
                    art("第四十条第二款第（一）项、第（二）项")),
                AuthorityStep("notify-objector", "县政务服务中心将处理结果告知异议提出人", null, art("第四十条第二款第（二）项")),
            ],
            art("第四十条"),
            Notes: "县政务服务中心自收到异议材料之日起1个工作日内作出异议标注；属本中心更正范围的，自收到之日起5个工作日内作出是否更正的决定；"
                + "属政务部门更正范围的，自收到之日起2个工作日内转交政务部门，政务部门自收到转交材料之日起5个工作日内作出是否更正的决定"
                + "并告知县政务服务中心，县政务服务中心及时将处理结果告知异议提出人。");
}
