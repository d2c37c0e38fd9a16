namespace GovDataPortal.Features.Policies;

public static partial class BuiltInProfiles
{
    /// <summary>湖北省政务数据资源应用与管理办法（省政府令）.</summary>
    private static PolicyProfile Hubei()
    {
        static Citation Art(string article) => new(Jurisdiction.Hubei, article);
        return new(Jurisdiction.Hubei,
        [
            .. CatalogueLifecycle(Jurisdiction.Hubei),
            .. OutsideCatalogue(Jurisdiction.Hubei),
            // Art. 20(3): "逾期不处理的，视为同意，由政务数据共享平台自动授权" — the only deemed approval in the five texts.
            // Art. 20(4): "数据共享申请被拒绝的，政务数据使用部门可以提请本级政务数据主管部门协调解决".
            new(FlowKeys.ConditionalShare, FlowNames.ConditionalShare,
                [
                    ProviderReply("reply", "提供部门答复", 10, Art("第二十条第三款"), TimeoutAction.DeemedApproval) with
                    {
                        OnApprove = FlowRoute.Approved,
                        OnReject = "coordination-request",
                    },
                    CoordinationRequest(Art("第二十条第四款")),
                    Coordination("本级政务数据主管部门协调解决", Art("第二十条第四款")),
                ],
                Art("第二十条"),
                Notes: "能够立即答复的，应当立即答复；不能立即答复的，应当在10个工作日内答复。不同意共享的，应当说明理由。"
                    + "逾期不处理的，视为同意，由政务数据共享平台自动授权。")
            {
                Coordination = new("coordination", Art("第二十条第四款")),
            },
            new(FlowKeys.ConditionalOpen, FlowNames.ConditionalOpen,
                [ProviderReply("reply", "提供部门审核授权", null, Art("第二十七条"))],
                Art("第二十七条"),
                Notes: "申请应说明数据用途、使用时限和安全保障措施等，获得授权后访问；必要时提供部门可以与申请人签署数据利用协议。原文未规定答复期限。")
            {
                ExternalRequester = true,
            },
            // Art. 13(1): the authority "指导、监督政务部门及时开展数据校核" — so an overdue check goes to it.
            new(FlowKeys.DataCheck, FlowNames.DataCheck,
                [ProviderCheck(3, Art("第十三条第三款"), TimeoutAction.EscalateToAuthority)],
                Art("第十三条"),
                Notes: "提供部门接到校核通知后3个工作日内反馈校核结果，对疑义或错误的数据进行释明或修复。"
                    + "逾期上报政务数据主管部门：主管部门指导、监督政务部门及时开展数据校核（第十三条第一款）。"),
            new(FlowKeys.CatalogueUpdate, FlowNames.CatalogueUpdate,
                CatalogueUpdate(null, Art("第十一条")),
                Art("第十一条"),
                Notes: "原文为“及时进行更新”，未规定天数；每年进行不少于一次的全面维护。")
            {
                RecorderIsNoParty = true,
            },
            HubeiObjection(Art),
        ]);
    }

    /// <summary>
    /// Art. 28: opening is suspended the moment the objection arrives (<see cref="FlowRule.OnReceipt"/>); the provider
    /// verifies and withdraws, restores or fixes and reopens, then tells the objector.
    /// </summary>
    private static FlowRule HubeiObjection(Func<string, Citation> art) =>
        new(FlowKeys.DataSubjectObjection, "开放数据异议处理",
            [
                ProviderReply("verify", "核实并撤回数据、恢复开放或处理后再开放", null, art("第二十八条"), actions: StepActions.Choose) with
                {
                    Branches =
                    [
                        new("withdraw", "撤回数据", "notify-objector"),
                        new("restore", "恢复开放", "notify-objector"),
                        new("process", "处理后再开放", "notify-objector"),
                    ],
                },
                ProviderReply("notify-objector", "及时反馈异议提交者", null, art("第二十八条"), actions: StepActions.Approve) with
                {
                    NotifiesRequester = true,
                },
            ],
            art("第二十八条"),
            Notes: "异议通过政务数据开放平台告知提供部门，并提交相关证明材料。原文为提供部门“认为必要的，应当立即中止开放”，"
                + "本系统在收到异议时即中止开放，核实后按结果撤回、恢复或者处理后再开放。")
        {
            ExternalRequester = true,
            OnReceipt = new(ReceiptEffectKind.SuspendOpening, art("第二十八条")),
        };
}
