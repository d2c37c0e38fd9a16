namespace GovDataPortal.Features.Policies;

public static partial class BuiltInProfiles
{
    /// <summary>佛山市政务数据资源管理办法（试行）（佛府办〔2020〕4号）.</summary>
    private static PolicyProfile Foshan()
    {
        static Citation Art(string article) => new(Jurisdiction.Foshan, article);
        return new(Jurisdiction.Foshan,
        [
            .. CatalogueLifecycle(Jurisdiction.Foshan),
            .. OutsideCatalogue(Jurisdiction.Foshan),
            // Art. 26 ¶3: where the requester cannot meet the conditions but needs the data, the two departments negotiate;
            // failing that the city authority has it coordinated. Art. 28 ¶2: a need matching an application scenario is
            // granted directly (the feature checks the match and starts no flow).
            new(FlowKeys.ConditionalShare, FlowNames.ConditionalShare,
                [
                    ProviderReply("reply", "数源部门答复", 5, Art("第二十六条第二款")) with
                    {
                        OnApprove = FlowRoute.Approved,
                        OnReject = "coordination-request",
                    },
                    CoordinationRequest(Art("第二十六条第三款")),
                    Coordination("市政务数据主管部门提请协调解决", Art("第二十六条第三款")),
                ],
                Art("第二十六条"),
                Notes: "数源部门核定应用业务、使用对象、所需数据、共享模式、截止时间等要素，按最小授权的原则审核（第二十九条）。"
                    + "无条件共享类数据无需数源部门授权（第二十六条第一款）。"
                    + "申请协调前，由数据申请部门与数源部门协商解决（第二十六条第三款）。")
            {
                DirectGrant = new("需求符合已明确的应用场景的，可直接获得授权", Art("第二十八条第二款")),
                Coordination = new("coordination", Art("第二十六条第三款")),
            },
            new(FlowKeys.ConditionalOpen, FlowNames.ConditionalOpen,
                [ProviderReply("reply", "数据授权部门审核", null, Art("第三十六条第（二）项"))],
                Art("第三十六条"),
                Notes: "符合条件的行政相对人在线提出申请，签订数据开放利用承诺书，通过数据下载、接口访问、数据沙箱等方式开放。原文未规定答复期限。")
            {
                ExternalRequester = true,
            },
            new(FlowKeys.DataCheck, FlowNames.DataCheck,
                [ProviderCheck(10, Art("第三十条"))],
                Art("第三十条"),
                Notes: "数源部门接到复核申请后10个工作日内对异议数据进行核查，并作出确认或者更正；复核期间以不影响办事为前提。"),
            new(FlowKeys.CatalogueUpdate, FlowNames.CatalogueUpdate,
                CatalogueUpdate(15, Art("第十七条")),
                Art("第十七条"),
                Notes: "各政务部门对本部门数据资源目录进行编制、审核、发布，自有关法律法规修订或行政管理职能发生变化之日起15个工作日内及时更新。")
            {
                GivenDateName = LawChangeDate,
                RecorderIsNoParty = true,
            },
            // No article sets an objection procedure for citizens; Art. 30 (the source department verifies disputed data) is the closest.
            ProviderObjection(Art("第三十条"), "原文未规定公民、法人异议的处理程序和期限，本系统交由数源部门核实处理并告知异议提出人，不设强制期限（本系统的解释）",
                "数源部门对异议数据进行核查，并作出确认或者更正（第三十条）；行政相对人认为其合法权益受到侵犯的，可以依法申请行政复议或者提起行政诉讼（第四十条）。原文未规定异议处理程序。"),
        ]);
    }
}
