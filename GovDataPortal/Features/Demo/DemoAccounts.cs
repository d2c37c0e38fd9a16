using GovDataPortal.Features.Identity;

namespace GovDataPortal.Features.Demo;

/// <summary>The demo users of 双牌县. Names and password are stable: README.md lists them and run.sh prints them.</summary>
public static class DemoAccounts
{
    /// <summary>Shared by every demo account; development data only.</summary>
    public const string Password = "Demo@Portal2026";

    public sealed record Account(string UserName, string DisplayName, string Department, string Role, string? Phone);

    public const string Centre = "双牌县政务服务中心";
    public const string Police = "双牌县公安局";
    public const string Market = "双牌县市场监督管理局";
    public const string HumanResources = "双牌县人力资源和社会保障局";

    public static readonly IReadOnlyList<Account> All =
    [
        new("zhangwei", "张伟", Police, PortalRoles.DataSpecialist, "13807461201"),
        new("lina", "李娜", Police, PortalRoles.DepartmentApprover, null),
        new("wangqiang", "王强", Police, PortalRoles.Leadership, null),
        new("liuyang", "刘洋", Market, PortalRoles.DataSpecialist, "13807461202"),
        new("chenjing", "陈静", Market, PortalRoles.DepartmentApprover, null),
        new("yangfan", "杨帆", HumanResources, PortalRoles.DataSpecialist, "13807461203"),
        new("zhaomin", "赵敏", Centre, PortalRoles.AuthorityReviewer, "13807461200"),
        new("zhoutao", "周涛", Centre, PortalRoles.Leadership, null),
        new("admin", "吴刚", Centre, PortalRoles.SystemAdmin, null),
        new("security", "郑丽", Centre, PortalRoles.SecurityAdmin, null),
        new("auditor", "孙敏", Centre, PortalRoles.Auditor, null),
    ];

    public static string Describe() =>
        "演示账户（密码均为 " + Password + "）：\n" + string.Join("\n", All.Select(a =>
            $"  {a.UserName,-10} {a.DisplayName}  {a.Department}  {PortalRoles.DisplayName(a.Role)}"));
}
