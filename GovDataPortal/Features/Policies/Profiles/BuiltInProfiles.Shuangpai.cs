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
            .. CatalogueLifecycle(Jurisdiction.Shuangpai),
            .. OutsideCatalogue(Jurisdiction.Shuangpai),
            ShuangpaiConditionalShare(Art),
            new(FlowKeys.ConditionalOpen, FlowNames.ConditionalOpen,
                [ProviderReply("reply", "政务部门处理", 15, Art("第三十二条"))],
                Art("第三十二条"),
                Notes: "可以开放的，通过市政务数据开放平台授权开放；不能开放的，政务部门应当说明理由。")
            {
                ExternalRequester = true,
            },
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
                CatalogueUpdate(15, Art("第十九条第二款"), AuthorityStep("filing", "报县政务服务中心备案", null, Art("第十九条第二款"))),
                Art("第十九条"),
                Notes: "自法律、法规修订或者行政管理职能发生变化之日起15个工作日内更新目录，并报县政务服务中心备案。")
            {
                GivenDateName = LawChangeDate,
                RecorderIsNoParty = true,
            },
            ShuangpaiObjection(Art),
        ]);
    }

    /// <summary>
    /// Art. 24 ¶1 item (二): the county centre and the provider each give an opinion within 10 working days (会签), then the
    /// city authority decides — the article gives that decision no day count. The city decides either way, so an
    /// unfavourable opinion goes to it too. After its refusal the user may ask the centre to coordinate (Art. 24 ¶2:
    /// "对政务数据共享发生争议的，由县政务服务中心协调处理").
    /// </summary>
    private static FlowRule ShuangpaiConditionalShare(Func<string, Citation> art) =>
        new(FlowKeys.ConditionalShare, FlowNames.ConditionalShare,
            [
                AuthorityStep("opinion", "县政务服务中心会同提供部门提出意见", 10, art("第二十四条第一款第（二）项"),
                    StepActions.Approve | StepActions.Reject) with
                {
                    Also = [new(StepActor.ProviderDepartment, PortalRoles.DepartmentApprover)],
                    Consensus = Consensus.All,
                    OnReject = "decision",
                },
                new StepRule("decision", "报市政务数据行政主管部门确定后反馈", StepActor.HigherDataAuthority, PortalRoles.AuthorityReviewer,
                    StepActions.Approve | StepActions.Reject, null, TimeoutAction.RemindOnly, art("第二十四条第一款第（二）项"))
                {
                    OnApprove = FlowRoute.Approved,
                    OnReject = "coordination-request",
                },
                CoordinationRequest(art("第二十四条第二款")),
                Coordination("县政务服务中心协调处理", art("第二十四条第二款")),
            ],
            art("第二十四条"),
            Notes: "市政务数据行政主管部门确定的期限原文未规定。可以共享的，县政务服务中心及时授予相应访问权限或者提供相应数据，"
                + "并通过签署协议和技术手段等方式监督管理数据的使用情况。")
        {
            Coordination = new("coordination", art("第二十四条第二款")),
            UsageAgreement = new("县政务服务中心", art("第二十四条第一款第（二）项")),
        };

    /// <summary>
    /// Art. 40 ¶2: the centre marks the objection within 1 working day of receipt, then within 2 of receipt either keeps
    /// it (own scope: decides within 5 of receipt) or forwards it to the department, which decides within 5 of its own
    /// receipt and tells the centre; the centre tells the objector. "不予更正" is a decision too, so the decision steps
    /// have no Reject: a rejection would end the flow before the objector is told.
    /// </summary>
    private static FlowRule ShuangpaiObjection(Func<string, Citation> art) =>
        new(FlowKeys.DataSubjectObjection, FlowNames.DataSubjectObjection,
            [
                AuthorityStep("mark", "县政务服务中心作出异议标注", 1, art("第四十条第二款")) with { Anchor = DeadlineAnchor.FlowStarted },
                AuthorityStep("scope", "判断更正范围（属政务部门更正范围的，转交政务部门）", 2, art("第四十条第二款第（一）项、第（二）项"),
                    StepActions.Choose, ScopeReading) with
                {
                    Anchor = DeadlineAnchor.FlowStarted,
                    Branches =
                    [
                        new("own", "属本中心更正范围", "centre-decision"),
                        new("department", "转交政务部门", "department-decision"),
                    ],
                },
                AuthorityStep("centre-decision", "县政务服务中心作出是否更正的决定", 5, art("第四十条第二款第（一）项")) with
                {
                    Anchor = DeadlineAnchor.FlowStarted,
                    OnApprove = "notify-objector",
                },
                ProviderReply("department-decision", "政务部门作出是否更正的决定并告知县政务服务中心", 5, art("第四十条第二款第（二）项"),
                    actions: StepActions.Approve) with { OnApprove = "notify-objector" },
                AuthorityStep("notify-objector", "县政务服务中心将处理结果告知异议提出人", null, art("第四十条第二款第（二）项")) with
                {
                    NotifiesRequester = true,
                },
            ],
            art("第四十条"),
            Notes: "公民、法人或者其他组织发现政务数据存在错误、遗漏等情形或者侵犯其商业秘密、个人隐私等合法权益的，可以提出异议（第四十条第一款）。"
                + "是否更正的决定（包括不予更正）写明在办理意见中，县政务服务中心应当及时告知异议提出人。")
        {
            ExternalRequester = true,
        };

    /// <summary>Art. 40 ¶2 item (二) gives 2 days for forwarding only; the portal holds the own-scope choice to the same 2.</summary>
    public const string ScopeReading = "属本中心更正范围的，同样在2个工作日内作出判断（本系统的解释，原文仅规定转交期限）";
}
