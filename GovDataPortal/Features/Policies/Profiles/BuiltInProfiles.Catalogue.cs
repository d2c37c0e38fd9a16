namespace GovDataPortal.Features.Policies;

public static partial class BuiltInProfiles
{
    /// <summary>
    /// The catalogue's own flows under <paramref name="j"/>: review and publication (the department compiles, its
    /// 部门审核人 reviews, the data authority reviews, then it is published) and withdrawal (the authority approves). No
    /// regulation gives the reviews a day count, so their steps carry none.
    /// </summary>
    private static IEnumerable<FlowRule> CatalogueLifecycle(Jurisdiction j)
    {
        Citation Art(string article) => new(j, article);
        var (flow, department, authority, withdrawal, notes) = j switch
        {
            // Art. 16 ¶2: 各级政务部门…在市数据资源管理平台编制、发布、更新信息资源目录和数据资源目录.
            Jurisdiction.Changsha => (Art("第十六条"), Art("第十六条第二款"), Art("第十六条第二款"), Art("第十六条第二款"),
                "政务部门在市数据资源管理平台编制、发布、更新目录；原文未规定审核期限。"),
            // Art. 17 ¶1: 由政务部门…编制，经县政务服务中心审核，由政务部门在共享平台发布和维护; Art. 18: 中心审核、汇总.
            Jurisdiction.Shuangpai => (Art("第十七条"), Art("第十七条第一款"), Art("第十八条"), Art("第十七条第一款"),
                "政务部门编制目录，经县政务服务中心审核后在共享平台发布和维护；原文未规定审核期限。"),
            // Art. 10 ¶3-4: the authority leads compiling and maintaining the region's catalogue, departments compile theirs.
            Jurisdiction.Hubei => (Art("第十条"), Art("第十条第四款"), Art("第十条第三款"), Art("第十条第三款"),
                "政务部门按目录编制规范编制和维护本部门目录，政务数据主管部门牵头编制、维护本行政区域目录；原文未规定审核期限。"),
            // Art. 8: 全面、准确编制本单位数据目录，并在市政务数据汇聚共享平台登记.
            Jurisdiction.Longyan => (Art("第八条"), Art("第八条"), Art("第八条"), Art("第八条"),
                "数据生产应用单位编制本单位数据目录并在市政务数据汇聚共享平台登记；原文未规定审核期限。"),
            // Art. 17: 对本部门数据资源目录进行编制、审核、发布 (and 新增、删除 under the city's rules).
            Jurisdiction.Foshan => (Art("第十七条"), Art("第十七条"), Art("第十七条"), Art("第十七条"),
                "各政务部门对本部门数据资源目录进行编制、审核、发布；原文未规定审核期限。"),
            _ => throw new ArgumentOutOfRangeException(nameof(j)),
        };
        yield return new FlowRule(FlowKeys.CatalogueReview, FlowNames.CatalogueReview,
            [
                ProviderReply("department-review", "部门审核", null, department),
                AuthorityStep("authority-review", "主管部门审核", null, authority, StepActions.Approve | StepActions.Reject),
            ],
            flow,
            Notes: notes + "审核人可以全部通过，或将部分条目连同意见退回修改；提交人不能审核本人提交的目录。");
        yield return new FlowRule(FlowKeys.CatalogueWithdrawal, FlowNames.CatalogueWithdrawal,
            [AuthorityStep("authority-approval", "主管部门审核撤销", null, withdrawal, StepActions.Approve | StepActions.Reject)],
            withdrawal,
            Notes: "提供部门说明撤销理由，经数据主管部门同意后撤销；已撤销条目的信息资源代码不再使用（本系统的做法）。");
    }
}
