using GovDataPortal.Features.Identity;

namespace GovDataPortal.Features.Demo;

/// <summary>
/// The demo users of 双牌县. Names and password are stable: README.md lists them and run.sh prints them. Every demo
/// department has each role the built-in regulations' flows give tasks to (Organisation's RoleCoverage), so no demo
/// flow stops at a department without someone to act: the four departments the walkthroughs use have named people,
/// the others one account per role named after the department (<see cref="Others"/>).
/// </summary>
public static class DemoAccounts
{
    /// <summary>Shared by every demo account; development data only.</summary>
    public const string Password = "Demo@Portal2026";

    public sealed record Account(string UserName, string DisplayName, string Department, string Role, string? Phone);

    /// <summary>A department without named people: its accounts are <c>{Code}.zgy</c>, <c>{Code}.shr</c> and <c>{Code}.ld</c>.</summary>
    public sealed record OtherDepartment(string Name, string Code, string ShortName);

    public const string Centre = "双牌县政务服务中心";

    /// <summary>The city's data authority above the county centre (shuangpai Art. 24(2): the city decides conditional shares).</summary>
    public const string CityAuthority = "永州市数据资源局";
    public const string Police = "双牌县公安局";
    public const string Market = "双牌县市场监督管理局";
    public const string HumanResources = "双牌县人力资源和社会保障局";

    public static readonly IReadOnlyList<Account> Named =
    [
        new("zhangwei", "张伟", Police, PortalRoles.DataSpecialist, "13807461201"),
        new("lina", "李娜", Police, PortalRoles.DepartmentApprover, null),
        new("wangqiang", "王强", Police, PortalRoles.Leadership, null),
        new("liuyang", "刘洋", Market, PortalRoles.DataSpecialist, "13807461202"),
        new("chenjing", "陈静", Market, PortalRoles.DepartmentApprover, null),
        new("huangjun", "黄军", Market, PortalRoles.Leadership, null),
        new("yangfan", "杨帆", HumanResources, PortalRoles.DataSpecialist, "13807461203"),
        new("zhuhong", "朱红", HumanResources, PortalRoles.DepartmentApprover, null),
        new("gaofeng", "高峰", HumanResources, PortalRoles.Leadership, null),
        new("zhaomin", "赵敏", Centre, PortalRoles.AuthorityReviewer, "13807461200"),
        new("linxia", "林霞", Centre, PortalRoles.DepartmentApprover, null),
        new("luopeng", "罗鹏", Centre, PortalRoles.DataSpecialist, null),
        new("zhoutao", "周涛", Centre, PortalRoles.Leadership, null),
        new("admin", "吴刚", Centre, PortalRoles.SystemAdmin, null),
        new("security", "郑丽", Centre, PortalRoles.SecurityAdmin, null),
        new("auditor", "孙敏", Centre, PortalRoles.Auditor, null),
        new("yangli", "杨丽", CityAuthority, PortalRoles.AuthorityReviewer, null),
        new("zhouping", "周平", CityAuthority, PortalRoles.DataSpecialist, null),
    ];

    public static readonly IReadOnlyList<OtherDepartment> Others =
    [
        new("双牌县民政局", "minzheng", "民政局"),
        new("双牌县卫生健康局", "weijian", "卫健局"),
        new("双牌县自然资源局", "ziyuan", "自然资源局"),
        new("国家税务总局双牌县税务局", "shuiwu", "税务局"),
        new("双牌县医疗保障局", "yibao", "医保局"),
        new("双牌县不动产登记中心", "budongchan", "不动产登记中心"),
        new("双牌县发展和改革局", "fagai", "发改局"),
        new("双牌县教育局", "jiaoyu", "教育局"),
        new("双牌县财政局", "caizheng", "财政局"),
        new("双牌县住房和城乡建设局", "zhujian", "住建局"),
        new("双牌县交通运输局", "jiaotong", "交通运输局"),
        new("双牌县农业农村局", "nongye", "农业农村局"),
        new("双牌县水利局", "shuili", "水利局"),
        new("双牌县林业局", "linye", "林业局"),
        new("永州市生态环境局双牌分局", "shengtai", "生态环境分局"),
        new("双牌县应急管理局", "yingji", "应急管理局"),
        new("双牌县统计局", "tongji", "统计局"),
        new("双牌县司法局", "sifa", "司法局"),
        new("双牌县退役军人事务局", "tuiyi", "退役军人事务局"),
        new("双牌县文化旅游广电体育局", "wenlv", "文旅广体局"),
        new("双牌县商务局", "shangwu", "商务局"),
        new("国网湖南省电力有限公司双牌县供电分公司", "gongdian", "供电公司"),
        new("双牌县自来水有限责任公司", "zilaishui", "自来水公司"),
    ];

    /// <summary>The user-name suffix of each role an <see cref="OtherDepartment"/> has (pinyin initials of the role).</summary>
    public static readonly IReadOnlyList<(string Suffix, string Role)> OtherRoles =
    [
        ("zgy", PortalRoles.DataSpecialist),
        ("shr", PortalRoles.DepartmentApprover),
        ("ld", PortalRoles.Leadership),
    ];

    public static readonly IReadOnlyList<Account> All =
    [
        .. Named,
        .. Others.SelectMany(d => OtherRoles.Select(r =>
            new Account($"{d.Code}.{r.Suffix}", d.ShortName + PortalRoles.DisplayName(r.Role), d.Name, r.Role, null))),
    ];

    public static string Describe() =>
        "演示账户（密码均为 " + Password + "）：\n"
        + string.Join("\n", Named.Select(a => $"  {a.UserName,-10} {a.DisplayName}  {a.Department}  {PortalRoles.DisplayName(a.Role)}"))
        + "\n其余部门每个部门三个账户："
        + string.Join("、", OtherRoles.Select(r => $"<代码>.{r.Suffix}（{PortalRoles.DisplayName(r.Role)}）"))
        + "，例如 minzheng.ld 为双牌县民政局领导。部门代码：\n"
        + string.Join("\n", Others.Chunk(4).Select(line => "  " + string.Join("  ", line.Select(d => $"{d.Code} {d.ShortName}"))));
}
