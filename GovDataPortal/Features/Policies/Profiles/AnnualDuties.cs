namespace GovDataPortal.Features.Policies;

/// <summary>A yearly duty with a calendar due date rather than a working-day deadline (changsha Art. 25, hubei Art. 11 and 38).</summary>
public sealed record AnnualDuty(string Name, string Due, Citation Citation);

public static class AnnualDuties
{
    public static IReadOnlyList<AnnualDuty> Of(Jurisdiction jurisdiction) => jurisdiction switch
    {
        Jurisdiction.Changsha =>
        [
            new("各政务部门更新本部门数据共享清单、数据开放清单、数据应用场景清单", "每年", new(Jurisdiction.Changsha, "第二十五条第一款")),
            new("市数据资源局汇总、确认并公布全市3张清单", "定期", new(Jurisdiction.Changsha, "第二十五条第二款")),
        ],
        Jurisdiction.Hubei =>
        [
            new("政务数据资源目录全面维护", "每年不少于一次", new(Jurisdiction.Hubei, "第十一条")),
            new("市（州）人民政府、省级政务部门向省级政务数据主管部门提交上一年度情况报告", "每年1月底前", new(Jurisdiction.Hubei, "第三十八条")),
            new("省级政务数据主管部门向省人民政府提交上一年度年度报告", "每年2月底前", new(Jurisdiction.Hubei, "第三十八条")),
        ],
        _ => [],
    };
}
