using GovDataPortal.Features.Identity;

namespace GovDataPortal.Features.Policies;

public static partial class BuiltInProfiles
{
    /// <summary>The portal's reading where a regulation has no procedure for asking for 不予共享 data.</summary>
    public const string NegotiationReading =
        "原文未规定不予共享数据的协商程序；本系统按使用部门与提供部门协商、由提供部门答复处理，不设期限（本系统的解释）";

    /// <summary>
    /// Asking for data outside the shared catalogue (issue 10 §1) under <paramref name="j"/>: 目录外数据需求 (hubei Art. 22
    /// only) and 不予共享数据协商 — shuangpai Art. 24 ¶1 item 3 (with filing) and foshan Art. 26 ¶3 (with coordination);
    /// elsewhere the provider answers without a deadline, under a stated reading.
    /// </summary>
    private static IEnumerable<FlowRule> OutsideCatalogue(Jurisdiction j)
    {
        Citation Art(string article) => new(j, article);
        var shareTypes = j switch
        {
            Jurisdiction.Changsha => Art("第二十二条"),
            Jurisdiction.Shuangpai => Art("第二十四条"),
            Jurisdiction.Hubei => Art("第二十三条"),
            Jurisdiction.Longyan => Art("第十一条"),
            Jurisdiction.Foshan => Art("第十三条"),
            _ => throw new ArgumentOutOfRangeException(nameof(j)),
        };
        // Only hubei has a procedure for data outside the catalogue (Art. 22 ¶1): 10 working days; agreement obliges
        // the provider to catalogue the data, which is its 数据专管员's task.
        if (j == Jurisdiction.Hubei)
            yield return new FlowRule(FlowKeys.UncataloguedDataRequest, FlowNames.UncataloguedDataRequest,
                [
                    ProviderReply("reply", "提供部门答复", 10, Art("第二十二条第一款")) with { OnApprove = "catalogue" },
                    new StepRule("catalogue", "将所需数据列入政务数据资源目录", StepActor.ProviderDepartment, PortalRoles.DataSpecialist,
                        StepActions.Approve, null, TimeoutAction.RemindOnly, Art("第二十二条第一款")),
                ],
                Art("第二十二条"),
                Notes: "申请共享的数据不在政务数据资源目录的，提供部门自收到申请之日起10个工作日内答复；同意共享的，应当列入政务数据资源目录予以共享；"
                    + "不同意共享的，应当说明理由。列入目录后，使用部门按目录申请共享。");

        yield return j switch
        {
            // Art. 24 ¶1 item 3: "确需使用不予共享类的政务数据，由使用部门、提供部门协商解决。提供部门同意提供的，应当报县政务服务中心备案";
            // ¶2: disputes are coordinated by the centre.
            Jurisdiction.Shuangpai => new FlowRule(FlowKeys.ShareNegotiation, FlowNames.ShareNegotiation,
                [
                    ProviderReply("reply", "使用部门与提供部门协商，提供部门答复", null, Art("第二十四条第一款第（三）项")) with
                    {
                        OnApprove = "filing",
                        OnReject = "coordination-request",
                    },
                    AuthorityStep("filing", "提供部门同意提供的，报县政务服务中心备案", null, Art("第二十四条第一款第（三）项")) with
                    {
                        OnApprove = FlowRoute.Approved,
                    },
                    CoordinationRequest(Art("第二十四条第二款")),
                    Coordination("县政务服务中心协调处理", Art("第二十四条第二款")),
                ],
                Art("第二十四条"),
                Notes: "确需使用不予共享类的政务数据，由使用部门、提供部门协商解决。提供部门同意提供的，应当报县政务服务中心备案。"
                    + "使用部门、提供部门对政务数据共享发生争议的，由县政务服务中心协调处理。")
            {
                Coordination = new("coordination", Art("第二十四条第二款")),
            },
            // Art. 26 ¶3: 不予共享类 … 由数据申请部门与数源部门协商解决；协商未果的由市政务数据主管部门提请协调.
            Jurisdiction.Foshan => new FlowRule(FlowKeys.ShareNegotiation, FlowNames.ShareNegotiation,
                [
                    ProviderReply("reply", "数据申请部门与数源部门协商，数源部门答复", null, Art("第二十六条第三款")) with
                    {
                        OnApprove = FlowRoute.Approved,
                        OnReject = "coordination-request",
                    },
                    CoordinationRequest(Art("第二十六条第三款")),
                    Coordination("市政务数据主管部门提请协调解决", Art("第二十六条第三款")),
                ],
                Art("第二十六条"),
                Notes: "对于不予共享类或数据申请部门不能满足共享条件但因履职确需使用的数据，由数据申请部门与数源部门协商解决；协商未果的，由市政务数据主管部门提请协调。")
            {
                Coordination = new("coordination", Art("第二十六条第三款")),
            },
            _ => new FlowRule(FlowKeys.ShareNegotiation, FlowNames.ShareNegotiation,
                [ProviderReply("reply", "提供部门答复", null, shareTypes, reading: NegotiationReading)],
                shareTypes,
                Notes: "原文仅规定不予共享类数据的含义，未规定协商程序；本系统由提供部门答复，不同意的须说明理由。"),
        };
    }
}
